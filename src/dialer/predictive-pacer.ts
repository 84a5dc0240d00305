import type { CallResult } from '../calls/call-results.js';
import type { CallState } from '../calls/call-state.js';
import type { TimerHandle } from '../engine/timers.js';
import { PacerAlgorithm } from '../pacing/pacer-algorithm.js';
import type { BusyAgent, FloorView } from '../pacing/pacing-algorithm.js';
import type { PacingInputs } from '../pacing/pacing-policy.js';
import type { CampaignEngine } from './campaign-engine.js';

/**
 * D3 predictive dialing for one campaign (issue 4 point 3): every second while the campaign
 * dials — and whenever an agent becomes ready — it asks the pacing algorithm how many calls to
 * place, and places them. Calls are not tied to an agent: a live answer goes to a free agent of
 * the campaign or, after 2 s, is abandoned (D6). Each decision is kept with its inputs (the
 * last 100; `decisions`; the dashboard explains the latest, X2).
 *
 * The algorithm is Pacer's (`pacer`, src/pacing/pacer-algorithm.ts), the very object the pacing
 * simulator runs (issue 7): this adapter feeds it the engine's events through the
 * `PacingAlgorithm` hooks and builds its `FloorView` from the agent desk and the calls.
 */
export interface PacingDecision {
  at: string;
  policy: string;
  inputs: PacingInputs;
  callsToPlace: number;
  placed: number;
}

const PACE_MS = 1_000;
/**
 * The false-machine rate the pacing budgets for when the campaign detects machines (percent of
 * live answers): people judged machines are abandoned calls under the UK rule, and the engine
 * cannot see them. The pacing scenarios budget 1 % (../shared/bench/scenarios.json).
 */
export const AMD_FALSE_MACHINE_BUDGET_PERCENT = 1;

export class PredictivePacer {
  readonly algorithm = new PacerAlgorithm();
  readonly decisions: PacingDecision[] = [];
  private timer: TimerHandle | null = null;
  private soon: TimerHandle | null = null;
  /** Agents seen on a paced call or wrapping up at the last look → the phase: a change is reported when the next look notices it (within a second). */
  private readonly busy = new Map<number, 'talk' | 'wrap'>();

  constructor(private readonly engine: CampaignEngine) {}

  /** A call brought a live answer (at the detector's "human"), or ended without one. */
  noteAnswer(live: boolean, t: CallState['times']): void {
    const answeredAt = t.answered && t.dialed ? t.answered.getTime() : null;
    this.algorithm.callResolved(live, (t.dialed ?? t.queued).getTime(), answeredAt, this.engine.now.getTime());
  }

  /** A live answer was connected to an agent (the feedback loop counts it). */
  noteConnected(t: CallState['times']): void {
    const now = this.engine.now.getTime();
    this.algorithm.liveConnected(t.answered?.getTime() ?? now, now);
  }

  /** A call ended: a connected one tells the talk time, an abandoned one is counted. */
  noteEnded(call: CallState, result: CallResult): void {
    const t = call.times;
    if (result === 'connected' && t.connected && t.ended) this.algorithm.talkEnded(t.connected.getTime(), t.ended.getTime());
    if (result === 'abandoned') this.algorithm.liveAbandoned(t.answered?.getTime() ?? this.engine.now.getTime(), this.engine.now.getTime());
  }

  /** Pace soon (coalesced): many agents becoming ready in one turn make one decision. */
  request(): void {
    const e = this.engine;
    if (this.soon) return;
    this.soon = e.ctx.ports.timers.after(0, () => {
      this.soon = null;
      this.pace();
    });
  }

  /** Keeps pacing every second while the campaign dials and has agents. */
  ensureRunning(): void {
    const e = this.engine;
    if (this.timer || !e.dialing) return;
    this.timer = e.ctx.ports.timers.after(PACE_MS, () => {
      this.timer = null;
      if (!e.dialing || e.definition.mode !== 'predictive' || e.ctx.desk.joined(e.id).length === 0) return;
      this.pace();
      this.ensureRunning();
    });
  }

  /** One decision: build the view, ask the algorithm, place the calls. */
  pace(): number {
    const e = this.engine;
    if (!e.dialing || !e.loaded) return 0;
    const callsToPlace = this.algorithm.decide(this.view());
    let placed = 0;
    for (; placed < callsToPlace; placed++) {
      const next = e.next(-1, false);
      if (!next) break;
      e.calls.place(next.entry, next.choice.number, { agentId: null, origin: 'dialer', lineOf: null });
    }
    const inputs = this.algorithm.lastInputs;
    if (callsToPlace > 0 && inputs) {
      this.decisions.push({ at: e.now.toISOString(), policy: this.algorithm.policy.name, inputs, callsToPlace, placed });
      if (this.decisions.length > 100) this.decisions.shift();
    }
    this.ensureRunning();
    return placed;
  }

  /** The campaign's floor now, from the agent desk and the calls; busy spells seen starting, changing or ending are reported to the algorithm. */
  private view(): FloorView {
    const e = this.engine;
    const { desk } = e.ctx;
    const now = e.now.getTime();
    const joined = desk.joined(e.id);
    let ready = 0;
    const busyAgents: BusyAgent[] = [];
    const busyNow = new Set<number>();
    for (const agentId of joined) {
      const st = desk.state(agentId);
      if (st.status === 'ready' && !e.work.has(agentId)) ready++;
      if (!('work' in st) || st.work.campaignId !== e.id) continue;
      if (st.status !== 'wrap_up' && st.status !== 'on_call') continue;
      const phase = st.status === 'wrap_up' ? 'wrap' : 'talk';
      const since = st.since.getTime();
      busyNow.add(agentId);
      busyAgents.push({ agentId, phase, since, leaving: st.notReadyAfter !== null });
      if (this.busy.get(agentId) !== phase) {
        this.busy.set(agentId, phase);
        this.algorithm.agentPhase(agentId, phase, since);
      }
    }
    for (const agentId of this.busy.keys()) {
      if (busyNow.has(agentId)) continue;
      this.busy.delete(agentId);
      if (desk.state(agentId).status === 'logged_out') this.algorithm.agentLoggedOut(agentId, now);
      else this.algorithm.agentPhase(agentId, 'free', now);
    }
    const window = e.definition.abandonWindow ?? 'us';
    const { inFlight, waiting } = e.calls.pending();
    return {
      now,
      agentsLoggedIn: joined.length,
      agentsReady: ready,
      busyAgents,
      callsInFlight: inFlight,
      callsWaiting: waiting,
      abandonRatePercent: e.abandons.rate(window, e.now).ratePercent,
      abandonTargetPercent: e.definition.abandonTarget ?? 3,
      window,
      amdFalseMachinePercent: e.definition.amd ? AMD_FALSE_MACHINE_BUDGET_PERCENT : 0,
      ringTimeoutSeconds: Math.max(e.ctx.options.ringTimeoutSeconds, e.policy.profile.minRingSeconds),
      maxConnectWaitSeconds: e.policy.profile.maxConnectWaitSeconds,
    };
  }
}
