import { type Kysely, sql } from 'kysely';
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
  const ids = campaigns.map((c) => c.id);
  const [counts, remaining] = await Promise.all([countCampaignRecords(db, ids), remainingRecords(db, ids, actor.userId)]);
  return campaigns.map((c) => ({
    campaignId: c.id,
    campaignName: c.name,
    status: c.status,
    ...(summarizeOwners(counts.filter((r) => r.campaignId === c.id)).get(actor.userId) ?? { owned: 0, done: 0, skipped: 0, remaining: 0, errors: 0 }),
    next: remaining.filter((r) => r.campaign_id === c.id).map((r) => ({ recordId: Number(r.record_id), name: r.name, phoneticName: r.phonetic_name })),
  }));
}

/** The owner's first NEXT_RECORDS remaining records of each campaign, in the sort order: one query for every campaign. */
async function remainingRecords(db: Kysely<Database>, campaignIds: readonly number[], ownerId: number) {
  const { rows } = await sql<{ campaign_id: number; record_id: number; name: string | null; phonetic_name: string | null }>`
    SELECT campaign_id, record_id, name, phonetic_name FROM (
      SELECT cr.campaign_id, cr.record_id, r.name, r.phonetic_name,
             row_number() OVER (PARTITION BY cr.campaign_id ORDER BY cr.sort_key, cr.record_id) AS n
        FROM campaign_records cr JOIN contact_records r ON r.id = cr.record_id
       WHERE cr.campaign_id IN (${sql.join([...campaignIds])}) AND cr.owner_id = ${ownerId}
         AND cr.status IN ('pending', 'in_progress') AND cr.skips = 0
    ) AS mine
     WHERE n <= ${NEXT_RECORDS}
     ORDER BY campaign_id, n`.execute(db);
  return rows;
}
