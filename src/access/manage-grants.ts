import type { Kysely } from 'kysely';
import type { Clock } from '../shared/clock.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';

/** Campaign grants (A1): which supervisors may change a campaign's records and callbacks. */
export async function grantCampaign(db: Kysely<Database>, clock: Clock, campaignId: number, userId: number): Promise<void> {
  const campaign = await db.selectFrom('campaigns').select('id').where('id', '=', campaignId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!campaign) throw notFound('Campaign', campaignId);
  const user = await db.selectFrom('users').select(['id', 'role']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('User', userId);
  if (user.role !== 'supervisor') {
    throw new AppError('validation_failed', `Grants are for supervisors; user ${userId} is ${user.role === 'admin' ? 'an admin, who needs none' : 'an agent'}.`, { userId, role: user.role });
  }
  await db
    .insertInto('campaign_grants')
    .values({ campaign_id: campaignId, user_id: userId, granted_at: clock.now() })
    .onConflict((oc) => oc.columns(['campaign_id', 'user_id']).doNothing())
    .execute();
}

export async function revokeGrant(db: Kysely<Database>, campaignId: number, userId: number): Promise<void> {
  const res = await db.deleteFrom('campaign_grants').where('campaign_id', '=', campaignId).where('user_id', '=', userId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('Grant for user', userId);
}

export async function listGrants(db: Kysely<Database>, campaignId: number) {
  const rows = await db
    .selectFrom('campaign_grants')
    .innerJoin('users', 'users.id', 'campaign_grants.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'campaign_grants.granted_at'])
    .where('campaign_grants.campaign_id', '=', campaignId)
    .orderBy('users.id')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, displayName: r.display_name, grantedAt: r.granted_at.toISOString() }));
}
