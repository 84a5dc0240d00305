import type { Kysely } from 'kysely';
import { AppError } from '../shared/errors.js';
import { recordingIssues } from '../recordings/manage-recordings.js';
import type { Database } from '../storage/schema.js';
import type { CampaignDefinition } from './campaign-definition.js';
import { countOwningAgents, MAX_OWNERS } from './campaign-owners.js';
import { throwIfIssues, type Issue } from './issues.js';
import { checkColumnsExist, checkOwnerColumn, listShapes } from './list-columns.js';

/**
 * Checks of a campaign against the rest of the database: its queue, name, lists and owners.
 * The pure rules are in validate-campaign.ts.
 */
export async function assertQueueExists(db: Kysely<Database>, queueId: number): Promise<void> {
  const queue = await db.selectFrom('queues').select('id').where('id', '=', queueId).executeTakeFirst();
  if (!queue) throwIfIssues([{ path: 'queueId', problem: `Queue ${queueId} does not exist; pick one from GET /api/queues (an admin creates queues).` }]);
}

/** D5, D6: a message naming a recording (`sorry.wav`) names an uploaded one. */
export async function assertRecordingsExist(db: Kysely<Database>, d: CampaignDefinition): Promise<void> {
  throwIfIssues(await recordingIssues(db, [{ path: 'abandonMessage', message: d.abandonMessage }, { path: 'amd.message', message: d.amd?.message }]));
}

/** Names are unique among live campaigns, ignoring case (a deleted campaign frees its name). */
export async function assertNameFree(db: Kysely<Database>, name: string, exceptId?: number): Promise<void> {
  let query = db
    .selectFrom('campaigns')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where('deleted_at', 'is', null);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const clash = await query.executeTakeFirst();
  if (clash) throw new AppError('conflict', `A campaign named "${name}" already exists (campaign ${clash.id}); choose another name.`, { field: 'name', campaignId: clash.id });
}

/** Every list named exists and is not deleted. */
export async function assertListsUsable(db: Kysely<Database>, listIds: readonly number[], path = 'listIds'): Promise<void> {
  if (listIds.length === 0) return;
  const rows = await db.selectFrom('contact_lists').select(['id', 'deleted_at']).where('id', 'in', [...listIds]).execute();
  const issues: Issue[] = [];
  listIds.forEach((id, i) => {
    const row = rows.find((r) => r.id === id);
    if (!row) issues.push({ path: `${path}.${i}`, problem: `Contact list ${id} does not exist; import the list first, then attach it.` });
    else if (row.deleted_at) issues.push({ path: `${path}.${i}`, problem: `Contact list ${id} has been deleted and cannot be attached.` });
  });
  if (new Set(listIds).size !== listIds.length) issues.push({ path, problem: 'A list is named twice; attach each list once.' });
  throwIfIssues(issues);
}

export async function assertDncListsUsable(db: Kysely<Database>, ids: readonly number[], path = 'dncListIds'): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db.selectFrom('dnc_lists').select('id').where('id', 'in', [...ids]).execute();
  const issues: Issue[] = [];
  ids.forEach((id, i) => {
    if (!rows.some((r) => r.id === id)) issues.push({ path: `${path}.${i}`, problem: `Do-not-call list ${id} does not exist.` });
  });
  if (new Set(ids).size !== ids.length) issues.push({ path, problem: 'A do-not-call list is named twice; attach each once.' });
  throwIfIssues(issues);
}

/**
 * O1, O2: an agent-owned campaign's lists must take the owner from its owner column, and at
 * most 200 agents may own records across them. Other campaigns: nothing to check.
 */
export async function assertOwnersFit(db: Kysely<Database>, d: CampaignDefinition, listIds: readonly number[], path = 'listIds'): Promise<void> {
  if (d.mode !== 'agent_owned_preview' || d.ownerColumn === null || listIds.length === 0) return;
  throwIfIssues(checkOwnerColumn(d.ownerColumn, await listShapes(db, listIds), path));
  const owners = await countOwningAgents(db, listIds, d.queueId);
  if (owners > MAX_OWNERS) {
    throw new AppError(
      'limit_exceeded',
      `The records of these lists are owned by ${owners} agents; an agent-owned campaign allows at most ${MAX_OWNERS} (O2). Split the records into campaigns of ${MAX_OWNERS} owners or fewer.`,
      { owners, limit: MAX_OWNERS },
    );
  }
}

/** L3, P2: sort and screen-pop columns exist in the attached lists (checked when the lists' columns are known). */
export async function columnIssues(db: Kysely<Database>, d: CampaignDefinition, listIds: readonly number[]): Promise<Issue[]> {
  if (listIds.length === 0 || (d.sortOrder.length === 0 && d.screenPopFields.length === 0)) return [];
  const shapes = await listShapes(db, listIds);
  return [
    ...checkColumnsExist('sortOrder', d.sortOrder.map((k) => k.column), shapes),
    ...checkColumnsExist('screenPopFields', d.screenPopFields, shapes),
  ];
}

export async function attachedListIds(db: Kysely<Database>, campaignId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('campaign_lists as cl')
    .innerJoin('contact_lists as l', 'l.id', 'cl.list_id')
    .select('cl.list_id')
    .where('cl.campaign_id', '=', campaignId)
    .where('l.deleted_at', 'is', null)
    .orderBy('cl.position')
    .execute();
  return rows.map((r) => r.list_id);
}
