import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../shared/clock.js';
import type { Database } from '../storage/schema.js';
import { OPEN_STATUSES } from './callback-alert.js';
import { callbackRows, selectCallbackColumns } from './callback-rows.js';
import { callbackView, toCallbackView } from './callback-view.js';
import { userTimeZone } from './search-callbacks.js';

/**
 * C5: "my callbacks" for today — those assigned to me whose window starts today in my time
 * zone (done ones included, so the day reads complete), and earlier ones still open
 * (overdue work does not vanish at midnight). Oldest first.
 */
export const myCallbacksToday = z
  .object({
    date: z.string().describe('today in my time zone, yyyy-mm-dd'),
    timeZone: z.string(),
    from: z.string(),
    to: z.string(),
    items: z.array(callbackView),
  })
  .meta({ id: 'MyCallbacksToday' });
export type MyCallbacksToday = z.infer<typeof myCallbacksToday>;

/** A day's list is short; this caps a pathological one. */
const MOST = 1000;

export async function listMyCallbacksToday(db: Kysely<Database>, clock: Clock, actor: Actor): Promise<MyCallbacksToday> {
  const now = clock.now();
  const timeZone = await userTimeZone(db, actor.userId);
  const day = DateTime.fromJSDate(now).setZone(timeZone).startOf('day');
  const from = day.toJSDate();
  const to = day.plus({ days: 1 }).toJSDate();
  const rows = await selectCallbackColumns(callbackRows(db))
    .where('c.assignee_id', '=', actor.userId)
    .where('c.window_start', '<', to)
    .where((eb) => eb.or([eb('c.window_start', '>=', from), eb('c.status', 'in', [...OPEN_STATUSES])]))
    .orderBy('c.window_start')
    .orderBy('c.id')
    .limit(MOST)
    .execute();
  return { date: day.toISODate()!, timeZone, from: from.toISOString(), to: to.toISOString(), items: rows.map((r) => toCallbackView(r, now)) };
}
