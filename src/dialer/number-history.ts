import type { NumberAttempt } from './claim-records.js';

/**
 * What the dial-time check needs to know about a number's recent calls (L6 per-number daily
 * limit; UK: no redial within 72 h of an abandoned call or 24 h of a machine): the attempts
 * loaded with the records from the database, merged with the calls this engine has placed
 * since — two records of the buffer may share a number, and the second must see the first's
 * call before it is written. Attempts are keyed by ID, so loading one twice changes nothing.
 */
export interface NumberFacts {
  numberAttempts: Date[];
  lastAbandonedAt: Date | null;
  lastMachineAt: Date | null;
}

/** Longest look-back any rule needs: the UK 72 hours after an abandoned call. */
export const HISTORY_WINDOW_MS = 72 * 3_600_000;

export class NumberHistory {
  private readonly byNumber = new Map<string, Map<string, { at: Date; result: string | null }>>();

  load(attempts: readonly NumberAttempt[]): void {
    for (const a of attempts) this.note(a.number, a.id, a.at, a.result);
  }

  /** A dial placed (result null) or its result known. */
  note(number: string, attemptId: string, at: Date, result: string | null): void {
    let calls = this.byNumber.get(number);
    if (!calls) this.byNumber.set(number, (calls = new Map()));
    const known = calls.get(attemptId);
    calls.set(attemptId, { at: known?.at ?? at, result: result ?? known?.result ?? null });
  }

  facts(number: string): NumberFacts {
    const calls = this.byNumber.get(number);
    const facts: NumberFacts = { numberAttempts: [], lastAbandonedAt: null, lastMachineAt: null };
    if (!calls) return facts;
    for (const { at, result } of calls.values()) {
      facts.numberAttempts.push(at);
      if (result === 'abandoned' && (!facts.lastAbandonedAt || at > facts.lastAbandonedAt)) facts.lastAbandonedAt = at;
      if (result === 'machine' && (!facts.lastMachineAt || at > facts.lastMachineAt)) facts.lastMachineAt = at;
    }
    return facts;
  }

  /** Forgets calls older than the look-back window. */
  prune(now: Date): void {
    const oldest = now.getTime() - HISTORY_WINDOW_MS;
    for (const [number, calls] of this.byNumber) {
      for (const [id, c] of calls) if (c.at.getTime() < oldest) calls.delete(id);
      if (calls.size === 0) this.byNumber.delete(number);
    }
  }

  get size(): number {
    return this.byNumber.size;
  }
}
