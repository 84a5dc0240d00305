import { randomUUID } from 'node:crypto';

/** Unique identifiers are a port too: random in production, sequential (and so reproducible) in simulations. */
export interface Ids {
  /** A new identifier; `kind` ("attempt", "call", …) may be used as a prefix by deterministic implementations. */
  next(kind: string): string;
}

/** Production: RFC 4122 version 4 UUIDs. */
export const uuidIds: Ids = { next: () => randomUUID() };

/** Tests and simulations: `attempt-1`, `attempt-2`, `call-1`… one counter per kind, so a run is reproducible. */
export function sequentialIds(scope = ''): Ids {
  const counters = new Map<string, number>();
  return {
    next(kind: string): string {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      return `${kind}-${scope}${n}`;
    },
  };
}
