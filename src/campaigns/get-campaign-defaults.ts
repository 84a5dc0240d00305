import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Database, DialingMode } from '../storage/schema.js';
import { normalizeDefinition, type CampaignDefinition } from './campaign-definition.js';
import { LOCKED_FIELDS } from './campaign-view.js';

/**
 * What a new campaign of a mode starts with — the system wrap-up codes, retry rules,
 * contactable hours in the creator's time zone, preview or dialer settings — so the
 * creation form can show them before anything is saved.
 */
export async function campaignDefaults(db: Kysely<Database>, actor: Actor, mode: DialingMode): Promise<Omit<CampaignDefinition, 'name' | 'queueId'> & { lockedFields: Array<(typeof LOCKED_FIELDS)[number]> }> {
  const user = await db.selectFrom('users').select('time_zone').where('id', '=', actor.userId).executeTakeFirst();
  const { name: _n, queueId: _q, ...defaults } = normalizeDefinition({ name: '', mode, queueId: 0 }, user?.time_zone ?? 'UTC').definition;
  return { ...defaults, lockedFields: [...LOCKED_FIELDS] };
}
