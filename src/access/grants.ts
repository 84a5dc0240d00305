import type { Kysely } from 'kysely';
import { AppError, notFound } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import type { Actor } from './actor.js';

/**
 * A1: admins may change every campaign; a supervisor only those they hold a grant on;
 * agents none. Reading a campaign is open to staff; changing its records, callbacks or
 * settings goes through here.
 */
export async function assertCampaignGrant(db: Kysely<Database>, actor: Actor, campaignId: number): Promise<void> {
  const campaign = await db
    .selectFrom('campaigns')
    .select('id')
    .where('id', '=', campaignId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!campaign) throw notFound('Campaign', campaignId);
  if (actor.role === 'admin') return;
  if (actor.role === 'supervisor') {
    const grant = await db
      .selectFrom('campaign_grants')
      .select('user_id')
      .where('campaign_id', '=', campaignId)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (grant) return;
  }
  throw new AppError('forbidden', `You hold no grant on campaign ${campaignId}; an admin can grant it (PUT /api/campaigns/${campaignId}/grants/{userId}).`, {
    campaignId,
  });
}

/** The campaigns a supervisor may change; undefined means all (admin). */
export async function grantedCampaignIds(db: Kysely<Database>, actor: Actor): Promise<number[] | undefined> {
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'agent') return [];
  const rows = await db.selectFrom('campaign_grants').select('campaign_id').where('user_id', '=', actor.userId).execute();
  return rows.map((r) => r.campaign_id);
}
