import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { countCampaignRecords, type OwnerProgress, summarizeOwners } from '../dashboard/record-counts.js';
import type { Database } from '../storage/schema.js';

/** How many of the agent's remaining records are listed, in the sort order. */
export const NEXT_RECORDS = 10;

export interface MyCampaignProgress extends OwnerProgress {
  campaignId: number;
  campaignName: string;
  status: string;
  /** Her records still to work (the `remaining` ones, the one in hand too) in the campaign's sort order (L3, O6), the first 10. */
  next: Array<{ recordId: number; name: string | null; phoneticName: string | null }>;
}

/**
 * O11 (the agent's side, issue 5 point 4): in every agent-owned campaign of the agent's queues,
 * her own records — owned, done, skipped, remaining, errors, as the supervisor's dashboard counts
 * them — and the next ones in the order she will receive them. Only her own: the owner is the
 * signed-in user, whatever the request says.
 */
export async function getMyProgress(db: Kysely<Database>, actor: Actor): Promise<MyCampaignProgress[]> {
  const campaigns = await db
    .selectFrom('campaigns as c')
    .innerJoin('queue_members as m', 'm.queue_id', 'c.queue_id')
    .select(['c.id', 'c.name', 'c.status'])
    .where('m.user_id', '=', actor.userId)
    .where('c.mode', '=', 'agent_owned_preview')
    .where('c.deleted_at', 'is', null)
    .where('c.status', '!=', 'draft')
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
  if (campaigns.length === 0) return [];
  const counts = await countCampaignRecords(db, campaigns.map((c) => c.id));
  return Promise.all(
    campaigns.map(async (c) => {
      const mine = summarizeOwners(counts.filter((r) => r.campaignId === c.id)).get(actor.userId) ?? { owned: 0, done: 0, skipped: 0, remaining: 0, errors: 0 };
      const next = await db
        .selectFrom('campaign_records as cr')
        .innerJoin('contact_records as r', 'r.id', 'cr.record_id')
        .select(['cr.record_id', 'r.name', 'r.phonetic_name'])
        .where('cr.campaign_id', '=', c.id)
        .where('cr.owner_id', '=', actor.userId)
        .where('cr.status', 'in', ['pending', 'in_progress'])
        .where('cr.skips', '=', 0)
        .orderBy('cr.sort_key')
        .orderBy('cr.record_id')
        .limit(NEXT_RECORDS)
        .execute();
      return { campaignId: c.id, campaignName: c.name, status: c.status, ...mine, next: next.map((r) => ({ recordId: Number(r.record_id), name: r.name, phoneticName: r.phonetic_name })) };
    }),
  );
}
