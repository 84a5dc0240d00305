/** What GET /api/reports/* answer (src/reports/report-schemas.ts), as the reports page reads it. Durations in ms. */
interface Period {
  from: string;
  to: string;
  timeZone: string;
  asOf: string;
}

export interface Figures {
  attempts: number;
  dials: number;
  noCall: number;
  answered: number;
  liveAnswers: number;
  connected: number;
  abandoned: number;
  abandonRatePercent: number | null;
  machine: number;
  fax: number;
  busy: number;
  noAnswer: number;
  badNumber: number;
  failed: number;
  talkMs: number;
  avgTalkMs: number | null;
  holdMs: number;
  wrapMs: number;
  avgWrapMs: number | null;
  contactsReached: number;
  recordsFinished: number;
  success: number;
  conversionRatePercent: number | null;
}

export interface CampaignRow extends Figures {
  campaignId: number;
  campaignName: string;
  mode: string;
  status: string;
  progress: { total: number; done: number; remaining: number; setAside: number; inProgress: number; callbacksPending: number; penetrationPercent: number | null };
}

export interface SeriesPoint {
  start: string;
  label: string;
  attempts: number;
  connected: number;
  abandoned: number;
  liveAnswers: number;
}

export interface CampaignReport extends Period {
  campaigns: CampaignRow[];
  totals: Figures;
  series: { unit: 'hour' | 'day'; points: SeriesPoint[] };
}

export interface WrapUpRow {
  campaignId: number;
  campaignName: string;
  code: string;
  label: string;
  outcome: string | null;
  count: number;
  sharePercent: number | null;
}
export interface WrapUpReport extends Period {
  items: WrapUpRow[];
}

export interface AgentRow {
  userId: number;
  name: string;
  userCode: string;
  loggedInMs: number;
  idleMs: number;
  offeredMs: number;
  previewingMs: number;
  dialingMs: number;
  talkMs: number;
  holdMs: number;
  wrapMs: number;
  notReadyMs: number;
  notReadyByReason: Array<{ reason: string; ms: number }>;
  callsHandled: number;
  avgHandleMs: number | null;
  dials: number;
  skips: number;
  recordsCompleted: number;
}
export interface AgentReport extends Period {
  items: AgentRow[];
}

export interface Attempt {
  id: string;
  campaignId: number;
  campaignName: string;
  recordId: number;
  name: string | null;
  phoneticName: string | null;
  listName: string | null;
  phone: string | null;
  agentName: string | null;
  origin: 'preview' | 'dialer';
  queuedAt: string;
  endedAt: string | null;
  result: string;
  talkMs: number | null;
  wrapMs: number | null;
  code: string | null;
  codeLabel: string | null;
  notes: string | null;
}

export interface Customer {
  recordId: number;
  listId: number;
  listName: string;
  name: string | null;
  phoneticName: string | null;
  phones: Array<{ number: string; type: string }>;
  timeZone: string | null;
  campaigns: Array<{
    campaignId: number;
    campaignName: string;
    batch: number;
    status: string;
    reason: string | null;
    attempts: number;
    lastResult: string | null;
    lastAttemptAt: string | null;
    nextAttemptAt: string | null;
  }>;
}
