import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../shared/clock.js';
import type { Database } from '../storage/schema.js';
import { normalizeDefinition, settingsOf } from './campaign-definition.js';
import { assertDncListsUsable, assertListsUsable, assertNameFree, assertOwnersFit, assertQueueExists, assertRecordingsExist, columnIssues } from './campaign-references.js';
import type { CreateCampaignInput } from './campaign-schemas.js';
import { loadCampaignView, type CampaignView } from './campaign-view.js';
import { throwIfIssues } from './issues.js';
import { checkDefinition } from './validate-campaign.js';

/**
 * Creates a campaign in `draft` (admins and supervisors). Defaults come from the mode; a
 * supervisor who creates a campaign is granted it at once (A1). Nothing is written unless
 * every rule holds.
 */
export async function createCampaign(db: Kysely<Database>, clock: Clock, actor: Actor, input: CreateCampaignInput): Promise<CampaignView> {
  const { listIds = [], dncListIds = [], ...fields } = input;
  const creator = await db.selectFrom('users').select('time_zone').where('id', '=', actor.userId).executeTakeFirst();
  const { definition, issues } = normalizeDefinition(fields, creator?.time_zone ?? 'UTC');
  issues.push(...checkDefinition(fields, definition));
  throwIfIssues(issues);

  await assertQueueExists(db, definition.queueId);
  await assertRecordingsExist(db, definition);
  await assertNameFree(db, definition.name);
  await assertListsUsable(db, listIds);
  await assertDncListsUsable(db, dncListIds);
  throwIfIssues(await columnIssues(db, definition, listIds));
  await assertOwnersFit(db, definition, listIds);

  const now = clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('campaigns')
      .values({
        name: definition.name,
        mode: definition.mode,
        queue_id: definition.queueId,
        owner_column: definition.ownerColumn,
        settings: JSON.stringify(settingsOf(definition)),
        created_by: actor.userId,
        updated_by: actor.userId,
        created_at: now,
        updated_at: now,
        status_changed_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (listIds.length > 0) {
      await trx.insertInto('campaign_lists').values(listIds.map((listId, position) => ({ campaign_id: row.id, list_id: listId, position }))).execute();
    }
    if (dncListIds.length > 0) {
      await trx.insertInto('campaign_dnc_lists').values(dncListIds.map((dncListId) => ({ campaign_id: row.id, dnc_list_id: dncListId }))).execute();
    }
    if (actor.role === 'supervisor') {
      await trx.insertInto('campaign_grants').values({ campaign_id: row.id, user_id: actor.userId, granted_at: now }).execute();
    }
    return row.id;
  });
  return loadCampaignView(db, actor, id);
}
