import { sql, type Kysely } from 'kysely';
import { zoneTable } from '../compliance/zone-table.js';
import type { Database } from '../storage/schema.js';
import { predictAnswer, type PastTry, type SlotTallies } from './answer-likelihood.js';
import { ANSWER_STATS_WINDOW_MS, pastTries } from './answer-stats.js';
import { claimRecordIds, type ClaimArgs, type ClaimedRecord } from './claim-records.js';

/**
 * D4: a lane's refill when the campaign orders by answer likelihood instead of its sort. Still
 * bounded — index range scans with a LIMIT, never the list:
 *
 * - **fresh** candidates come from the open contact zones best first: every fresh record of a
 *   zone has the same chance now (its local slot's rate), so ranking the zones ranks the
 *   records; zones of equal chance merge in the supervisor's order, and closed zones are not
 *   read at all. At most `limit` are read.
 * - **due** candidates (retries, skips, snoozes) differ by their own history: a window of
 *   `CANDIDATE_FACTOR` times the lane's need, earliest due first, is read with the candidates'
 *   earlier tries (index `(campaign_id, record_id, queued_at)`).
 * - The candidates are scored (answer-likelihood.ts) and only the likeliest `limit` are claimed,
 *   in that order; the others are not touched and stay candidates for the next refill.
 *
 * Ties keep the sort mode's order (due before fresh, then by due time or sort key), so a campaign
 * without any calls yet dials exactly as it would by its sort.
 */
export const CANDIDATE_FACTOR = 3;
export const MAX_CANDIDATES = 1_000;

export interface LikelihoodDeps {
  db: Kysely<Database>;
  /** The campaign's answer statistics (answer-stats.ts). */
  tallies: SlotTallies;
  /** The campaign's zone for contacts without one. */
  defaultTimeZone: string | null;
}

interface Candidate {
  record_id: number | string;
  zone_key: string;
  attempts: number;
  batch: number;
}

export async function claimByLikelihood(deps: LikelihoodDeps, a: ClaimArgs, openZones: readonly string[]): Promise<ClaimedRecord[]> {
  if (a.limit <= 0) return [];
  const { db, tallies } = deps;
  const zoneOf = (zoneKey: string) => zoneTable(zoneKey.split('|')[0] || deps.defaultTimeZone || '');
  const chanceNow = (zoneKey: string, history: readonly PastTry[] = []) => predictAnswer(tallies, zoneOf(zoneKey), history, a.now).likelihood;

  const zoneChance = openZones.map((key) => chanceNow(key));
  const distinct = [...new Set(zoneChance)].sort((x, y) => y - x);
  const ranks = zoneChance.map((p) => distinct.indexOf(p));
  const due = (await dueCandidatesSql({ ...a, limit: Math.min(MAX_CANDIDATES, CANDIDATE_FACTOR * a.limit) }).execute(db)).rows;
  const fresh = openZones.length > 0 ? (await freshCandidatesSql(a, openZones, ranks).execute(db)).rows : [];
  const candidates = [...due, ...fresh].map((c) => ({ ...c, recordId: Number(c.record_id) }));

  const tried = candidates.filter((c) => c.attempts > 0 || c.batch > 1).map((c) => c.recordId);
  const history = await pastTries(db, a.campaignId, tried, new Date(a.now.getTime() - ANSWER_STATS_WINDOW_MS));
  const scored = candidates.map((c, i) => ({ id: c.recordId, i, p: chanceNow(c.zone_key, history.get(c.recordId)) }));
  scored.sort((x, y) => y.p - x.p || x.i - y.i);
  return claimRecordIds(db, a, scored.slice(0, a.limit).map((s) => s.id));
}

/** Due records, earliest first (index `campaign_records_due_idx`). The benchmark EXPLAINs it. */
export function dueCandidatesSql(a: ClaimArgs) {
  return sql<Candidate>`
    SELECT record_id, zone_key, attempts, batch FROM campaign_records
     WHERE campaign_id = ${a.campaignId} AND owner_id = ${a.ownerId}
       AND status = 'pending' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ${a.now}
     ORDER BY next_attempt_at, record_id
     LIMIT ${a.limit}
  `;
}

/** Fresh records of the open zones, best-ranked zones first, then the sort (index `campaign_records_fresh_idx`, one probe per zone). */
export function freshCandidatesSql(a: ClaimArgs, zones: readonly string[], ranks: readonly number[]) {
  return sql<Candidate>`
    SELECT f.record_id, f.zone_key, f.attempts, f.batch
      FROM unnest(${sql.val([...zones])}::text[], ${sql.val([...ranks])}::int[]) AS zone(key, rank)
      CROSS JOIN LATERAL (
        SELECT cr.record_id, cr.sort_key, cr.zone_key, cr.attempts, cr.batch FROM campaign_records cr
         WHERE cr.campaign_id = ${a.campaignId} AND cr.owner_id = ${a.ownerId}
           AND cr.status = 'pending' AND cr.next_attempt_at IS NULL AND cr.zone_key = zone.key
         ORDER BY cr.sort_key, cr.record_id
         LIMIT ${a.limit}
      ) AS f
     ORDER BY zone.rank, f.sort_key, f.record_id
     LIMIT ${a.limit}
  `;
}
