import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { assertCampaignGrant } from '../access/grants.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { definitionFromRow } from './campaign-definition.js';
import { assertOwnersFit, attachedListIds } from './campaign-references.js';
import { loadCampaignView, type CampaignView } from './campaign-view.js';

/**
 * Attaching and detaching a campaign's contact lists and do-not-call lists (admin, or
 * supervisor with a grant). Attaching is idempotent. An agent-owned campaign checks the new
 * list's owner column and the 200-owner limit (O1, O2) before attaching it.
 */
async function liveCampaign(db: Kysely<Database>, actor: Actor, id: number) {
  await assertCampaignGrant(db, actor, id);
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('Campaign', id);
  return row;
}

export async function attachList(db: Kysely<Database>, actor: Actor, id: number, listId: number): Promise<CampaignView> {
  const row = await liveCampaign(db, actor, id);
  const list = await db.selectFrom('contact_lists').select(['id', 'deleted_at']).where('id', '=', listId).executeTakeFirst();
  if (!list || list.deleted_at) throw notFound('Contact list', listId);
  const current = await attachedListIds(db, id);
  if (!current.includes(listId)) {
    await assertOwnersFit(db, definitionFromRow(row), [...current, listId], 'listId');
    const last = await db.selectFrom('campaign_lists').select((eb) => eb.fn.max('position').as('p')).where('campaign_id', '=', id).executeTakeFirst();
    await db
      .insertInto('campaign_lists')
      .values({ campaign_id: id, list_id: listId, position: last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1 })
      .onConflict((oc) => oc.columns(['campaign_id', 'list_id']).doNothing())
      .execute();
  }
  return loadCampaignView(db, actor, id);
}

/** A running campaign keeps at least one list: pause or stop it, or attach another, before removing the last. */
export async function detachList(db: Kysely<Database>, actor: Actor, id: number, listId: number): Promise<CampaignView> {
  const row = await liveCampaign(db, actor, id);
  const current = await attachedListIds(db, id);
  const attached = await db.selectFrom('campaign_lists').select('list_id').where('campaign_id', '=', id).where('list_id', '=', listId).executeTakeFirst();
  if (!attached) throw notFound(`Contact list attached to campaign ${id}:`, listId);
  if (row.status === 'running' && current.length === 1 && current[0] === listId) {
    const list = await db.selectFrom('contact_lists').select('name').where('id', '=', listId).executeTakeFirst();
    throw new AppError('invalid_state', `“${list?.name ?? listId}” is the only list of running campaign “${row.name}”; attach another list first, or pause or stop the campaign.`, {
      status: row.status,
      action: 'detach_list',
    });
  }
  await db.deleteFrom('campaign_lists').where('campaign_id', '=', id).where('list_id', '=', listId).execute();
  return loadCampaignView(db, actor, id);
}

export async function attachDncList(db: Kysely<Database>, actor: Actor, id: number, dncListId: number): Promise<CampaignView> {
  await liveCampaign(db, actor, id);
  const list = await db.selectFrom('dnc_lists').select('id').where('id', '=', dncListId).executeTakeFirst();
  if (!list) throw notFound('Do-not-call list', dncListId);
  await db
    .insertInto('campaign_dnc_lists')
    .values({ campaign_id: id, dnc_list_id: dncListId })
    .onConflict((oc) => oc.columns(['campaign_id', 'dnc_list_id']).doNothing())
    .execute();
  return loadCampaignView(db, actor, id);
}

export async function detachDncList(db: Kysely<Database>, actor: Actor, id: number, dncListId: number): Promise<CampaignView> {
  await liveCampaign(db, actor, id);
  const res = await db.deleteFrom('campaign_dnc_lists').where('campaign_id', '=', id).where('dnc_list_id', '=', dncListId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound(`Do-not-call list attached to campaign ${id}:`, dncListId);
  return loadCampaignView(db, actor, id);
}
