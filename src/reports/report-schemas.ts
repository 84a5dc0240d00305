import { z } from 'zod';
import { callResults } from '../calls/call-results.js';
import { pageOf, pageQuery } from '../shared/pagination.js';
import { timeZoneSchema as timeZone } from '../users/user-schemas.js';

/**
 * Request and response schemas of the reports (R2, R3; docs/REPORTS.md). They validate, type the
 * handlers and write the OpenAPI document. Times are ISO instants; durations are milliseconds.
 */
const id = z.coerce.number().int().positive();
const text = z.string().trim().min(1).max(200);

/** "a,b" or a single value, each one of `values`. */
const oneOrMore = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values)).min(1));

export const periodQuery = z.object({
  from: z
    .string({ error: 'Give the start of the period, e.g. from=2026-03-01 (a date, a local time in timeZone, or an instant with an offset)' })
    .max(40)
    .describe('period start: 2026-03-02, 2026-03-02T09:30 (in timeZone) or an instant with offset; attempts that ended at or after it'),
  to: z
    .string({ error: 'Give the end of the period, e.g. to=2026-03-31 (the end of that day) or to=2026-03-02T24:00' })
    .max(40)
    .describe('period end: as from; 2026-03-02 or 2026-03-02T24:00 is the end of that day; attempts that ended before it. At most 366 days after from'),
  timeZone: timeZone.optional().describe('zone of from/to, of the chart buckets and of CSV times; default: mine'),
  campaignId: id.optional().describe('one campaign; default: every campaign I may see (admins all, supervisors their granted ones)'),
});
export type PeriodQuery = z.infer<typeof periodQuery>;

export const encodingQuery = z.object({
  encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8').describe('CSV: utf-8 (with BOM, default) or shift_jis'),
});

/* ---------- 1. campaigns ---------- */

export const campaignReportQuery = periodQuery;

const figures = {
  attempts: z.number().describe('attempts that ended in the period, calls and previews completed without a call'),
  dials: z.number().describe('calls placed (dialed)'),
  noCall: z.number().describe('previewed records completed without a call (P3)'),
  answered: z.number().describe('calls the far end picked up: people, machines and faxes'),
  liveAnswers: z.number().describe('D6: answered by a person — connected + abandoned'),
  connected: z.number().describe('an agent talked to the contact (result connected)'),
  abandoned: z.number().describe('D6: a person answered and no agent took the call in time'),
  abandonRatePercent: z.number().nullable().describe('D6: abandoned / live answers × 100; null without live answers'),
  machine: z.number(),
  fax: z.number(),
  busy: z.number(),
  noAnswer: z.number(),
  badNumber: z.number(),
  failed: z.number(),
  talkMs: z.number().describe('connected to ended, summed over calls that reached an agent (hold included)'),
  avgTalkMs: z.number().nullable(),
  holdMs: z.number(),
  wrapMs: z.number().describe('call end to wrap-up code, summed over wrapped-up calls'),
  avgWrapMs: z.number().nullable(),
  contactsReached: z.number().describe('distinct records with a connected call'),
  recordsFinished: z.number().describe('records now done whose last attempt ended in the period'),
  success: z.number().describe('attempts wrapped up with a final_success code'),
  conversionRatePercent: z.number().nullable().describe('success / contacts reached × 100'),
};

const progress = z
  .object({
    total: z.number(),
    done: z.number(),
    remaining: z.number(),
    setAside: z.number(),
    inProgress: z.number(),
    callbacksPending: z.number(),
    penetrationPercent: z.number().nullable().describe('(done + set aside) / total, as the dashboard'),
  })
  .describe('L8 list penetration of the current batch now (not of the period), as on the dashboard');

export const campaignFigures = z.object(figures);
const campaignRow = z.object({ campaignId: z.number(), campaignName: z.string(), mode: z.string(), status: z.string(), ...figures, progress });

export const seriesPoint = z.object({
  start: z.string().describe('the bucket start, an ISO instant'),
  label: z.string().describe('the bucket start in timeZone: 2026-03-02 10:00 (hours) or 2026-03-02 (days)'),
  attempts: z.number(),
  connected: z.number(),
  abandoned: z.number(),
  liveAnswers: z.number(),
});

export const campaignReport = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    asOf: z.string(),
    campaigns: z.array(campaignRow),
    totals: campaignFigures.describe('all campaigns of the report together'),
    series: z.object({ unit: z.enum(['hour', 'day']), points: z.array(seriesPoint) }).describe('the campaigns together per hour (periods up to 2 days) or per day'),
  })
  .meta({ id: 'CampaignReport' });
export type CampaignReport = z.infer<typeof campaignReport>;
export type CampaignReportRow = z.infer<typeof campaignRow>;
export type CampaignFigures = z.infer<typeof campaignFigures>;

/* ---------- 2. wrap-up codes ---------- */

const codeRow = z.object({
  campaignId: z.number(),
  campaignName: z.string(),
  code: z.string(),
  label: z.string().describe("the campaign's label, or the code itself when the campaign no longer has it"),
  outcome: z.string().nullable(),
  count: z.number(),
  sharePercent: z.number().nullable().describe("count / the campaign's wrapped-up attempts in the period × 100"),
});
export const wrapUpReport = z
  .object({ from: z.string(), to: z.string(), timeZone: z.string(), asOf: z.string(), items: z.array(codeRow) })
  .meta({ id: 'WrapUpCodeReport' });
export type WrapUpReport = z.infer<typeof wrapUpReport>;
export type WrapUpRow = z.infer<typeof codeRow>;

/* ---------- 3. agents ---------- */

export const agentReportQuery = periodQuery.extend({ userId: id.optional().describe('one agent') });
export type AgentReportQuery = z.infer<typeof agentReportQuery>;

const agentRow = z.object({
  userId: z.number(),
  name: z.string(),
  userCode: z.string(),
  loggedInMs: z.number().describe('every state but logged_out'),
  idleMs: z.number().describe('ready'),
  offeredMs: z.number().describe('reserved.offered: a record offered, not yet accepted'),
  previewingMs: z.number().describe('reserved.previewing'),
  dialingMs: z.number().describe('on_call.dialing, ringing, amd: on a call not yet answered'),
  talkMs: z.number().describe('on_call.active + on_call.held'),
  holdMs: z.number().describe('on_call.held'),
  wrapMs: z.number().describe('wrap_up'),
  notReadyMs: z.number(),
  notReadyByReason: z.array(z.object({ reason: z.string(), ms: z.number() })),
  callsHandled: z.number().describe('calls of the campaigns in the report that reached this agent'),
  avgHandleMs: z.number().nullable().describe('(talk + wrap) per call handled, from those calls'),
  dials: z.number().describe('calls placed for this agent (preview dials and dialer calls connected to them)'),
  skips: z.number().describe('records skipped (event skip)'),
  recordsCompleted: z.number().describe('records closed with a wrap-up code or completed without a call'),
});
export const agentReport = z
  .object({ from: z.string(), to: z.string(), timeZone: z.string(), asOf: z.string(), items: z.array(agentRow) })
  .meta({ id: 'AgentReport' });
export type AgentReport = z.infer<typeof agentReport>;
export type AgentReportRow = z.infer<typeof agentRow>;

/* ---------- 4. attempts ---------- */

export const ATTEMPT_RESULTS = [...callResults, 'no_call', 'in_progress'] as const;
export const ATTEMPT_SORTS = ['endedAt', 'queuedAt', 'talkMs', 'campaign', 'agent', 'name', 'result', 'code'] as const;

export const attemptFilters = periodQuery.extend({
  agentId: id.optional(),
  result: oneOrMore(ATTEMPT_RESULTS).optional().describe(`${ATTEMPT_RESULTS.join(', ')}; several joined by commas`),
  code: z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(64)).min(1))
    .optional()
    .describe('wrap-up codes, several joined by commas'),
  phone: text.optional().describe('digits of the number dialed, in any format (03-1234-5678 finds +81312345678)'),
  name: text.optional().describe("part of the record's name or phonetic name, any case"),
  sort: z.enum(ATTEMPT_SORTS).default('endedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type AttemptFilters = z.infer<typeof attemptFilters>;
export const attemptQuery = attemptFilters.extend(pageQuery.shape);
export type AttemptQuery = z.infer<typeof attemptQuery>;

export const attemptView = z
  .object({
    id: z.string(),
    campaignId: z.number(),
    campaignName: z.string(),
    batch: z.number(),
    recordId: z.number(),
    name: z.string().nullable(),
    phoneticName: z.string().nullable(),
    listId: z.number().nullable(),
    listName: z.string().nullable(),
    phone: z.string().nullable().describe('the number dialed; null when no call was made'),
    agentId: z.number().nullable(),
    agentName: z.string().nullable(),
    origin: z.enum(['preview', 'dialer']),
    callbackId: z.number().nullable(),
    queuedAt: z.string(),
    dialedAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    connectedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    wrappedUpAt: z.string().nullable(),
    result: z.string().describe(`${ATTEMPT_RESULTS.join(', ')}`),
    amdDecision: z.string().nullable(),
    endedBy: z.string().nullable(),
    ringMs: z.number().nullable().describe('dialed to answered (or to ended when not answered)'),
    waitMs: z.number().nullable().describe('answered to connected: the contact waiting for an agent'),
    greetingEndedAt: z.string().nullable().describe("D6: when the person's greeting ended, as answering-machine detection heard it (null without AMD)"),
    greetingToAgentMs: z.number().nullable().describe('D6: greeting ended to connected — what the 2-second rule measures (null without AMD or without an agent)'),
    talkMs: z.number().nullable().describe('connected to ended, hold included'),
    holdMs: z.number(),
    wrapMs: z.number().nullable(),
    code: z.string().nullable(),
    codeLabel: z.string().nullable(),
    outcome: z.string().nullable(),
    notes: z.string().nullable(),
  })
  .meta({ id: 'AttemptView' });
export type AttemptView = z.infer<typeof attemptView>;
export const attemptPage = pageOf(attemptView);

/* ---------- 5. customers ---------- */

export const customerFilters = z.object({
  q: text.optional().describe('any of: part of the name, part of the phonetic name (kana), phone digits'),
  name: text.optional().describe('part of the name, any case'),
  phoneticName: text.optional().describe('part of the phonetic name; katakana and hiragana, full and half width, match each other; spaces ignored'),
  phone: text.optional().describe("a phone number in any format: matches any of the record's numbers"),
  listId: id.optional(),
});
export type CustomerFilters = z.infer<typeof customerFilters>;
export const customerQuery = customerFilters.extend(pageQuery.shape);
export type CustomerQuery = z.infer<typeof customerQuery>;

const customerCampaign = z.object({
  campaignId: z.number(),
  campaignName: z.string(),
  batch: z.number(),
  status: z.string().describe('pending, in_progress, callback, done, set_aside'),
  reason: z.string().nullable().describe('done: the final result or code; set aside: why'),
  attempts: z.number(),
  lastResult: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export const customerView = z
  .object({
    recordId: z.number(),
    listId: z.number(),
    listName: z.string(),
    name: z.string().nullable(),
    phoneticName: z.string().nullable(),
    phones: z.array(z.object({ number: z.string(), type: z.string() })),
    timeZone: z.string().nullable(),
    campaigns: z.array(customerCampaign).describe('the campaigns I may see that hold the record'),
  })
  .meta({ id: 'CustomerView' });
export type CustomerView = z.infer<typeof customerView>;
export const customerPage = pageOf(customerView);
