import { sql, type Kysely } from 'kysely';
import type { CampaignRecordStatus, Database } from '../storage/schema.js';

/**
 * R1, O11: list penetration per campaign and per owner, from the journal of counts that
 * migration 0009's triggers keep beside `campaign_records` (every insert, update or delete
 * appends its +n / −n per group). Reading sums a few rows per group whatever the list size;
 * `compactRecordCounts` replaces each campaign's rows by their sums. Exact on every node: the
 * counts are what is stored, whichever node wrote it.
 */
export interface RecordCountRow {
  campaignId: number;
  ownerId: number;
  status: CampaignRecordStatus;
  /** Skipped at least once in this batch (P4). */
  skipped: boolean;
  count: number;
  /** Journal rows summed into this count (compaction brings it back to one). */
  parts: number;
}

export async function countCampaignRecords(db: Kysely<Database>, campaignIds: readonly number[]): Promise<RecordCountRow[]> {
  if (campaignIds.length === 0) return [];
  const { rows } = await sql<{ campaign_id: number; owner_id: number; status: CampaignRecordStatus; skipped: boolean; n: string | number; parts: string | number }>`
    SELECT campaign_id, owner_id, status, skipped, sum(n) AS n, count(*) AS parts
      FROM campaign_record_counts
     WHERE campaign_id = ANY(${[...campaignIds]}::int[])
     GROUP BY campaign_id, owner_id, status, skipped
  `.execute(db);
  return rows.map((r) => ({ campaignId: r.campaign_id, ownerId: r.owner_id, status: r.status, skipped: r.skipped, count: Number(r.n), parts: Number(r.parts) }));
}

/**
 * Replaces the journal's rows by one per group (their sum), for every campaign at once. Safe
 * beside writers and other nodes: rows appended meanwhile are not deleted and keep counting,
 * and a row two compactions both saw is deleted (and summed) by only one of them.
 */
export async function compactRecordCounts(db: Kysely<Database>): Promise<void> {
  await sql`
    WITH gone AS (DELETE FROM campaign_record_counts RETURNING campaign_id, owner_id, status, skipped, n)
    INSERT INTO campaign_record_counts (campaign_id, owner_id, status, skipped, n)
    SELECT campaign_id, owner_id, status, skipped, sum(n) FROM gone GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
  `.execute(db);
}

/** L8 list penetration of one campaign. `remaining` = pending (fresh or due later); the parts add up to `total`. */
export interface RecordProgress {
  total: number;
  done: number;
  remaining: number;
  setAside: number;
  inProgress: number;
  callbacksPending: number;
  /** Share of the records the campaign is finished with (done + set aside), percent; null when it has none. */
  penetrationPercent: number | null;
}

/** O11: an owner's records in an agent-owned campaign. owned = done + skipped + remaining + errors. */
export interface OwnerProgress {
  owned: number;
  done: number;
  /** Skipped by the agent in this batch and not finished: they come back after the skip delay (P4). */
  skipped: number;
  /** Still to work: pending, in hand, or waiting on a callback, never skipped. */
  remaining: number;
  /** Set aside (O3 owner problems, no dialable number, attempts used up). */
  errors: number;
}

export function summarizeCampaign(rows: readonly RecordCountRow[]): RecordProgress {
  const p: RecordProgress = { total: 0, done: 0, remaining: 0, setAside: 0, inProgress: 0, callbacksPending: 0, penetrationPercent: null };
  for (const r of rows) {
    p.total += r.count;
    if (r.status === 'done') p.done += r.count;
    else if (r.status === 'set_aside') p.setAside += r.count;
    else if (r.status === 'in_progress') p.inProgress += r.count;
    else if (r.status === 'callback') p.callbacksPending += r.count;
    else p.remaining += r.count;
  }
  p.penetrationPercent = p.total === 0 ? null : (100 * (p.done + p.setAside)) / p.total;
  return p;
}

export function summarizeOwners(rows: readonly RecordCountRow[]): Map<number, OwnerProgress> {
  const owners = new Map<number, OwnerProgress>();
  for (const r of rows) {
    if (r.ownerId === 0 || r.count === 0) continue;
    let o = owners.get(r.ownerId);
    if (!o) owners.set(r.ownerId, (o = { owned: 0, done: 0, skipped: 0, remaining: 0, errors: 0 }));
    o.owned += r.count;
    if (r.status === 'done') o.done += r.count;
    else if (r.status === 'set_aside') o.errors += r.count;
    else if (r.skipped) o.skipped += r.count;
    else o.remaining += r.count;
  }
  return owners;
}
