import { EventHeap } from '../engine/event-heap.js';
import type { AgentPhase, FloorView, PacingAlgorithm } from './pacing-algorithm.js';
import { binomialPacing, type PacingInputs, type PacingPolicy } from './pacing-policy.js';

/**
 * `pacer`, Pacer's own algorithm (D3, issue 4 point 3; moved here by issue 7 point 1 so that the
 * server's engine and the simulator run the same object): live estimates of the answer rate and
 * the ring, talk and wrap times, the agents about to free up, and the `binomialPacing` policy.
 *
 * - Means decay: every new observation makes the older ones weigh 2 % less (~50 calls of memory),
 *   with priors until then (a third answer live, 15 s to answer, 60 s talk, 10 s wrap).
 * - The answer rate learns from settled cohorts: an outcome waits until every call dialed at
 *   the same time has surely resolved — the ring timeout + 10 s, or, with no ring timeout,
 *   until no call dialed before it is still in flight — then counts in dialing order. Counting
 *   outcomes as they arrive would see the quick failures (busy, bad numbers) first,
 *   underestimate the answer rate and overdial.
 * - Agents freeing soon: those wrapping up whose mean wrap time is within the mean ring time of
 *   its end. Talking agents are not counted: talk times are long-tailed (lognormal), so one who
 *   has talked longer than the mean is not about to finish — counting them overdials.
 */
const DECAY = 0.98;
/** Seconds after the ring timeout by which a call has surely been answered or given up (AMD included). */
const RESOLVE_MARGIN_S = 10;

class Mean {
  constructor(
    private value: number,
    private weight = 0,
  ) {}
  add(x: number): void {
    this.weight = this.weight * DECAY + 1;
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
  policy: PacingPolicy = binomialPacing;
  /** What the last decision was given (the engine keeps them for the dashboard, X2). */
  lastInputs: PacingInputs | null = null;
  private readonly answer = new Mean(0.3);
  private readonly ring = new Mean(15);
  private readonly talk = new Mean(60);
  private readonly wrap = new Mean(10);
  private ended = 0;
  private seq = 0;
  /** Outcomes not yet counted in the answer rate, by dial time. */
  private readonly outcomes = new EventHeap<Outcome>();
  /** Agents wrapping up → since when (to learn the wrap time when they leave it). */
  private readonly wrapping = new Map<number, number>();

  callDialed(_dialedAt: number): void {}

  callResolved(live: boolean, dialedAt: number, answeredAt: number | null, _at: number): void {
    this.outcomes.push({ time: dialedAt, seq: this.seq++, live });
    if (answeredAt !== null) this.ring.add((answeredAt - dialedAt) / 1000);
  }

  liveConnected(_answeredAt: number, _at: number): void {}
  liveAbandoned(_answeredAt: number, _at: number): void {}

  talkEnded(connectedAt: number, at: number): void {
    this.talk.add((at - connectedAt) / 1000);
  }

  agentLoggedIn(_agentId: number, _at: number): void {}

  agentLoggedOut(agentId: number, at: number): void {
    this.leftWrap(agentId, at);
  }

  agentPhase(agentId: number, phase: AgentPhase, at: number): void {
    if (phase === 'wrap') {
      if (!this.wrapping.has(agentId)) this.wrapping.set(agentId, at);
    } else {
      this.leftWrap(agentId, at);
    }
  }

  private leftWrap(agentId: number, at: number): void {
    const since = this.wrapping.get(agentId);
    if (since === undefined) return;
    this.wrapping.delete(agentId);
    this.wrap.add((at - since) / 1000);
  }

  decide(view: FloorView): number {
    const inputs = this.inputs(view);
    this.lastInputs = inputs;
    return inputs.agentsReady + inputs.agentsFreeingSoon === 0 ? 0 : this.policy.decide(inputs);
  }

  inputs(view: FloorView): PacingInputs {
    const now = view.now;
    this.learnSettledCohorts(view);
    const ring = this.ring.get();
    const wrap = this.wrap.get();
    let soon = 0;
    for (const a of view.busyAgents) if (a.phase === 'wrap' && wrap - (now - a.since) / 1000 <= ring) soon++;
    return {
      agentsReady: view.agentsReady,
      agentsFreeingSoon: soon,
      callsInFlight: view.callsInFlight.length,
      callsWaiting: view.callsWaiting,
      answerRate: this.answer.get(),
      sampleSize: this.ended,
      meanRingSeconds: ring,
      meanTalkSeconds: this.talk.get(),
      meanWrapSeconds: wrap,
      abandonRatePercent: view.abandonRatePercent,
      abandonTargetPercent: view.abandonTargetPercent,
      window: view.window,
    };
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
