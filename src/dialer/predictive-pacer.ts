import type { CallResult } from '../calls/call-results.js';
import type { CallState } from '../calls/call-state.js';
import type { TimerHandle } from '../engine/timers.js';
import type { CampaignEngine } from './campaign-engine.js';
import { binomialPacing, type PacingInputs, type PacingPolicy } from './pacing-policy.js';

/**
 * D3 predictive dialing for one campaign (issue 4 point 3): every second while the campaign
 * dials — and whenever an agent becomes ready — it gathers live statistics (answer rate, ring,
 * talk and wrap times, agents free and about to free up, calls in flight, the rolling abandon
 * rate of D6) and asks the `PacingPolicy` how many calls to place. Calls are not tied to an
 * agent: a live answer goes to a free agent of the campaign or, after 2 s, is abandoned (D6).
 * Each decision is kept with its inputs (the last 100; `decisions`).
 */
export interface PacingDecision {
  at: string;
  policy: string;
  inputs: PacingInputs;
  callsToPlace: number;
  placed: number;
}

const DECAY = 0.98; // each ended call weighs 2% less than the next: ~50 calls of memory
const PACE_MS = 1_000;
/** Seconds after the ring timeout by which a call has surely been answered or given up (AMD included). */
const RESOLVE_MARGIN_S = 10;

class Mean {
  constructor(private value: number, private weight = 0) {}
  add(x: number): void {
    this.weight = this.weight * DECAY + 1;
    this.value += (x - this.value) / this.weight;
  }
  get(): number {
    return this.value;
  }
}

export class PredictivePacer {
  policy: PacingPolicy = binomialPacing;
  readonly decisions: PacingDecision[] = [];
  /** Priors until calls end: a third answer live, 15 s to answer, 60 s talk, 10 s wrap. */
  private readonly answer = new Mean(0.3);
  private readonly ring = new Mean(15);
  private readonly talk = new Mean(60);
  private readonly wrap = new Mean(10);
  private ended = 0;
  private readonly wrapping = new Map<number, number>();
  private timer: TimerHandle | null = null;
  private soon: TimerHandle | null = null;
  /** Outcomes not yet counted in the answer rate (see noteAnswer). */
  private readonly outcomes: Array<{ dialedAt: number; live: boolean }> = [];

  constructor(private readonly engine: CampaignEngine) {}

  /**
   * A call brought a live answer, or ended without one. The answer rate learns from cohorts:
   * outcomes wait until every call dialed at the same time has surely resolved (ring timeout +
   * AMD), then count in dialing order. Counting them as they arrive would see the quick failures
   * (busy, bad numbers) first, underestimate the answer rate and overdial.
   */
  noteAnswer(live: boolean, t: CallState['times']): void {
    this.outcomes.push({ dialedAt: (t.dialed ?? t.queued).getTime(), live });
    if (t.answered && t.dialed) this.ring.add((t.answered.getTime() - t.dialed.getTime()) / 1000);
  }

  private learnSettledCohorts(now: number): void {
    const e = this.engine;
    const cutoff = now - (Math.max(e.ctx.options.ringTimeoutSeconds, e.policy.profile.minRingSeconds) + RESOLVE_MARGIN_S) * 1000;
    if (this.outcomes.length === 0 || this.outcomes.every((o) => o.dialedAt > cutoff)) return;
    this.outcomes.sort((a, b) => a.dialedAt - b.dialedAt);
    let i = 0;
    for (; i < this.outcomes.length && this.outcomes[i]!.dialedAt <= cutoff; i++) {
      this.answer.add(this.outcomes[i]!.live ? 1 : 0);
      this.ended += 1;
    }
    this.outcomes.splice(0, i);
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

  /** A call ended: learn the talk time. */
  noteEnded(call: CallState, result: CallResult): void {
    const t = call.times;
    if (result === 'connected' && t.connected && t.ended) this.talk.add((t.ended.getTime() - t.connected.getTime()) / 1000);
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

  /** One decision: gather the inputs, ask the policy, place the calls. */
  pace(): number {
    const e = this.engine;
    if (!e.dialing || !e.loaded) return 0;
    const inputs = this.inputs();
    const callsToPlace = inputs.agentsReady + inputs.agentsFreeingSoon === 0 ? 0 : this.policy.decide(inputs);
    let placed = 0;
    for (; placed < callsToPlace; placed++) {
      const next = e.next(-1, false);
      if (!next) break;
      e.calls.place(next.entry, next.choice.number, { agentId: null, origin: 'dialer', lineOf: null });
    }
    if (callsToPlace > 0) {
      this.decisions.push({ at: e.now.toISOString(), policy: this.policy.name, inputs, callsToPlace, placed });
      if (this.decisions.length > 100) this.decisions.shift();
    }
    this.ensureRunning();
    return placed;
  }

  inputs(): PacingInputs {
    const e = this.engine;
    const { desk } = e.ctx;
    const now = e.now.getTime();
    this.learnSettledCohorts(now);
    const ring = this.ring.get();
    const talk = this.talk.get();
    let ready = 0;
    let soon = 0;
    const wrappingNow = new Set<number>();
    for (const agentId of desk.joined(e.id)) {
      const st = desk.state(agentId);
      if (st.status === 'ready' && !e.work.has(agentId)) ready++;
      if (!('work' in st) || st.work.campaignId !== e.id) continue;
      const elapsed = (now - st.since.getTime()) / 1000;
      if (st.status === 'wrap_up') {
        wrappingNow.add(agentId);
        if (!this.wrapping.has(agentId)) this.wrapping.set(agentId, st.since.getTime());
        if (this.wrap.get() - elapsed <= ring) soon++;
      }
      // Talking agents are not counted: talk times are long-tailed (lognormal), so one who has
      // talked longer than the mean is not about to finish — counting them overdials (issue 7).
    }
    for (const [agentId, since] of this.wrapping) {
      if (wrappingNow.has(agentId)) continue;
      this.wrapping.delete(agentId);
      this.wrap.add((now - since) / 1000); // left wrap-up since the last look (within a second)
    }
    const window = e.definition.abandonWindow ?? 'us';
    const { inFlight, waiting } = e.calls.pending();
    return {
      agentsReady: ready,
      agentsFreeingSoon: soon,
      callsInFlight: inFlight,
      callsWaiting: waiting,
      answerRate: this.answer.get(),
      sampleSize: this.ended,
      meanRingSeconds: ring,
      meanTalkSeconds: talk,
      meanWrapSeconds: this.wrap.get(),
      abandonRatePercent: e.abandons.rate(window, e.now).ratePercent,
      abandonTargetPercent: e.definition.abandonTarget ?? 3,
      window,
    };
  }
}
