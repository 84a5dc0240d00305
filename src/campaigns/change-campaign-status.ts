import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { assertCampaignGrant } from '../access/grants.js';
import type { Clock } from '../shared/clock.js';
import { AppError, notFound } from '../shared/errors.js';
import type { CampaignAction, CampaignStatus, Database } from '../storage/schema.js';
import { ABANDONING_MODES, definitionFromRow, type CampaignDefinition } from './campaign-definition.js';
import { assertOwnersFit, attachedListIds } from './campaign-references.js';
import { loadCampaignView, type CampaignView } from './campaign-view.js';
import { allowedActions, transition } from './lifecycle.js';
import { checkOwnerColumn, listShapes } from './list-columns.js';

export type SupervisorAction = Exclude<CampaignAction, 'complete'>;

/**
 * Start, pause, stop or recycle a campaign (L8, L7/O8) — admin, or supervisor with a grant.
 * Illegal moves answer 409 invalid_state with the current status and the allowed actions;
 * a campaign that is not ready to start answers 409 with everything that is missing. The
 * dialer engine reacts to the stored status; recycling bumps `recycle_count`, which tells it
 * to restart the lists from the top.
 */
export async function changeCampaignStatus(db: Kysely<Database>, clock: Clock, actor: Actor, id: number, action: SupervisorAction): Promise<CampaignView> {
  await assertCampaignGrant(db, actor, id);
  await applyAction(db, clock, id, action, actor.userId);
  return loadCampaignView(db, actor, id);
}

/** For the dialer engine: a running campaign with nothing left to dial becomes complete. */
export async function completeCampaign(db: Kysely<Database>, clock: Clock, id: number): Promise<void> {
  await applyAction(db, clock, id, 'complete', null);
}

async function applyAction(db: Kysely<Database>, clock: Clock, id: number, action: CampaignAction, actorId: number | null): Promise<void> {
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('Campaign', id);
  const next = transition(row.status, action);
  const definition = definitionFromRow(row);
  const listIds = await attachedListIds(db, id);
  if (action === 'start') await assertReadyToStart(db, id, definition, listIds, row.status);
  if (action === 'start' || action === 'recycle') await assertOwnersFit(db, definition, listIds, 'lists');

  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('campaigns')
      .set((eb) => ({
        status: next,
        status_changed_at: now,
        updated_at: now,
        ...(actorId !== null && { updated_by: actorId }),
        ...(action === 'start' && row.first_started_at === null && { first_started_at: now }),
        ...(action === 'recycle' && { recycle_count: eb('recycle_count', '+', 1), last_recycled_at: now }),
      }))
      .where('id', '=', id)
      .where('status', '=', row.status)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) {
      // Someone else moved it first: answer from the state it is in now.
      const fresh = await trx.selectFrom('campaigns').select('status').where('id', '=', id).executeTakeFirst();
      throw new AppError('invalid_state', `Campaign ${id} changed while you were acting on it; it is now ${fresh?.status ?? 'deleted'}. Reload and try again.`, {
        status: fresh?.status ?? null,
        action,
        allowedActions: fresh ? allowedActions(fresh.status) : [],
      });
    }
    await trx.insertInto('campaign_status_changes').values({ campaign_id: id, action, from_status: row.status, to_status: next, actor_id: actorId, at: now }).execute();
  });
}

interface Missing {
  field: string;
  problem: string;
}

/** What a campaign needs before it can dial: lists with records, a caller ID, and for regulated abandoning modes a message. */
async function assertReadyToStart(db: Kysely<Database>, id: number, d: CampaignDefinition, listIds: number[], status: CampaignStatus): Promise<void> {
  const missing: Missing[] = [];
  if (listIds.length === 0) {
    missing.push({ field: 'lists', problem: `no contact list is attached (PUT /api/campaigns/${id}/lists/{listId})` });
  } else {
    const shapes = await listShapes(db, listIds);
    if (!shapes.some((s) => s.hasRecords)) missing.push({ field: 'lists', problem: 'the attached lists have no imported records yet (wait for the import to finish, or attach another list)' });
    if (d.mode === 'agent_owned_preview' && d.ownerColumn) {
      missing.push(...checkOwnerColumn(d.ownerColumn, shapes, 'lists').map((i) => ({ field: 'lists', problem: i.problem })));
    }
  }
  if (!d.callerId) missing.push({ field: 'callerId', problem: 'no caller ID is set (callerId, in E.164 such as +12025550143)' });
  if (ABANDONING_MODES.includes(d.mode) && d.regulatoryProfile !== 'none' && !d.abandonMessage) {
    missing.push({ field: 'abandonMessage', problem: `${d.mode} mode under the ${d.regulatoryProfile.toUpperCase()} profile must play a message on abandoned calls (abandonMessage)` });
  }
  if (missing.length === 0) return;
  throw new AppError('invalid_state', `Campaign ${id} cannot start yet: ${missing.map((m) => m.problem).join('; ')}.`, {
    status,
    action: 'start',
    missing,
    allowedActions: allowedActions(status),
  });
}
