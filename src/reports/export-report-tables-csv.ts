import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../shared/clock.js';
import { csvLine, encodeCsv, type CsvEncoding } from '../shared/csv.js';
import type { Database } from '../storage/schema.js';
import { countWrapUpCodes } from './count-wrap-up-codes.js';
import { percentCell, seconds } from './csv-cells.js';
import type { AgentReportQuery, CampaignFigures, PeriodQuery } from './report-schemas.js';
import { summarizeAgents } from './summarize-agents.js';
import { summarizeCampaigns } from './summarize-campaigns.js';

/**
 * R2: the campaign, wrap-up code and agent reports as CSV — the same filters and figures as their
 * JSON, every row (they are one row per campaign, code or agent). English headers; durations in
 * seconds; UTF-8 with BOM or Shift_JIS (src/shared/csv.ts).
 */
export async function* campaignReportCsv(db: Kysely<Database>, clock: Clock, actor: Actor, q: PeriodQuery & { table: 'campaigns' | 'series'; encoding: CsvEncoding }) {
  const report = await summarizeCampaigns(db, clock, actor, q);
  if (q.table === 'series') {
    const lines = [csvLine([`${report.series.unit} (${report.timeZone})`, 'start (UTC)', 'attempts', 'connected', 'abandoned', 'live answers'])];
    for (const p of report.series.points) lines.push(csvLine([p.label, p.start, p.attempts, p.connected, p.abandoned, p.liveAnswers]));
    yield* encodeCsv(lines, q.encoding);
    return;
  }
  const lines = [csvLine(['campaign ID', 'campaign', 'mode', 'status', ...FIGURE_HEADERS, 'records', 'penetration (%)'])];
  for (const c of report.campaigns) lines.push(csvLine([c.campaignId, c.campaignName, c.mode, c.status, ...figureCells(c), c.progress.total, percentCell(c.progress.penetrationPercent)]));
  lines.push(csvLine(['', 'total', '', '', ...figureCells(report.totals), '', '']));
  yield* encodeCsv(lines, q.encoding);
}

const FIGURE_HEADERS = [
  'attempts', 'dials', 'no call', 'answered', 'live answers', 'connected', 'abandoned', 'abandon rate (%)', 'machine', 'fax', 'busy', 'no answer', 'bad number', 'failed',
  'talk (s)', 'average talk (s)', 'hold (s)', 'wrap (s)', 'average wrap (s)', 'contacts reached', 'records finished', 'success', 'conversion rate (%)',
];

const figureCells = (f: CampaignFigures) => [
  f.attempts, f.dials, f.noCall, f.answered, f.liveAnswers, f.connected, f.abandoned, percentCell(f.abandonRatePercent), f.machine, f.fax, f.busy, f.noAnswer, f.badNumber, f.failed,
  seconds(f.talkMs), seconds(f.avgTalkMs), seconds(f.holdMs), seconds(f.wrapMs), seconds(f.avgWrapMs), f.contactsReached, f.recordsFinished, f.success, percentCell(f.conversionRatePercent),
];

export async function* wrapUpReportCsv(db: Kysely<Database>, clock: Clock, actor: Actor, q: PeriodQuery & { encoding: CsvEncoding }) {
  const report = await countWrapUpCodes(db, clock, actor, q);
  const lines = [csvLine(['campaign ID', 'campaign', 'code', 'label', 'outcome', 'count', 'share (%)'])];
  for (const r of report.items) lines.push(csvLine([r.campaignId, r.campaignName, r.code, r.label, r.outcome, r.count, percentCell(r.sharePercent)]));
  yield* encodeCsv(lines, q.encoding);
}

/** One column per not-ready reason found in the report, after the total. */
export async function* agentReportCsv(db: Kysely<Database>, clock: Clock, actor: Actor, q: AgentReportQuery & { encoding: CsvEncoding }) {
  const report = await summarizeAgents(db, clock, actor, q);
  const reasons = [...new Set(report.items.flatMap((a) => a.notReadyByReason.map((r) => r.reason)))].sort();
  const lines = [
    csvLine([
      'user ID', 'user code', 'agent', 'logged in (s)', 'idle (s)', 'offered (s)', 'previewing (s)', 'dialing (s)', 'talk (s)', 'hold (s)', 'wrap (s)', 'not ready (s)',
      ...reasons.map((r) => `not ready: ${r} (s)`), 'calls handled', 'average handle (s)', 'dials', 'skips', 'records completed',
    ]),
  ];
  for (const a of report.items) {
    const byReason = new Map(a.notReadyByReason.map((r) => [r.reason, r.ms]));
    lines.push(
      csvLine([
        a.userId, a.userCode, a.name, seconds(a.loggedInMs), seconds(a.idleMs), seconds(a.offeredMs), seconds(a.previewingMs), seconds(a.dialingMs), seconds(a.talkMs), seconds(a.holdMs),
        seconds(a.wrapMs), seconds(a.notReadyMs), ...reasons.map((r) => seconds(byReason.get(r) ?? 0)), a.callsHandled, seconds(a.avgHandleMs), a.dials, a.skips, a.recordsCompleted,
      ]),
    );
  }
  yield* encodeCsv(lines, q.encoding);
}
