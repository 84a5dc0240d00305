import { sql, type Kysely } from 'kysely';
import { zoneTable } from '../compliance/zone-table.js';
import type { Database } from '../storage/schema.js';
import { emptyTallies, LIVE_RESULTS, localSlot, slotIndex, TRY_WEIGHTS, type PastTry, type Tally } from './answer-likelihood.js';

/**
 * D4: a campaign's answer rates per local slot (hour of day, weekday or weekend) over a rolling
 * window, for the answer-likelihood order. Loaded from the stored attempts when the engine takes
 * the campaign (one aggregate over the index `(campaign_id, ended_at)`), then brought up to date
 * every few minutes from the engine's tick by aggregating only the attempts that ended since —
 * never per refill, and never more than the window's attempts.
 *
 * The query groups by the contact's time zone and the quarter hour the call was dialed (every
 * zone's offset is a multiple of 15 minutes, so a quarter maps to one local hour); the local
 * slot is worked out here, with the same zone tables the compliance check uses. Attempts ending
 * in the last `WRITE_LAG_MS` are left for the next refresh: the write-behind queue may not have
 * stored them yet.
 */
export const ANSWER_STATS_WINDOW_MS = 28 * 86_400_000;
export const ANSWER_STATS_REFRESH_MS = 5 * 60_000;
export const WRITE_LAG_MS = 2 * 60_000;
const QUARTER_MS = 15 * 60_000;
const COUNTED = Object.keys(TRY_WEIGHTS);

export class AnswerStats {
  /** Tries and live answers per slot over the window (`slotIndex`). */
  readonly tallies: Tally[] = emptyTallies();
  /** What each dialing quarter hour added, to take it out again when it leaves the window. */
  private readonly byQuarter = new Map<number, Array<{ slot: number } & Tally>>();
  /** Attempts that ended up to this instant are counted (null: not loaded). */
  private countedUpTo: number | null = null;
  private refreshedAt = Number.NEGATIVE_INFINITY;

  get loaded(): boolean {
    return this.countedUpTo !== null;
  }

  /** Forget everything (the campaign orders by its sort again). */
  reset(): void {
    for (const t of this.tallies) t.tries = t.live = 0;
    this.byQuarter.clear();
    this.countedUpTo = null;
    this.refreshedAt = Number.NEGATIVE_INFINITY;
  }

  /** Load the window, or add what ended since the last refresh; at most every `ANSWER_STATS_REFRESH_MS` unless forced. */
  async refresh(db: Kysely<Database>, campaignId: number, defaultTimeZone: string | null, now: Date, force = false): Promise<void> {
    const t = now.getTime();
    if (!force && this.loaded && t - this.refreshedAt < ANSWER_STATS_REFRESH_MS) return;
    this.refreshedAt = t;
    const from = this.countedUpTo ?? t - ANSWER_STATS_WINDOW_MS;
    const to = t - WRITE_LAG_MS;
    if (to > from) {
      for (const row of await answerTallies(db, campaignId, new Date(from), new Date(to))) {
        const zone = zoneTable(row.timeZone ?? defaultTimeZone ?? '');
        if (zone) this.add(row.quarter, slotIndex(localSlot(zone, row.quarter * QUARTER_MS)), row.result, row.count);
      }
      this.countedUpTo = to;
    } else this.countedUpTo ??= from;
    this.prune(t);
  }

  private add(quarter: number, slot: number, result: string, count: number): void {
    const tally = { slot, tries: count * TRY_WEIGHTS[result]!, live: LIVE_RESULTS.includes(result) ? count : 0 };
    const list = this.byQuarter.get(quarter);
    if (list) list.push(tally);
    else this.byQuarter.set(quarter, [tally]);
    this.tallies[slot]!.tries += tally.tries;
    this.tallies[slot]!.live += tally.live;
  }

  private prune(now: number): void {
    const oldest = Math.floor((now - ANSWER_STATS_WINDOW_MS) / QUARTER_MS);
    for (const [quarter, list] of this.byQuarter) {
      if (quarter >= oldest) continue;
      for (const x of list) {
        this.tallies[x.slot]!.tries -= x.tries;
        this.tallies[x.slot]!.live -= x.live;
      }
      this.byQuarter.delete(quarter);
    }
  }
}

interface TallyRow {
  timeZone: string | null;
  quarter: number;
  result: string;
  count: number;
}

/** Counted attempts that ended in (from, to], by the contact's time zone, dialing quarter hour and result. */
export async function answerTallies(db: Kysely<Database>, campaignId: number, from: Date, to: Date): Promise<TallyRow[]> {
  const { rows } = await sql<{ time_zone: string | null; quarter: string | number; system_result: string; n: number }>`
    SELECT r.time_zone, floor(extract(epoch FROM a.dialed_at) / 900)::bigint AS quarter, a.system_result, count(*)::int AS n
      FROM dial_attempts a JOIN contact_records r ON r.id = a.record_id
     WHERE a.campaign_id = ${campaignId} AND a.ended_at > ${from} AND a.ended_at <= ${to}
       AND a.dialed_at IS NOT NULL AND a.system_result IN (${sql.join(COUNTED)})
     GROUP BY 1, 2, 3
  `.execute(db);
  return rows.map((r) => ({ timeZone: r.time_zone, quarter: Number(r.quarter), result: r.system_result, count: Number(r.n) }));
}

/** The counted tries of these records in this campaign since `since`, per record (index `(campaign_id, record_id, queued_at)`). */
export async function pastTries(db: Kysely<Database>, campaignId: number, recordIds: readonly number[], since: Date): Promise<Map<number, PastTry[]>> {
  const byRecord = new Map<number, PastTry[]>();
  if (recordIds.length === 0) return byRecord;
  const rows = await db
    .selectFrom('dial_attempts')
    .select(['record_id', 'dialed_at', 'system_result'])
    .where('campaign_id', '=', campaignId)
    .where('record_id', 'in', [...recordIds])
    .where('queued_at', '>=', since)
    .where('dialed_at', 'is not', null)
    .where('system_result', 'in', COUNTED as never[])
    .execute();
  for (const r of rows) {
    const id = Number(r.record_id);
    const list = byRecord.get(id) ?? [];
    list.push({ at: r.dialed_at!, result: r.system_result! });
    byRecord.set(id, list);
  }
  return byRecord;
}
