import { EventHeap } from '../engine/event-heap.js';
import { LiveAgeProfile } from './live-age-profile.js';
import type { AgentPhase, FloorView, PacingAlgorithm } from './pacing-algorithm.js';
import { marginalPacing, type PacingInputs, type PacingPolicy, visibleTargetPercent } from './pacing-policy.js';

/**
 * `pacer`, Pacer's own algorithm (D3; issue 7 points 3, 4, 8), the one the server's engine and
 * the simulator both run: live estimates of the floor's rates, the `marginal-v2` policy
 * (pacing-policy.ts) and a feedback loop that spends the abandon budget.
 *
 * - Estimates decay (every new observation makes the older ones weigh a little less), with priors
 *   until there are some. The answer rate learns from settled cohorts: an outcome waits until
 *   every call dialed at the same time has surely resolved — the ring timeout + 10 s, or, with no
 *   ring timeout, until no call dialed before it is still in flight — then counts in dialing
 *   order (counting outcomes as they arrive sees the quick failures first, underestimates the
 *   answer rate and overdials). When calls resolve, live or not, is kept by age
 *   (live-age-profile.ts): the mean time to a live answer, how spread out it is, and what a call
 *   still ringing at its age is worth in live answers to come. The handle time is an agent's
 *   whole busy spell, from taking a call to being free again.
 * - The policy places a call while its chance of finding every agent busy stays within a limit.
 *   The limit follows the abandon rate (a Robbins–Monro step on every live answer the dialer
 *   sees: up by `STEP × setpoint` when it is connected — faster while the window's rate is well
 *   under the setpoint —, down by `STEP × (1 − setpoint)` when it is abandoned, in log terms), so
 *   it settles where the abandon share equals the setpoint.
 * - The setpoint: the target less the detector's false machines (the UK rule counts a person
 *   judged a machine as abandoned; the dialer cannot see them and budgets for the configured
 *   rate), less a margin for chance (of the visible rate and of the unseen false machines) that
 *   shrinks as live answers accumulate, pulled towards the window's own rate so that what was
 *   over- or under-spent is made up, and brought down to 0 as the window's rate nears the target
 *   — the campaign's window, the law's (30 days, or 24 hours for the UK), never a midnight reset.
 *   At the target, one call per free agent.
 */
/** Memory of the estimates: ~1,000 settled calls, busy spells, wrap-ups (noisy estimates overdial, and move the model's table). */
const ANSWER_DECAY = 0.999;
const TIME_DECAY = 0.999;
/** Seconds after the ring timeout by which a call has surely been answered or given up (AMD included). */
const RESOLVE_MARGIN_S = 10;
/** How often the calls in flight are recounted by age (ms). */
const RECOUNT_MS = 1_000;
/** The feedback loop's step (log scale) per live answer seen. */
const STEP = 0.15;
/** How much faster the limit rises while the window's rate is under the setpoint (× the share it is under by). */
const CATCH_UP = 3;
/** The limit's bounds and first value. */
const LIMIT_MIN = 1e-4;
const LIMIT_MAX = 0.5;
const LIMIT_START = 0.005;
/** The margin for chance: this many standard errors of the rate over the live answers seen… */
const MARGIN_Z = 2;
/** …counted from this many live answers (the margin before any is a fifth of the budget at most). */
const MARGIN_PRIOR_LIVE = 100;
/** The visible rate's variance against a binomial one's: the loop corrects it as it goes, the unseen false machines it cannot. */
const VISIBLE_NOISE = 0.5;
/** How strongly the setpoint leans against the window's rate being over or under it. */
const WINDOW_GAIN = 1;
/** Within this share of the visible target the setpoint falls linearly to 0 at the target (no cliff into progressive dialing). */
const SOFT_ZONE = 0.05;

class Mean {
  private weight = 0;
  constructor(
    private value: number,
    private readonly decay: number,
  ) {}
  add(x: number): void {
    this.weight = this.weight * this.decay + 1;
    this.value += (x - this.value) / this.weight;
  }
  get(): number {
    return this.value;
  }
}

interface Outcome {
  /** The heap's order: dial time, then arrival. */
  time: number;
  seq: number;
  live: boolean;
}

export class PacerAlgorithm implements PacingAlgorithm {
  readonly name = 'pacer';
  policy: PacingPolicy = marginalPacing;
  /** What the last decision was given (the engine keeps them for the dashboard, X2). */
  lastInputs: PacingInputs | null = null;
  private readonly answer = new Mean(0.3, ANSWER_DECAY);
  /** When calls resolve, live or not: the mean time to a live answer, and what a call in flight is still worth. */
  private readonly ages = new LiveAgeProfile(ANSWER_DECAY, 12);
  /** Calls in flight weighted by `ages` (recounted every second; calls dialed or resolved between counts added or taken off). */
  private liveInFlight = 0;
  private countedAt = -Infinity;
  private readonly handle = new Mean(70, TIME_DECAY);
  private readonly wrap = new Mean(10, TIME_DECAY);
  private ended = 0;
  private seq = 0;
  /** Outcomes not yet counted in the answer rate, by dial time. */
  private readonly outcomes = new EventHeap<Outcome>();
  /** Agents on a call or wrapping up → since when (to learn the handle time when they are free again); those wrapping up → since when. */
  private readonly busySince = new Map<number, number>();
  private readonly wrapSince = new Map<number, number>();
  /** The feedback loop: the limit on a new call's chance of finding every agent busy, and the setpoint it aims at (share). */
  private limit = LIMIT_START;
  private setpoint: number | null = null;
  /** The window's visible rate at the last decision (share). */
  private rate: number | null = null;
  /** Live answers seen (connected or abandoned). */
  private liveSeen = 0;

  callDialed(_dialedAt: number): void {
    this.liveInFlight += 1;
  }

  callResolved(live: boolean, dialedAt: number, _answeredAt: number | null, at: number): void {
    this.outcomes.push({ time: dialedAt, seq: this.seq++, live });
    const age = (at - dialedAt) / 1000;
    this.liveInFlight = Math.max(0, this.liveInFlight - this.ages.weight(age));
    this.ages.note(age, live);
  }

  liveConnected(_answeredAt: number, _at: number): void {
    this.feedback(false);
  }

  liveAbandoned(_answeredAt: number, _at: number): void {
    this.feedback(true);
  }

  talkEnded(_connectedAt: number, _at: number): void {}

  agentLoggedIn(_agentId: number, _at: number): void {}

  agentLoggedOut(agentId: number, at: number): void {
    this.busySince.delete(agentId);
    this.leftWrap(agentId, at);
  }

  agentPhase(agentId: number, phase: AgentPhase, at: number): void {
    if (phase === 'wrap') {
      if (!this.wrapSince.has(agentId)) this.wrapSince.set(agentId, at);
    } else {
      this.leftWrap(agentId, at);
    }
    if (phase !== 'free') {
      if (!this.busySince.has(agentId)) this.busySince.set(agentId, at);
      return;
    }
    const since = this.busySince.get(agentId);
    if (since === undefined) return;
    this.busySince.delete(agentId);
    this.handle.add((at - since) / 1000);
  }

  private leftWrap(agentId: number, at: number): void {
    const since = this.wrapSince.get(agentId);
    if (since === undefined) return;
    this.wrapSince.delete(agentId);
    this.wrap.add((at - since) / 1000);
  }

  decide(view: FloorView): number {
    const inputs = this.inputs(view);
    this.lastInputs = inputs;
    return inputs.agentsReady + inputs.agentsBusy === 0 ? 0 : this.policy.decide(inputs);
  }

  inputs(view: FloorView): PacingInputs {
    this.learnSettledCohorts(view);
    if (view.now - this.countedAt >= RECOUNT_MS) this.recount(view);
    const answerSeconds = this.ages.meanLiveSeconds();
    const handle = this.handle.get();
    const wrap = this.wrap.get();
    let busy = 0;
    let soon = 0;
    for (const a of view.busyAgents) {
      if (a.leaving) continue;
      busy++;
      // Wrap-ups are short and regular: one near its end will be over before a call placed now is answered.
      if (a.phase === 'wrap' && wrap - (view.now - a.since) / 1000 <= answerSeconds) soon++;
    }
    const setpoint = this.setpointFor(view);
    this.rate = view.abandonRatePercent === null ? null : view.abandonRatePercent / 100;
    this.setpoint = setpoint;
    return {
      agentsReady: view.agentsReady,
      agentsBusy: busy,
      agentsFreeingSoon: soon,
      callsInFlight: view.callsInFlight.length,
      liveCallsInFlight: this.liveInFlight,
      callsWaiting: view.callsWaiting,
      answerRate: this.answer.get(),
      sampleSize: this.ended,
      meanAnswerSeconds: answerSeconds,
      answerTimeCv2: this.ages.liveTimeCv2(),
      meanHandleSeconds: handle,
      abandonRatePercent: view.abandonRatePercent,
      abandonTargetPercent: view.abandonTargetPercent,
      window: view.window,
      amdFalseMachinePercent: view.amdFalseMachinePercent,
      abandonSetpointPercent: 100 * setpoint,
      marginalLimit: this.limit,
    };
  }

  /** Recounts the calls in flight by their weights (the weights themselves refreshed first). */
  private recount(view: FloorView): void {
    this.ages.refresh();
    let sum = 0;
    for (const c of view.callsInFlight) sum += this.ages.weight((view.now - c.dialedAt) / 1000);
    this.liveInFlight = sum;
    this.countedAt = view.now;
  }

  /** The abandon share (0–1) the loop aims the visible rate at now. */
  private setpointFor(view: FloorView): number {
    const target = visibleTargetPercent(view) / 100;
    const f = view.amdFalseMachinePercent / 100;
    // The visible rate's chance and the unseen false machines' both move the true rate.
    const margin = MARGIN_Z * Math.sqrt((VISIBLE_NOISE * target * (1 - target) + f * (1 - f)) / (this.liveSeen + MARGIN_PRIOR_LIVE));
    const base = Math.max(0, target - margin);
    const rate = view.abandonRatePercent === null ? base : view.abandonRatePercent / 100;
    const soft = target > 0 ? Math.min(1, Math.max(0, (target - rate) / (SOFT_ZONE * target))) : 0;
    return soft * Math.min(target, Math.max(0, base + WINDOW_GAIN * (base - rate)));
  }

  private feedback(abandoned: boolean): void {
    this.liveSeen += 1;
    const s = this.setpoint;
    if (s === null) return;
    // Up faster while the window's rate is well under the setpoint (the limit may start far below where it settles).
    const under = s > 0 && this.rate !== null ? Math.max(0, 1 - this.rate / s) : 0;
    const step = abandoned ? -STEP * (1 - s) : STEP * s * (1 + CATCH_UP * under);
    this.limit = Math.min(LIMIT_MAX, Math.max(LIMIT_MIN, this.limit * Math.exp(step)));
  }

  private learnSettledCohorts(view: FloorView): void {
    if (this.outcomes.size === 0) return;
    let cutoff: number;
    if (view.ringTimeoutSeconds !== null) {
      cutoff = view.now - (view.ringTimeoutSeconds + RESOLVE_MARGIN_S) * 1000;
    } else {
      cutoff = view.now;
      for (const c of view.callsInFlight) if (c.dialedAt <= cutoff) cutoff = c.dialedAt - 1;
    }
    const outcomes = this.outcomes;
    for (let top = outcomes.peek(); top !== undefined && top.time <= cutoff; top = outcomes.peek()) {
      outcomes.pop();
      this.answer.add(top.live ? 1 : 0);
      this.ended += 1;
    }
  }
}
