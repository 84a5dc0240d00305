import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { grantedCampaignIds } from '../access/grants.js';
import type { Clock } from '../shared/clock.js';
import { AppError, type ErrorCode } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import type { ReassignRequest } from './callback-schemas.js';
import { assigneeRefusals } from './check-assignee.js';

/**
 * C8: hand many callbacks to one agent (or to anyone in the queue) at once — an absent agent's,
 * for example. All or nothing: if any callback is refused, none changes, and the error lists
 * every refused callback with its reason. Refused: a callback that does not exist, one of a
 * campaign the supervisor holds no grant on, one no longer pending (delivered to an agent, done,
 * cancelled), and one whose campaign's queue the new assignee is not an active member of.
 */
export type RefusalReason = 'not_found' | 'no_grant' | 'not_pending' | 'assignee_not_allowed';

export interface Refusal {
  callbackId: number;
  campaignId: number | null;
  reason: RefusalReason;
  message: string;
}

export interface Reassignment {
  reassigned: number;
  assigneeId: number | null;
  callbackIds: number[];
}

/** The error code of the batch is that of its most basic refusal. */
const CODES: ReadonlyArray<[RefusalReason, ErrorCode]> = [['not_found', 'not_found'], ['no_grant', 'forbidden'], ['not_pending', 'invalid_state'], ['assignee_not_allowed', 'validation_failed']];

export async function reassignCallbacks(db: Kysely<Database>, clock: Clock, actor: Actor, req: ReassignRequest): Promise<Reassignment> {
  const ids = [...new Set(req.callbackIds)];
  const granted = await grantedCampaignIds(db, actor);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('callbacks as c')
      .innerJoin('campaigns as k', 'k.id', 'c.campaign_id')
      .select(['c.id', 'c.campaign_id', 'c.status', 'k.queue_id'])
      .where('c.id', 'in', ids)
      .where('k.deleted_at', 'is', null)
      .forUpdate('c')
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const refused: Refusal[] = [];
    for (const id of ids) {
      const r = byId.get(id);
      if (!r) refused.push({ callbackId: id, campaignId: null, reason: 'not_found', message: `Callback ${id} does not exist.` });
      else if (granted && !granted.includes(r.campaign_id)) refused.push({ callbackId: id, campaignId: r.campaign_id, reason: 'no_grant', message: `You hold no grant on campaign ${r.campaign_id}.` });
      else if (r.status !== 'pending') refused.push({ callbackId: id, campaignId: r.campaign_id, reason: 'not_pending', message: `Callback ${id} is ${r.status}; only pending callbacks are reassigned.` });
    }
    const allowed = rows.filter((r) => !refused.some((x) => x.callbackId === r.id));
    const byQueue = new Map((await assigneeRefusals(trx, req.assigneeId, allowed.map((r) => r.queue_id))).map((x) => [x.queueId, x]));
    for (const r of allowed) {
      const problem = byQueue.get(r.queue_id);
      if (problem) refused.push({ callbackId: r.id, campaignId: r.campaign_id, reason: 'assignee_not_allowed', message: problem.message });
    }
    if (refused.length > 0) throw refusedError(refused, ids.length);
    await trx.updateTable('callbacks').set({ assignee_id: req.assigneeId, updated_at: clock.now(), updated_by: actor.userId }).where('id', 'in', ids).execute();
    return { reassigned: ids.length, assigneeId: req.assigneeId, callbackIds: ids };
  });
}

function refusedError(refused: Refusal[], asked: number): AppError {
  const [, code] = CODES.find(([reason]) => refused.some((x) => x.reason === reason))!;
  const sorted = [...refused].sort((a, b) => a.callbackId - b.callbackId);
  const shown = sorted.slice(0, 5).map((x) => `${x.callbackId}: ${x.message}`).join(' ');
  const more = sorted.length > 5 ? ` …and ${sorted.length - 5} more (see details).` : '';
  return new AppError(code, `Nothing was reassigned: ${refused.length} of ${asked} callbacks are refused. ${shown}${more} Leave them out or fix them, then send again.`, {
    refused: sorted.map((x) => ({ ...x })),
  });
}
