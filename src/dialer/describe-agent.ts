import { type AgentState, agentStateLabel } from '../agents/agent-state.js';
import type { AgentMessage } from '../agents/agent-desk.js';
import type { CampaignEngine } from './campaign-engine.js';
import { chooseNumber } from './choose-number.js';

/**
 * What the agent desktop shows (issue 4 points 2, 11; P1, P2, P5, D2, D8, D9): the agent's
 * state, the record in hand with every number — the recommended one marked and the others
 * with the reason they may not be dialed now — the screen-pop fields, the call, the power
 * lines, and the wrap-up codes and call guide. Built from memory, so it can go out with every
 * state event; the attempt history (P2) is added by the REST read.
 */
export interface AgentView {
  userId: number;
  state: string;
  status: AgentState['status'];
  reason: string | null;
  notReadyAfter: string | null;
  since: string;
  campaigns: Array<{ id: number; name: string; mode: string; dialing: boolean }>;
  work: WorkView | null;
  lines: Array<{ campaignId: number; callId: string; number: string; status: string }>;
  messages: AgentMessage[];
  /**
   * Grows with every view this server builds: a view with a lower revision is older than one
   * the desktop already shows (a REST answer overtaken by an event) and is not shown over it.
   * Starts again at 1 when the server starts.
   */
  revision: number;
}

/** The last revision handed out (views are built from memory, so build order is state order). */
let lastRevision = 0;

export interface WorkView {
  campaignId: number;
  campaignName: string;
  mode: string;
  recordId: number;
  callbackId: number | null;
  callback: { phone: string; windowStart: string; windowEnd: string; timeZone: string; notes: string } | null;
  name: string | null;
  phoneticName: string | null;
  timeZone: string | null;
  region: string | null;
  phones: Array<{ number: string; type: string; column: string; recommended: boolean; allowed: boolean; reason: string | null; message: string | null; nextAllowedAt: string | null }>;
  screenPop: Record<string, string>;
  attempts: number;
  /** L6: the campaign's most attempts per record and per number per day (null: no limit). */
  attemptLimits: { perRecord: number | null; perNumberPerDay: number | null };
  /** Results of the record's calls so far, counted (the Attempts tab, P2). */
  resultCounts: Record<string, number>;
  skips: number;
  call: { id: string; number: string; status: string } | null;
  lastResult: string | null;
  reviewDeadline: string | null;
  wrapUpDeadline: string | null;
  wrapUpCodes: Array<{ code: string; label: string; outcome: string; shortcut: string | null }>;
  previewCompleteCode: string | null;
  callGuide: unknown;
}

export function describeWork(engine: CampaignEngine, agentId: number): WorkView | null {
  const work = engine.work.get(agentId);
  if (!work) return null;
  const { entry } = work;
  const d = engine.definition;
  const cb = entry.callback;
  const choice = chooseNumber(entry, engine.dialContext(true), cb ? { callbackId: cb.callbackId, callbackPhone: cb.phone } : {});
  const recommended = choice.allowed ? choice.number : null;
  const byKey = new Map(Object.keys(entry.custom).map((k) => [k.trim().toLowerCase(), k]));
  const screenPop: Record<string, string> = {};
  for (const field of d.screenPopFields) {
    const key = byKey.get(field.trim().toLowerCase());
    if (key !== undefined) screenPop[field] = entry.custom[key]!;
  }
  const call = work.callId ? engine.calls.get(work.callId) : undefined;
  return {
    campaignId: engine.id,
    campaignName: engine.name,
    mode: d.mode,
    recordId: entry.recordId,
    callbackId: cb?.callbackId ?? null,
    callback: cb ? { phone: cb.phone, windowStart: cb.windowStart.toISOString(), windowEnd: cb.windowEnd.toISOString(), timeZone: cb.timeZone, notes: cb.notes } : null,
    name: entry.name,
    phoneticName: entry.phoneticName,
    timeZone: entry.timeZone,
    region: entry.region,
    phones: choice.verdicts.map((v) => ({
      number: v.number,
      type: v.type,
      column: v.column,
      recommended: v.number === recommended,
      allowed: v.decision.allowed,
      reason: v.decision.allowed ? null : v.decision.reason,
      message: v.decision.allowed ? null : v.decision.message,
      nextAllowedAt: v.decision.allowed || !v.decision.nextAllowedAt ? null : v.decision.nextAllowedAt.toISOString(),
    })),
    screenPop,
    attempts: entry.attempts,
    attemptLimits: { perRecord: engine.policy.maxAttemptsPerRecord, perNumberPerDay: engine.policy.maxAttemptsPerNumberPerDay },
    resultCounts: { ...entry.resultCounts },
    skips: entry.skips,
    call: call ? { id: call.id, number: call.number, status: call.state.status } : null,
    lastResult: work.lastResult,
    reviewDeadline: work.reviewDeadline?.toISOString() ?? null,
    wrapUpDeadline: work.wrapDeadline?.toISOString() ?? null,
    wrapUpCodes: d.wrapUpCodes.map((c) => ({ code: c.code, label: c.label, outcome: c.outcome, shortcut: c.shortcut })),
    previewCompleteCode: d.previewCompleteCode,
    callGuide: d.callGuide,
  };
}

export function describeAgent(userId: number, state: AgentState, engines: ReadonlyMap<number, CampaignEngine>, messages: readonly AgentMessage[]): AgentView {
  const campaigns = state.status === 'logged_out' ? [] : state.campaigns;
  const workCampaign = 'work' in state ? state.work.campaignId : null;
  const engine = workCampaign !== null ? engines.get(workCampaign) : undefined;
  const lines: AgentView['lines'] = [];
  for (const id of campaigns) {
    const e = engines.get(id);
    if (!e) continue;
    for (const c of e.calls.linesOf(userId)) lines.push({ campaignId: id, callId: c.id, number: c.number, status: c.state.status });
  }
  return {
    userId,
    state: agentStateLabel(state),
    status: state.status,
    reason: state.status === 'not_ready' ? state.reason : null,
    notReadyAfter: 'notReadyAfter' in state ? state.notReadyAfter : null,
    since: state.since.toISOString(),
    campaigns: campaigns.map((id) => {
      const e = engines.get(id);
      return { id, name: e?.name ?? '', mode: e?.definition?.mode ?? '', dialing: e?.dialing ?? false };
    }),
    work: engine ? describeWork(engine, userId) : null,
    lines,
    messages: [...messages],
    revision: ++lastRevision,
  };
}
