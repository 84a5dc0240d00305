import { sql, type Kysely } from 'kysely';
import type { Database, PhoneEntry } from '../storage/schema.js';

/**
 * The record buffer's refill queries (issue 4 point 4). Each claims up to `limit` records —
 * marks them `in_progress` for this node in the same statement — and returns them with what the
 * dial-time check needs. Every query is an index range scan with a LIMIT: its cost depends on
 * the limit and the number of open contact zones, never on the size of the list
 * (bench/dialer-refill-explain.ts shows the plans at 1,000,000 records).
 */
export interface ClaimedRecord {
  recordId: number;
  listId: number;
  batch: number;
  ownerId: number;
  attempts: number;
  skips: number;
  resultCounts: Record<string, number>;
  deadNumbers: string[];
  nextAttemptAt: Date | null;
  name: string | null;
  phoneticName: string | null;
  timeZone: string | null;
  region: string | null;
  phones: PhoneEntry[];
  custom: Record<string, string>;
  /** C7: a callback pending on the record (only that callback may dial it). */
  pendingCallbackId: number | null;
}

export interface ClaimArgs {
  campaignId: number;
  ownerId: number;
  nodeId: string;
  now: Date;
  limit: number;
}

interface Row {
  record_id: number;
  list_id: number;
  batch: number;
  owner_id: number;
  attempts: number;
  skips: number;
  result_counts: Record<string, number>;
  dead_numbers: string[];
  next_attempt_at: Date | null;
  name: string | null;
  phonetic_name: string | null;
  time_zone: string | null;
  region: string | null;
  phones: PhoneEntry[];
  custom: Record<string, string>;
  pending_callback_id: number | null;
}

const toClaimed = (r: Row): ClaimedRecord => ({
  recordId: Number(r.record_id),
  listId: r.list_id,
  batch: r.batch,
  ownerId: r.owner_id,
  attempts: r.attempts,
  skips: r.skips,
  resultCounts: r.result_counts ?? {},
  deadNumbers: r.dead_numbers ?? [],
  nextAttemptAt: r.next_attempt_at,
  name: r.name,
  phoneticName: r.phonetic_name,
  timeZone: r.time_zone,
  region: r.region,
  phones: r.phones,
  custom: r.custom ?? {},
  pendingCallbackId: r.pending_callback_id === null ? null : Number(r.pending_callback_id),
});

/** Claims the picked rows and joins the contact data; keeps the picking order. */
function claimPicked(picked: ReturnType<typeof sql>, a: ClaimArgs) {
  return sql<Row>`
    WITH picked AS (${picked}),
    claimed AS (
      UPDATE campaign_records AS c
         SET status = 'in_progress', claimed_by = ${a.nodeId}, claimed_at = ${a.now}
        FROM picked
       WHERE c.campaign_id = ${a.campaignId} AND c.record_id = picked.record_id AND c.status = 'pending'
      RETURNING c.*, picked.ord
    )
    SELECT claimed.record_id, claimed.list_id, claimed.batch, claimed.owner_id, claimed.attempts, claimed.skips,
           claimed.result_counts, claimed.dead_numbers, claimed.next_attempt_at,
           r.name, r.phonetic_name, r.time_zone, r.region, r.phones, r.custom,
           (SELECT cb.id FROM callbacks cb WHERE cb.record_id = r.id AND cb.campaign_id = ${a.campaignId} AND cb.status = 'pending' ORDER BY cb.id LIMIT 1) AS pending_callback_id
      FROM claimed JOIN contact_records r ON r.id = claimed.record_id
     ORDER BY claimed.ord
  `;
}

/**
 * Fresh records (never scheduled) in the supervisor's order (L3), from the open contact zones
 * only: one index probe per zone, merged. Records of closed zones stay where they are, so a
 * list full of contacts asleep in another time zone costs nothing.
 */
export async function claimFreshRecords(db: Kysely<Database>, a: ClaimArgs & { zones: readonly string[] }): Promise<ClaimedRecord[]> {
  if (a.zones.length === 0 || a.limit <= 0) return [];
  const { rows } = await freshClaimSql(a).execute(db);
  return rows.map(toClaimed);
}

/** The fresh-records claim as SQL (the benchmark EXPLAINs it). */
export function freshClaimSql(a: ClaimArgs & { zones: readonly string[] }) {
  const picked = sql`
    SELECT z.record_id, row_number() OVER (ORDER BY z.sort_key, z.record_id) AS ord
      FROM (
        SELECT f.record_id, f.sort_key
          FROM unnest(${sql.val([...a.zones])}::text[]) AS zone(key)
          CROSS JOIN LATERAL (
            SELECT cr.record_id, cr.sort_key FROM campaign_records cr
             WHERE cr.campaign_id = ${a.campaignId} AND cr.owner_id = ${a.ownerId}
               AND cr.status = 'pending' AND cr.next_attempt_at IS NULL AND cr.zone_key = zone.key
             ORDER BY cr.sort_key, cr.record_id
             LIMIT ${a.limit}
          ) AS f
         ORDER BY f.sort_key, f.record_id
         LIMIT ${a.limit}
      ) AS z
  `;
  return claimPicked(picked, a);
}

/** Scheduled records that are due (retries, skips, snoozes, refusals whose time has come), earliest first. */
export async function claimDueRecords(db: Kysely<Database>, a: ClaimArgs): Promise<ClaimedRecord[]> {
  if (a.limit <= 0) return [];
  const { rows } = await dueClaimSql(a).execute(db);
  return rows.map(toClaimed);
}

/** The due-records claim as SQL (the benchmark EXPLAINs it). */
export function dueClaimSql(a: ClaimArgs) {
  const picked = sql`
    SELECT cr.record_id, row_number() OVER (ORDER BY cr.next_attempt_at, cr.record_id) AS ord
      FROM (
        SELECT record_id, next_attempt_at FROM campaign_records
         WHERE campaign_id = ${a.campaignId} AND owner_id = ${a.ownerId}
           AND status = 'pending' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ${a.now}
         ORDER BY next_attempt_at, record_id
         LIMIT ${a.limit}
      ) AS cr
  `;
  return claimPicked(picked, a);
}

/**
 * Claims these records, in this order, if they are still pending (D4: the ones the
 * answer-likelihood order picked from a bounded candidate window). Missing ones were taken.
 */
export async function claimRecordIds(db: Kysely<Database>, a: ClaimArgs, recordIds: readonly number[]): Promise<ClaimedRecord[]> {
  if (recordIds.length === 0) return [];
  const picked = sql`SELECT p.record_id, p.ord FROM unnest(${sql.val([...recordIds])}::bigint[]) WITH ORDINALITY AS p(record_id, ord)`;
  const { rows } = await claimPicked(picked, a).execute(db);
  return rows.map(toClaimed);
}

/** When the next scheduled record of a lane falls due (null: none is scheduled). */
export async function nextDueAt(db: Kysely<Database>, campaignId: number, ownerId: number): Promise<Date | null> {
  const row = await db
    .selectFrom('campaign_records')
    .select('next_attempt_at')
    .where('campaign_id', '=', campaignId)
    .where('owner_id', '=', ownerId)
    .where('status', '=', 'pending')
    .where('next_attempt_at', 'is not', null)
    .orderBy('next_attempt_at')
    .limit(1)
    .executeTakeFirst();
  return row?.next_attempt_at ?? null;
}

export interface DueCallback {
  callbackId: number;
  recordId: number;
  phone: string;
  assigneeId: number | null;
  windowStart: Date;
  windowEnd: Date;
  timeZone: string;
  notes: string;
}

/** C7: callbacks whose window has opened, oldest first, except those already in hand. */
export async function dueCallbacks(db: Kysely<Database>, campaignId: number, now: Date, limit: number, inHand: readonly number[]): Promise<DueCallback[]> {
  let q = db
    .selectFrom('callbacks')
    .select(['id', 'record_id', 'phone', 'assignee_id', 'window_start', 'window_end', 'time_zone', 'notes'])
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'pending')
    .where('window_start', '<=', now)
    .orderBy('window_start')
    .orderBy('id')
    .limit(limit);
  if (inHand.length > 0) q = q.where('id', 'not in', [...inHand]);
  const rows = await q.execute();
  return rows.map((r) => ({
    callbackId: Number(r.id),
    recordId: Number(r.record_id),
    phone: r.phone,
    assigneeId: r.assignee_id,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    timeZone: r.time_zone,
    notes: r.notes,
  }));
}

/** A record's campaign state and contact data, for a callback delivery or the dial-status answer. */
export async function loadCampaignRecord(db: Kysely<Database>, campaignId: number, recordId: number): Promise<(ClaimedRecord & { status: string; reason: string | null }) | null> {
  const { rows } = await sql<Row & { status: string; reason: string | null }>`
    SELECT cr.record_id, cr.list_id, cr.batch, cr.owner_id, cr.attempts, cr.skips, cr.result_counts, cr.dead_numbers,
           cr.next_attempt_at, cr.status, cr.reason,
           r.name, r.phonetic_name, r.time_zone, r.region, r.phones, r.custom,
           (SELECT cb.id FROM callbacks cb WHERE cb.record_id = r.id AND cb.campaign_id = ${campaignId} AND cb.status = 'pending' ORDER BY cb.id LIMIT 1) AS pending_callback_id
      FROM campaign_records cr JOIN contact_records r ON r.id = cr.record_id
     WHERE cr.campaign_id = ${campaignId} AND cr.record_id = ${recordId}
  `.execute(db);
  const row = rows[0];
  return row ? { ...toClaimed(row), status: row.status, reason: row.reason } : null;
}

export interface NumberAttempt {
  id: string;
  number: string;
  at: Date;
  result: string | null;
}

/** L6 and the UK rules: attempts on these numbers since `since` (any campaign), from the number index. */
export async function recentNumberAttempts(db: Kysely<Database>, numbers: readonly string[], since: Date): Promise<NumberAttempt[]> {
  if (numbers.length === 0) return [];
  const rows = await db
    .selectFrom('dial_attempts')
    .select(['id', 'number_dialed', 'dialed_at', 'queued_at', 'system_result'])
    .where('number_dialed', 'in', [...new Set(numbers)])
    .where('queued_at', '>=', since)
    .execute();
  return rows.map((r) => ({ id: r.id, number: r.number_dialed!, at: r.dialed_at ?? r.queued_at, result: r.system_result }));
}

/** C7: claims the record a due callback is for (unless this node is already working on it). */
export async function claimCallbackRecord(db: Kysely<Database>, a: { campaignId: number; recordId: number; nodeId: string; now: Date }): Promise<ClaimedRecord | null> {
  const { rows } = await sql<Row>`
    WITH claimed AS (
      UPDATE campaign_records AS c
         SET status = 'in_progress', claimed_by = ${a.nodeId}, claimed_at = ${a.now}
       WHERE c.campaign_id = ${a.campaignId} AND c.record_id = ${a.recordId} AND c.status <> 'in_progress'
      RETURNING c.*
    )
    SELECT claimed.record_id, claimed.list_id, claimed.batch, claimed.owner_id, claimed.attempts, claimed.skips,
           claimed.result_counts, claimed.dead_numbers, claimed.next_attempt_at,
           r.name, r.phonetic_name, r.time_zone, r.region, r.phones, r.custom, NULL::bigint AS pending_callback_id
      FROM claimed JOIN contact_records r ON r.id = claimed.record_id
  `.execute(db);
  return rows[0] ? toClaimed(rows[0]) : null;
}

/** When the next pending callback's window opens (after `now`), for the callback lane's wake-up. */
export async function nextCallbackAt(db: Kysely<Database>, campaignId: number, now: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('callbacks')
    .select('window_start')
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'pending')
    .where('window_start', '>', now)
    .orderBy('window_start')
    .limit(1)
    .executeTakeFirst();
  return row?.window_start ?? null;
}

/** L8 "complete when nothing dialable remains": any record still to work, or a callback to deliver? */
export async function hasWorkLeft(db: Kysely<Database>, campaignId: number): Promise<boolean> {
  const { rows } = await sql<{ left: boolean }>`
    SELECT EXISTS (SELECT 1 FROM campaign_records WHERE campaign_id = ${campaignId} AND status = 'pending' AND next_attempt_at IS NULL)
        OR EXISTS (SELECT 1 FROM campaign_records WHERE campaign_id = ${campaignId} AND status = 'pending' AND next_attempt_at IS NOT NULL)
        OR EXISTS (SELECT 1 FROM campaign_records WHERE campaign_id = ${campaignId} AND status IN ('in_progress', 'callback'))
        OR EXISTS (SELECT 1 FROM callbacks WHERE campaign_id = ${campaignId} AND status IN ('pending', 'delivered')) AS left
  `.execute(db);
  return Boolean(rows[0]?.left);
}
