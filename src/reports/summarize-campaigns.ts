import { sql, type Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { countCampaignRecords, summarizeCampaign, type RecordCountRow } from '../dashboard/record-counts.js';
import type { Clock } from '../shared/clock.js';
import type { Database } from '../storage/schema.js';
import { chartSeries } from './chart-series.js';
import { average, campaignNames, percent, readReportScope, type ReportScope } from './report-scope.js';
import type { CampaignFigures, CampaignReport, PeriodQuery } from './report-schemas.js';

/**
 * R2, the campaign report: per campaign, what the attempts that ended in the period came to —
 * dials, answers, D6 abandons and rate, results, talk and wrap time, contacts reached, records
 * finished, successes — with each campaign's list penetration now (as the dashboard shows it),
 * totals, and a time series for a chart. One grouped range scan of `(campaign_id, ended_at)`.
 */
export async function summarizeCampaigns(db: Kysely<Database>, clock: Clock, actor: Actor, query: PeriodQuery): Promise<CampaignReport> {
  const scope = await readReportScope(db, actor, query, clock.now());
  const ids = scope.campaignIds;
  const [figures, finished, counts, names, series] = await Promise.all([
    attemptFigures(db, scope),
    finishedRecords(db, scope),
    countCampaignRecords(db, ids),
    campaignNames(db, ids),
    chartSeries(db, scope),
  ]);
  const byCampaign = new Map<number, RecordCountRow[]>();
  for (const c of counts) byCampaign.set(c.campaignId, [...(byCampaign.get(c.campaignId) ?? []), c]);
  const campaigns = ids.map((id) => {
    const sums = figures.get(id) ?? emptySums();
    const meta = names.get(id) ?? { name: String(id), mode: '', status: '' };
    return {
      campaignId: id,
      campaignName: meta.name,
      mode: meta.mode,
      status: meta.status,
      ...toFigures(sums, finished.get(id) ?? 0),
      progress: summarizeCampaign(byCampaign.get(id) ?? []),
    };
  });
  const total = emptySums();
  for (const s of figures.values()) for (const k of SUM_KEYS) total[k] += s[k];
  const allFinished = [...finished.values()].reduce((a, b) => a + b, 0);
  return {
    from: scope.from.toISOString(),
    to: scope.to.toISOString(),
    timeZone: scope.timeZone,
    asOf: scope.now.toISOString(),
    campaigns,
    totals: toFigures(total, allFinished),
    series,
  };
}

const SUM_KEYS = [
  'attempts', 'dials', 'noCall', 'answered', 'connected', 'abandoned', 'machine', 'fax', 'busy', 'noAnswer', 'badNumber', 'failed',
  'talkMs', 'talked', 'holdMs', 'wrapMs', 'wrapped', 'contactsReached', 'success',
] as const;
type Sums = Record<(typeof SUM_KEYS)[number], number>;
const emptySums = (): Sums => Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as Sums;

function toFigures(s: Sums, recordsFinished: number): CampaignFigures {
  const liveAnswers = s.connected + s.abandoned;
  return {
    attempts: s.attempts,
    dials: s.dials,
    noCall: s.noCall,
    answered: s.answered,
    liveAnswers,
    connected: s.connected,
    abandoned: s.abandoned,
    abandonRatePercent: percent(s.abandoned, liveAnswers),
    machine: s.machine,
    fax: s.fax,
    busy: s.busy,
    noAnswer: s.noAnswer,
    badNumber: s.badNumber,
    failed: s.failed,
    talkMs: s.talkMs,
    avgTalkMs: average(s.talkMs, s.talked),
    holdMs: s.holdMs,
    wrapMs: s.wrapMs,
    avgWrapMs: average(s.wrapMs, s.wrapped),
    contactsReached: s.contactsReached,
    recordsFinished,
    success: s.success,
    conversionRatePercent: percent(s.success, s.contactsReached),
  };
}

const countWhere = (condition: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${condition})`;
const result = (r: string) => countWhere(sql`system_result = ${r}`);

/** The period's attempts per campaign, by the time each ended (as D6 counts them). */
async function attemptFigures(db: Kysely<Database>, scope: ReportScope): Promise<Map<number, Sums>> {
  if (scope.campaignIds.length === 0) return new Map();
  const called = sql`number_dialed is not null and wrapped_up_at is not null`;
  const rows = await db
    .selectFrom('dial_attempts')
    .select([
      'campaign_id',
      sql<number>`count(*)`.as('attempts'),
      countWhere(sql`dialed_at is not null`).as('dials'),
      countWhere(sql`number_dialed is null`).as('noCall'),
      countWhere(sql`answered_at is not null`).as('answered'),
      result('connected').as('connected'),
      result('abandoned').as('abandoned'),
      result('machine').as('machine'),
      result('fax').as('fax'),
      result('busy').as('busy'),
      result('no_answer').as('noAnswer'),
      result('bad_number').as('badNumber'),
      result('failed').as('failed'),
      sql<number>`coalesce(sum(extract(epoch from (ended_at - connected_at)) * 1000) filter (where connected_at is not null), 0)`.as('talkMs'),
      countWhere(sql`connected_at is not null`).as('talked'),
      sql<number>`coalesce(sum(hold_ms), 0)`.as('holdMs'),
      sql<number>`coalesce(sum(extract(epoch from (wrapped_up_at - ended_at)) * 1000) filter (where ${called}), 0)`.as('wrapMs'),
      countWhere(called).as('wrapped'),
      sql<number>`count(distinct record_id) filter (where system_result = 'connected')`.as('contactsReached'),
      countWhere(sql`wrap_up_outcome = 'final_success'`).as('success'),
    ])
    .where('campaign_id', 'in', scope.campaignIds)
    .where('ended_at', '>=', scope.from)
    .where('ended_at', '<', scope.to)
    .groupBy('campaign_id')
    .execute();
  return new Map(rows.map((r) => [r.campaign_id, Object.fromEntries(SUM_KEYS.map((k) => [k, Math.round(Number(r[k]))])) as Sums]));
}

/**
 * Records finished: done now (in the batch of the attempt), with their last attempt among the
 * period's. Each candidate is checked against later attempts through `(campaign_id, record_id, queued_at)`.
 */
async function finishedRecords(db: Kysely<Database>, scope: ReportScope): Promise<Map<number, number>> {
  if (scope.campaignIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('dial_attempts as a')
    .innerJoin('campaign_records as cr', (j) => j.onRef('cr.campaign_id', '=', 'a.campaign_id').onRef('cr.record_id', '=', 'a.record_id').onRef('cr.batch', '=', 'a.batch'))
    .select(['a.campaign_id', sql<number>`count(distinct a.record_id)`.as('n')])
    .where('a.campaign_id', 'in', scope.campaignIds)
    .where('a.ended_at', '>=', scope.from)
    .where('a.ended_at', '<', scope.to)
    .where('cr.status', '=', 'done')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('dial_attempts as b').select('b.id').whereRef('b.campaign_id', '=', 'a.campaign_id').whereRef('b.record_id', '=', 'a.record_id').whereRef('b.queued_at', '>', 'a.queued_at'))),
    )
    .groupBy('a.campaign_id')
    .execute();
  return new Map(rows.map((r) => [r.campaign_id, Number(r.n)]));
}
