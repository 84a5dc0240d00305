import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { assertCampaignGrant, grantedCampaignIds } from '../access/grants.js';
import type { Clock } from '../shared/clock.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Page, PageQuery } from '../shared/pagination.js';
import type { Database } from '../storage/schema.js';
import { toCallbackView, type CallbackView } from './callback-view.js';

/**
 * Callbacks as far as access goes (A1, C4): an agent sees only callbacks assigned to them;
 * a supervisor sees and edits only those of campaigns they are granted; admins see all.
 * Search, alerts and delivery belong to the callbacks issue and build on these checks.
 */
export async function listCallbacks(db: Kysely<Database>, actor: Actor, page: PageQuery): Promise<Page<CallbackView>> {
  let query = db.selectFrom('callbacks');
  if (actor.role === 'agent') query = query.where('assignee_id', '=', actor.userId);
  const granted = await grantedCampaignIds(db, actor);
  if (actor.role === 'supervisor') query = granted && granted.length > 0 ? query.where('campaign_id', 'in', granted) : query.where((eb) => eb.lit(false));
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('window_start').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toCallbackView), total: Number(count.n), limit: page.limit, offset: page.offset };
}

export async function getCallback(db: Kysely<Database>, actor: Actor, id: number): Promise<CallbackView> {
  const row = await db.selectFrom('callbacks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Callback', id);
  if (actor.role === 'agent' && row.assignee_id !== actor.userId) throw notFound('Callback', id);
  if (actor.role === 'supervisor') await assertCampaignGrant(db, actor, row.campaign_id);
  return toCallbackView(row);
}

export interface CallbackChanges {
  windowStart?: string | undefined;
  windowEnd?: string | undefined;
  timeZone?: string | undefined;
  assigneeId?: number | null | undefined;
  dialGroup?: string | null | undefined;
  notes?: string | undefined;
}

export async function updateCallback(db: Kysely<Database>, clock: Clock, actor: Actor, id: number, changes: CallbackChanges): Promise<CallbackView> {
  const row = await db.selectFrom('callbacks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Callback', id);
  if (actor.role === 'agent') {
    if (row.assignee_id !== actor.userId) throw notFound('Callback', id);
    throw new AppError('forbidden', 'Agents reschedule their callbacks from the desktop; only a supervisor with a grant edits them here.');
  }
  await assertCampaignGrant(db, actor, row.campaign_id);
  const start = changes.windowStart ? new Date(changes.windowStart) : row.window_start;
  const end = changes.windowEnd ? new Date(changes.windowEnd) : row.window_end;
  if (end.getTime() < start.getTime()) throw new AppError('validation_failed', 'The window ends before it starts; set windowEnd after windowStart.', { windowStart: start.toISOString(), windowEnd: end.toISOString() });
  const updated = await db
    .updateTable('callbacks')
    .set({
      window_start: start,
      window_end: end,
      ...(changes.timeZone !== undefined && { time_zone: changes.timeZone }),
      ...(changes.assigneeId !== undefined && { assignee_id: changes.assigneeId }),
      ...(changes.dialGroup !== undefined && { dial_group: changes.dialGroup }),
      ...(changes.notes !== undefined && { notes: changes.notes }),
      updated_at: clock.now(),
      updated_by: actor.userId,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCallbackView(updated);
}
