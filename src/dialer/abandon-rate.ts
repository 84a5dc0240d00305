import { sql, type Kysely } from 'kysely';
import type { CallResult } from '../calls/call-results.js';
import { loadCampaignDefinition } from '../campaigns/load-campaign-definition.js';
import type { Database } from '../storage/schema.js';

/**
 * D6, issue 4 point 7: the abandon rate the regulators' way.
 *
 * - **Definition.** Abandoned live answers over live answers. A live answer is an attempt a
 *   person answered (by the dialer's knowledge): it ended `connected` (an agent talked to
 *   them) or `abandoned` (nobody took it within the 2 seconds, or the contact hung up while
 *   waiting for an agent or during AMD). Machines, faxes and calls an agent closed as machine,
 *   fax or bad number are not live answers. The US FCC rule (47 CFR 64.1200(a)(7)) counts
 *   abandoned calls as a share of calls answered by a live person over a 30-day campaign period;
 *   Ofcom counts the same over 24 hours.
 * - **Windows.** Rolling: `us` = the 30 days before now, `uk` = the 24 hours before now, by the
 *   time each attempt ended. Never reset at midnight.
 * - **Where from.** The stored attempts (`dial_attempts`, index `(campaign_id, ended_at)`):
 *   the API asks the database; each campaign engine keeps a `RollingAbandonRate` of per-minute
 *   buckets loaded from the database when it takes the campaign's lease, then counts each call
 *   as it ends (no query per pacing decision).
 */
export type AbandonWindowName = 'us' | 'uk';

export const ABANDON_WINDOW_MS: Record<AbandonWindowName, number> = {
  us: 30 * 24 * 3600_000,
  uk: 24 * 3600_000,
};

export const LIVE_RESULTS: readonly CallResult[] = ['connected', 'abandoned'];

export interface WindowRate {
  window: AbandonWindowName;
  /** ISO times: the window is (from, to]. */
  from: string;
  to: string;
  abandoned: number;
  liveAnswers: number;
  /** Percent, null when nobody answered live in the window. */
  ratePercent: number | null;
}

export function windowRate(window: AbandonWindowName, now: Date, abandoned: number, liveAnswers: number): WindowRate {
  return {
    window,
    from: new Date(now.getTime() - ABANDON_WINDOW_MS[window]).toISOString(),
    to: now.toISOString(),
    abandoned,
    liveAnswers,
    ratePercent: liveAnswers === 0 ? null : (100 * abandoned) / liveAnswers,
  };
}

const MINUTE = 60_000;

/**
 * A campaign's live answers and abandons per minute over the last 30 days, kept in memory:
 * loaded once from the stored attempts, then counted as calls end. The newest minute counts
 * from its start, so a window includes an attempt while `now - endedAt < window`, within a
 * minute's resolution at the old end.
 */
export class RollingAbandonRate {
  /** minute index (ms / 60,000) → [live answers, abandoned] */
  private readonly buckets = new Map<number, [number, number]>();

  async load(db: Kysely<Database>, campaignId: number, now: Date): Promise<void> {
    const from = new Date(now.getTime() - ABANDON_WINDOW_MS.us);
    const minute = sql<number>`floor(extract(epoch from ended_at) / 60)::int8`;
    const rows = await db
      .selectFrom('dial_attempts')
      .select([
        minute.as('minute'),
        sql<number>`count(*)::int8`.as('live'),
        sql<number>`count(*) filter (where system_result = 'abandoned')::int8`.as('abandoned'),
      ])
      .where('campaign_id', '=', campaignId)
      .where('ended_at', '>', from)
      .where('ended_at', '<=', now)
      .where('system_result', 'in', LIVE_RESULTS)
      .groupBy(minute)
      .execute();
    this.buckets.clear();
    for (const r of rows) this.buckets.set(Number(r.minute), [Number(r.live), Number(r.abandoned)]);
  }

  /** A call ended: count it when it was a live answer. */
  note(endedAt: Date, result: CallResult): void {
    if (!LIVE_RESULTS.includes(result)) return;
    const m = Math.floor(endedAt.getTime() / MINUTE);
    const b = this.buckets.get(m) ?? [0, 0];
    b[0] += 1;
    if (result === 'abandoned') b[1] += 1;
    this.buckets.set(m, b);
  }

  rate(window: AbandonWindowName, now: Date): WindowRate {
    const first = Math.floor((now.getTime() - ABANDON_WINDOW_MS[window]) / MINUTE) + 1;
    const last = Math.floor(now.getTime() / MINUTE);
    let live = 0;
    let abandoned = 0;
    for (const [m, b] of this.buckets) {
      if (m < first || m > last) continue;
      live += b[0];
      abandoned += b[1];
    }
    return windowRate(window, now, abandoned, live);
  }

  /** Drops minutes older than the longest window. */
  prune(now: Date): void {
    const first = Math.floor((now.getTime() - ABANDON_WINDOW_MS.us) / MINUTE);
    for (const m of this.buckets.keys()) if (m < first) this.buckets.delete(m);
  }
}

export interface AbandonRateView {
  campaignId: number;
  asOf: string;
  definition: string;
  us: WindowRate;
  uk: WindowRate;
  /** The campaign's predictive target (percent) and the window it is judged over; null outside predictive. */
  target: { percent: number; window: AbandonWindowName } | null;
}

export const ABANDON_DEFINITION =
  'Abandoned live answers over live answers (calls a person answered: connected to an agent, or abandoned), by the time the call ended, over a rolling window: us = 30 days (FCC), uk = 24 hours (Ofcom). Never reset at midnight.';

/** GET /api/campaigns/:id/abandon-rate: both rolling windows from the stored attempts, in one index range scan. */
export async function getAbandonRate(db: Kysely<Database>, campaignId: number, now: Date): Promise<AbandonRateView> {
  const { definition: d } = await loadCampaignDefinition(db, campaignId); // 404 when there is no such campaign
  const rates = (await storedAbandonRates(db, [campaignId], now)).get(campaignId)!;
  return {
    campaignId,
    asOf: now.toISOString(),
    definition: ABANDON_DEFINITION,
    ...rates,
    target: d.abandonTarget !== null && d.abandonWindow !== null ? { percent: d.abandonTarget, window: d.abandonWindow } : null,
  };
}

/** Both rolling windows of several campaigns from the stored attempts: one range scan of `(campaign_id, ended_at)` each. */
export async function storedAbandonRates(db: Kysely<Database>, campaignIds: readonly number[], now: Date): Promise<Map<number, { us: WindowRate; uk: WindowRate }>> {
  const ukFrom = new Date(now.getTime() - ABANDON_WINDOW_MS.uk);
  const rows =
    campaignIds.length === 0
      ? []
      : await db
          .selectFrom('dial_attempts')
          .select([
            'campaign_id',
            sql<number>`count(*)::int8`.as('usLive'),
            sql<number>`count(*) filter (where system_result = 'abandoned')::int8`.as('usAbandoned'),
            sql<number>`count(*) filter (where ended_at > ${ukFrom})::int8`.as('ukLive'),
            sql<number>`count(*) filter (where ended_at > ${ukFrom} and system_result = 'abandoned')::int8`.as('ukAbandoned'),
          ])
          .where('campaign_id', 'in', [...campaignIds])
          .where('ended_at', '>', new Date(now.getTime() - ABANDON_WINDOW_MS.us))
          .where('ended_at', '<=', now)
          .where('system_result', 'in', LIVE_RESULTS)
          .groupBy('campaign_id')
          .execute();
  const byId = new Map(rows.map((r) => [r.campaign_id, r]));
  const rates = new Map<number, { us: WindowRate; uk: WindowRate }>();
  for (const id of campaignIds) {
    const r = byId.get(id);
    rates.set(id, {
      us: windowRate('us', now, Number(r?.usAbandoned ?? 0), Number(r?.usLive ?? 0)),
      uk: windowRate('uk', now, Number(r?.ukAbandoned ?? 0), Number(r?.ukLive ?? 0)),
    });
  }
  return rates;
}
