import { type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { CallbackStatus, Database } from '../storage/schema.js';

/**
 * C2, C3: how a callback stands against its promised window, as of `now` (the injected clock):
 * - `overdue`     the window has ended and the callback is still open;
 * - `due`         now is inside the window (start and end included);
 * - `approaching` the window starts within the next 10 minutes;
 * - null          later than that, or the callback is done or cancelled.
 * Open means pending (waiting for its time) or delivered (in an agent's hands).
 */
export const ALERTS = ['overdue', 'due', 'approaching'] as const;
export type Alert = (typeof ALERTS)[number];

export const APPROACHING_MS = 10 * 60_000;
export const OPEN_STATUSES: readonly CallbackStatus[] = ['pending', 'delivered'];

export function callbackAlert(c: { status: CallbackStatus; window_start: Date; window_end: Date }, now: Date): Alert | null {
  if (!OPEN_STATUSES.includes(c.status)) return null;
  const t = now.getTime();
  if (c.window_end.getTime() < t) return 'overdue';
  if (c.window_start.getTime() <= t) return 'due';
  if (c.window_start.getTime() - t <= APPROACHING_MS) return 'approaching';
  return null;
}

type Callbacks = ExpressionBuilder<Database & { c: Database['callbacks'] }, 'c'>;

/** The same rule as SQL, for the search filter: one condition per alert asked for, joined with OR. */
export function alertCondition(eb: Callbacks, alerts: readonly Alert[], now: Date): Expression<SqlBool> {
  const soon = new Date(now.getTime() + APPROACHING_MS);
  const one = (a: Alert): Expression<SqlBool> => {
    if (a === 'overdue') return eb('c.window_end', '<', now);
    if (a === 'due') return eb.and([eb('c.window_start', '<=', now), eb('c.window_end', '>=', now)]);
    return eb.and([eb('c.window_start', '>', now), eb('c.window_start', '<=', soon)]);
  };
  return eb.and([eb('c.status', 'in', [...OPEN_STATUSES]), alerts.length === 1 ? one(alerts[0]!) : eb.or(alerts.map(one))]);
}
