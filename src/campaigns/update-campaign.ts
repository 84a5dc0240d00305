import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { assertCampaignGrant } from '../access/grants.js';
import type { Clock } from '../shared/clock.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { definitionAsInput, definitionFromRow, normalizeDefinition, settingsOf, type CampaignDefinition, type DefinitionInput } from './campaign-definition.js';
import { assertNameFree, assertRecordingsExist, attachedListIds, columnIssues } from './campaign-references.js';
import type { UpdateCampaignInput } from './campaign-schemas.js';
import { loadCampaignView, LOCKED_FIELDS, type CampaignView } from './campaign-view.js';
import { throwIfIssues } from './issues.js';
import { checkDefinition } from './validate-campaign.js';

/**
 * Changes a campaign's settings (admin, or supervisor with a grant). Each field sent replaces
 * the stored one; the result must pass every rule create applies. The dialing mode, queue and
 * owner column are locked once the campaign exists (O7): changing them answers 409
 * immutable_field — sending the current value back is fine.
 */
export async function updateCampaign(db: Kysely<Database>, clock: Clock, actor: Actor, id: number, patch: UpdateCampaignInput): Promise<CampaignView> {
  await assertCampaignGrant(db, actor, id);
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('Campaign', id);
  const current = definitionFromRow(row);
  assertLockedUnchanged(id, current, patch);

  const sent = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<DefinitionInput>;
  const merged: DefinitionInput = { ...definitionAsInput(current), ...sent, mode: current.mode, queueId: current.queueId, ownerColumn: current.ownerColumn };
  const { definition, issues } = normalizeDefinition(merged, current.contactableTimes.defaultTimeZone);
  issues.push(...checkDefinition(merged, definition));
  throwIfIssues(issues);
  await assertRecordingsExist(db, definition);
  if (definition.name.toLowerCase() !== current.name.toLowerCase()) await assertNameFree(db, definition.name, id);
  if (patch.sortOrder !== undefined || patch.screenPopFields !== undefined) {
    throwIfIssues(await columnIssues(db, definition, await attachedListIds(db, id)));
  }

  await db
    .updateTable('campaigns')
    .set({ name: definition.name, settings: JSON.stringify(settingsOf(definition)), updated_at: clock.now(), updated_by: actor.userId })
    .where('id', '=', id)
    .execute();
  return loadCampaignView(db, actor, id);
}

function assertLockedUnchanged(id: number, current: CampaignDefinition, patch: UpdateCampaignInput): void {
  for (const field of LOCKED_FIELDS) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const requested = patch[field] ?? null;
    const now = current[field];
    const unchanged = typeof requested === 'string' && typeof now === 'string' ? requested.trim() === now.trim() : requested === now;
    if (unchanged) continue;
    const agentOwned = current.mode === 'agent_owned_preview' && (field === 'mode' || field === 'ownerColumn');
    const label = { mode: 'dialing mode', queueId: 'queue', ownerColumn: 'owner column' }[field];
    throw new AppError(
      'immutable_field',
      agentOwned
        ? `Campaign ${id} is agent-owned, and an agent-owned campaign can never become a non-agent-owned one or change its owner column (O7). Create a new campaign for a different setup.`
        : `The ${label} (${field}) of campaign ${id} cannot change once the campaign is created (O7); it is ${JSON.stringify(now)}. Create a new campaign with the ${label} you need.`,
      { field, current: now, requested },
    );
  }
}
