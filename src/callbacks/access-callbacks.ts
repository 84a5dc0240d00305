import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { assertCampaignGrant } from '../access/grants.js';
import type { Clock } from '../shared/clock.js';
import { AppError, notFound, validationFailed } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { callbackRows, selectCallbackColumns, type CallbackRow } from './callback-rows.js';
import type { CallbackChanges } from './callback-schemas.js';
import { toCallbackView, type CallbackView } from './callback-view.js';
import { assigneeRefusals } from './check-assignee.js';

/**
 * One callback (A1, C3) and its edit (C4): an agent sees only callbacks assigned to them
 * (another's answers 404); a supervisor sees and edits only those of campaigns they are
 * granted (403); admins all. The listing is search-callbacks.ts.
 */
export async function getCallback(db: Kysely<Database>, clock: Clock, actor: Actor, id: number): Promise<CallbackView> {
  const row = await loadVisible(db, actor, id);
  return toCallbackView(row, clock.now());
}

async function loadVisible(db: Kysely<Database>, actor: Actor, id: number): Promise<CallbackRow> {
  const row = await selectCallbackColumns(callbackRows(db)).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Callback', id);
  if (actor.role === 'agent' && row.assignee_id !== actor.userId) throw notFound('Callback', id);
  if (actor.role === 'supervisor') await assertCampaignGrant(db, actor, row.campaign_id);
  return row;
}

/** C4: time, zone, dial group (only the batch's), assignee (a member of the queue), notes; updated at and by recorded. */
export async function updateCallback(db: Kysely<Database>, clock: Clock, actor: Actor, id: number, changes: CallbackChanges): Promise<CallbackView> {
  const row = await loadVisible(db, actor, id);
  if (actor.role === 'agent') throw new AppError('forbidden', 'Agents reschedule their callbacks from the desktop; only a supervisor with a grant edits them here.');
  const start = changes.windowStart ? new Date(changes.windowStart) : row.window_start;
  const end = changes.windowEnd ? new Date(changes.windowEnd) : row.window_end;
  if (end.getTime() < start.getTime()) throw validationFailed('The window ends before it starts; set windowEnd after windowStart.', { windowStart: start.toISOString(), windowEnd: end.toISOString() });
  if (changes.dialGroup !== undefined && changes.dialGroup !== null && changes.dialGroup !== row.queue_name) {
    throw validationFailed(`"${changes.dialGroup}" is not a dial group of batch ${row.batch ?? '(none)'}; its dial group is the campaign's queue "${row.queue_name}".`, {
      field: 'dialGroup',
      allowed: [row.queue_name],
    });
  }
  if (changes.assigneeId !== undefined) {
    const [refused] = await assigneeRefusals(db, changes.assigneeId, [row.queue_id]);
    if (refused) throw validationFailed(refused.message, { field: 'assigneeId', problem: refused.problem });
  }
  const now = clock.now();
  await db
    .updateTable('callbacks')
    .set({
      window_start: start,
      window_end: end,
      ...(changes.timeZone !== undefined && { time_zone: changes.timeZone }),
      ...(changes.assigneeId !== undefined && { assignee_id: changes.assigneeId }),
      // The campaign's queue is the batch's one dial group: stored as null, so a renamed queue still matches.
      ...(changes.dialGroup !== undefined && { dial_group: null }),
      ...(changes.notes !== undefined && { notes: changes.notes }),
      updated_at: now,
      updated_by: actor.userId,
    })
    .where('id', '=', id)
    .execute();
  return toCallbackView(await loadVisible(db, actor, id), now);
}
