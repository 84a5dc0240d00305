import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../access/actor.js';
import type { Config } from '../config.js';
import type { DialerRuntime } from '../dialer/dialer-runtime.js';
import type { DoNotCall } from '../dnc/do-not-call.js';
import type { Clock } from '../shared/clock.js';
import type { Storage } from '../storage/database.js';

/** The Fastify instance with zod schemas as the type provider: one schema validates, types and documents. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** What the HTTP edge hands to use cases; wired once in src/main.ts (the composition root). */
export interface AppDeps {
  storage: Storage;
  clock: Clock;
  config: Config;
  /** L4: the in-memory do-not-call set, loaded at start; the dialer asks it before every dial. */
  dnc: DoNotCall;
  /** Issue 4: the dialer on this node; the agent and dial-status routes exist only when it is given. */
  dialer?: DialerRuntime;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without signing in (sign-in itself, health). Every other /api route needs an actor. */
    public?: boolean;
    /** The roles allowed; checked before the handler runs. */
    roles?: readonly import('../storage/schema.js').Role[];
  }
}
