import { type Sampler, samplerFor } from '../engine/distributions.js';
import { type Random, seededRandom } from '../engine/random.js';
import type { TimerHandle } from '../engine/timers.js';
import { VirtualTime } from '../engine/virtual-time.js';
import { ABANDON_WINDOW_MS, type AbandonWindowName } from '../dialer/abandon-rate.js';
import type { CallInFlight, FloorView, PacingAlgorithm } from '../pacing/pacing-algorithm.js';
import type { CarrierCall, CarrierEvent } from '../telephony/carrier.js';
import type { ScenarioParts } from '../telephony/adapters/simulated/scenario.js';
import { SimulatedCarrier } from '../telephony/adapters/simulated/simulated-carrier.js';
import type { SimOutcome } from '../telephony/adapters/simulated/simulated-config.js';
import { AbandonCounts } from './abandon-counts.js';
import { type Agent, FloorAgents } from './floor-agents.js';
import { type FloorMinute, quantile, type ReplicationMetrics } from './replication-metrics.js';

/**
 * One replication of a pacing scenario (issue 7 point 1): a predictive floor in virtual time,
 * paced by a `PacingAlgorithm`, dialing through the real SimulatedCarrier built from the
 * scenario. The server's engine is not used — it claims records and stores every attempt in the
 * database, far too slow for the benchmark — but its rules for a live answer are:
 *
 * - With AMD on, a dial answered by a person, a machine or a fax waits for the detector's
 *   decision. "machine" or "fax": the dialer hangs up — an AMD false machine (a person judged a
 *   machine) is an abandoned live answer (the UK rule, issue 7 pt 3) in the figures, but not in
 *   the rate the algorithm is shown: the dialer cannot tell it from a machine, and budgets for
 *   the scenario's `falseMachineRate` (`FloorView.amdFalseMachinePercent`). "human": as below — an AMD
 *   false human (a machine judged human) takes an agent, who is busy `agentMarksMachineS`
 *   marking it and then free again (no wrap-up).
 * - A live answer (as far as the dialer knows) goes to the free agent idle the longest; with
 *   none free it waits up to `maxConnectWaitS` for one (the oldest waiting is served first),
 *   then it is abandoned (the engine plays its message and hangs up; here, a hang-up). 0 s: at once.
 * - After the conversation (the contact hangs up after the scenario's talk time) the agent wraps
 *   up for the scenario's wrap time, then is free.
 * - Agents log in and out by `agentsSchedule` ([hour, agents logged in]): an agent asked to
 *   leave while busy finishes her call and wrap-up first; free agents leave at once.
 * - The algorithm is told every change (its hooks) and asked `decide` after every event that
 *   changes the floor and every second. Records are unlimited. Nothing is dialed after the shift.
 *
 * Common random numbers: each dial's fate (outcome, answer time, talk time, AMD decision) comes
 * from the carrier's stream for its call ID, and its wrap time from a stream for the same ID,
 * so the k-th dial reaches the same customer whatever the algorithm. (With `liveDrift` the
 * outcome also depends on when the k-th dial is placed.)
 */
export interface FloorOptions {
  seed: string;
  /** Shift length; default the scenario's. */
  hours?: number;
  /** The abandon window the algorithm paces on: us = rolling 30 days (default), uk = rolling 24 hours. */
  window?: AbandonWindowName;
  /** Record the floor minute by minute (`ReplicationMetrics.trace`); off by default. */
  trace?: boolean;
}

type CallPhase = 'flight' | 'waiting' | 'agent' | 'done';

class Call implements CallInFlight {
  phase: CallPhase = 'flight';
  answeredAt: number | null = null;
  connectedAt = 0;
  truth: SimOutcome | null = null;
  /** Index in the in-flight list, -1 when not in flight. */
  flightIndex = -1;
  ringing = true;
  handle!: CarrierCall;
  timer: TimerHandle | null = null;
  agent: Agent | null = null;
  constructor(
    readonly id: string,
    readonly dialedAt: number,
  ) {}
}

const SHIFT_START = Date.parse('2026-01-05T09:00:00Z');
const NUMBER = '+12025550100';
const PACE_MS = 1_000;
const MINUTE_MS = 60_000;

export function simulateFloor(parts: ScenarioParts, algorithm: PacingAlgorithm, options: FloorOptions): ReplicationMetrics {
  return new FloorSimulation(parts, algorithm, options).run();
}

class FloorSimulation {
  private readonly time = new VirtualTime(SHIFT_START);
  private readonly random: Random;
  private readonly wrapRandom: Random;
  private readonly carrier: SimulatedCarrier;
  private readonly end: number;
  private readonly hours: number;
  private readonly wrap: Sampler;
  /** Every live answer (AMD false machines included): the figures, with the worst 24-hour window whatever window the algorithm paces on. */
  private readonly counts: AbandonCounts;
  /** What the dialer can see, the rate it is shown: AMD false machines look like machines to it. */
  private readonly seen: AbandonCounts;
  private readonly view: FloorView;
  private readonly agents: FloorAgents;
  private readonly inFlight: Call[] = [];
  /** Live answers waiting for an agent, oldest first. */
  private readonly waiting: Call[] = [];

  private dials = 0;
  private ringingNow = 0;
  private peakRinging = 0;
  private liveAnswers = 0;
  private abandoned = 0;
  private falseMachines = 0;
  private connects = 0;
  /** With `trace`: the minutes so far, and the totals at the last one. */
  private readonly trace: FloorMinute[] | null;
  private traced = { dials: 0, liveAnswers: 0, connects: 0, abandoned: 0 };

  constructor(
    private readonly parts: ScenarioParts,
    private readonly algorithm: PacingAlgorithm,
    options: FloorOptions,
  ) {
    this.random = seededRandom(options.seed);
    this.wrapRandom = this.random.fork('wrap');
    this.carrier = new SimulatedCarrier({ clock: this.time, timers: this.time, random: this.random.fork('carrier') }, parts.carrier);
    this.hours = options.hours ?? parts.hours;
    this.end = SHIFT_START + this.hours * 3_600_000;
    this.wrap = samplerFor(parts.agents.wrap);
    this.agents = new FloorAgents(algorithm, this.end);
    this.trace = options.trace ? [] : null;
    const window = options.window ?? 'us';
    this.counts = new AbandonCounts(SHIFT_START, this.end - SHIFT_START, ABANDON_WINDOW_MS.uk);
    this.seen = new AbandonCounts(SHIFT_START, this.end - SHIFT_START, ABANDON_WINDOW_MS[window]);
    this.view = {
      now: SHIFT_START,
      agentsLoggedIn: 0,
      agentsReady: 0,
      busyAgents: this.agents.busy,
      callsInFlight: this.inFlight,
      callsWaiting: 0,
      abandonRatePercent: null,
      abandonTargetPercent: Math.round(parts.dialer.targetAbandon * 100 * 1e9) / 1e9,
      window,
      amdFalseMachinePercent: parts.dialer.detectMachine ? parts.dialer.amdFalseMachineRate * 100 : 0,
      ringTimeoutSeconds: parts.dialer.noAnswerTimeoutSeconds,
      maxConnectWaitSeconds: parts.dialer.maxConnectWaitSeconds,
    };
  }

  run(): ReplicationMetrics {
    for (const [hours, agents] of this.parts.agents.schedule) {
      const at = SHIFT_START + hours * 3_600_000;
      if (at >= this.end) break;
      this.time.at(at, () => this.staff(agents));
    }
    this.time.at(SHIFT_START + PACE_MS, () => this.tick());
    this.time.runUntil(this.end);
    return this.metrics();
  }

  private get now(): number {
    return this.time.nowMs();
  }

  private tick(): void {
    this.pace();
    if (this.trace && (this.now - SHIFT_START) % MINUTE_MS === 0) this.traceMinute(this.trace);
    if (this.now + PACE_MS <= this.end) this.time.after(PACE_MS, () => this.tick());
  }

  // ── pacing ────────────────────────────────────────────────────────────────────────

  private pace(): void {
    const now = this.now;
    const agents = this.agents;
    if (now >= this.end || agents.loggedIn === 0) return;
    const v = this.view;
    v.now = now;
    v.agentsLoggedIn = agents.loggedIn;
    v.agentsReady = agents.free.length;
    v.callsWaiting = this.waiting.length;
    v.abandonRatePercent = this.seen.ratePercent(now);
    const asked = this.algorithm.decide(v);
    const n = Number.isFinite(asked) ? Math.min(Math.floor(asked), 1000 + 50 * agents.loggedIn) : 0;
    for (let i = 0; i < n; i++) this.dial();
  }

  private dial(): void {
    const now = this.now;
    const call = new Call(`d${++this.dials}`, now);
    call.flightIndex = this.inFlight.push(call) - 1;
    this.ringingNow++;
    if (this.ringingNow > this.peakRinging) this.peakRinging = this.ringingNow;
    this.algorithm.callDialed(now);
    const { ringTimeoutSeconds, detectMachine } = this.parts.dialer;
    call.handle = this.carrier.placeCall({ callId: call.id, to: NUMBER, callerId: null, ringTimeoutSeconds, detectMachine }, (e) => this.onEvent(call, e));
    call.truth = this.carrier.truthOf(call.id);
  }

  private onEvent(call: Call, e: CarrierEvent): void {
    switch (e.type) {
      case 'answered':
        this.stopRinging(call);
        call.answeredAt = this.now;
        if (!this.parts.dialer.detectMachine) this.human(call);
        return;
      case 'amd':
        if (call.phase !== 'flight') return;
        if (e.decision === 'human' || e.decision === 'unknown') return this.human(call);
        return this.machine(call);
      case 'ended':
        return this.ended(call);
      default:
        return; // ringing, confirmations
    }
  }

  private stopRinging(call: Call): void {
    if (!call.ringing) return;
    call.ringing = false;
    this.ringingNow--;
  }

  private leaveFlight(call: Call): void {
    const i = call.flightIndex;
    if (i < 0) return;
    const last = this.inFlight.pop()!;
    if (last !== call) {
      this.inFlight[i] = last;
      last.flightIndex = i;
    }
    call.flightIndex = -1;
  }

  /** The detector (or the lack of one) says a person answered: connect, wait or abandon. */
  private human(call: Call): void {
    const now = this.now;
    this.leaveFlight(call);
    this.algorithm.callResolved(true, call.dialedAt, call.answeredAt, now);
    const agent = this.agents.takeLongestIdle();
    if (agent) {
      this.connect(call, agent);
    } else if (this.parts.dialer.maxConnectWaitSeconds <= 0) {
      this.abandon(call);
    } else {
      call.phase = 'waiting';
      this.waiting.push(call);
      call.timer = this.time.after(this.parts.dialer.maxConnectWaitSeconds * 1000, () => {
        this.abandon(call);
        this.pace();
      });
    }
    this.pace();
  }

  /** The detector says machine or fax: hang up. A person judged a machine is an abandoned live answer (UK rule). */
  private machine(call: Call): void {
    const now = this.now;
    this.leaveFlight(call);
    call.phase = 'done';
    if (call.truth === 'live') {
      this.falseMachines++;
      this.countLive(now, true, false);
    }
    this.algorithm.callResolved(false, call.dialedAt, call.answeredAt, now);
    call.handle.hangUp();
    this.pace();
  }

  private abandon(call: Call): void {
    const now = this.now;
    if (call.phase === 'waiting') {
      const i = this.waiting.indexOf(call);
      if (i >= 0) this.waiting.splice(i, 1);
    }
    call.timer = null;
    call.phase = 'done';
    if (call.truth === 'live') this.countLive(now, true);
    this.algorithm.liveAbandoned(call.answeredAt ?? now, now);
    call.handle.hangUp();
  }

  private connect(call: Call, agent: Agent): void {
    const now = this.now;
    if (call.timer) this.time.cancel(call.timer);
    call.timer = null;
    call.phase = 'agent';
    call.connectedAt = now;
    call.agent = agent;
    this.algorithm.liveConnected(call.answeredAt ?? now, now);
    if (call.truth === 'live') {
      this.connects++;
      this.countLive(now, false);
      this.agents.start(agent, 'talk', now);
      call.handle.bridge(agent.agentId);
    } else {
      // An AMD false human (or, without AMD, a machine or fax): the agent marks it and moves on.
      this.agents.start(agent, 'marking', now);
      agent.timer = this.time.after(this.parts.agents.marksMachineAfterSeconds * 1000, () => {
        agent.timer = null;
        call.phase = 'done';
        call.agent = null;
        call.handle.hangUp();
        this.becomeFree(agent);
      });
    }
  }

  private ended(call: Call): void {
    const now = this.now;
    this.stopRinging(call);
    switch (call.phase) {
      case 'flight':
        // Unanswered (busy, no answer, bad number) or a machine that hung up before the detector decided.
        this.leaveFlight(call);
        call.phase = 'done';
        this.algorithm.callResolved(false, call.dialedAt, call.answeredAt, now);
        this.pace();
        return;
      case 'agent': {
        call.phase = 'done';
        const agent = call.agent!;
        call.agent = null;
        if (agent.state === 'talk') {
          this.algorithm.talkEnded(call.connectedAt, now);
          const wrapMs = this.wrap(this.wrapRandom.fork(call.id)) * 1000;
          if (wrapMs > 0) {
            this.agents.start(agent, 'wrap', now);
            agent.timer = this.time.after(wrapMs, () => {
              agent.timer = null;
              this.becomeFree(agent);
            });
            this.pace();
            return;
          }
        } else if (agent.timer) {
          this.time.cancel(agent.timer); // the machine hung up before the agent marked it
          agent.timer = null;
        }
        this.becomeFree(agent);
        return;
      }
      default:
        return; // waiting calls do not hang up (no patience in the scenarios); done calls are done
    }
  }

  /** A live answer connected or abandoned; `seen`: the dialer knows it was a person (not an AMD false machine). */
  private countLive(at: number, abandoned: boolean, seen = true): void {
    this.liveAnswers++;
    if (abandoned) this.abandoned++;
    this.counts.note(at, abandoned);
    if (seen) this.seen.note(at, abandoned);
  }

  // ── agents ────────────────────────────────────────────────────────────────────────

  /** The agent's work is done: unless she leaves, she takes the oldest waiting answer or joins the free agents. */
  private becomeFree(agent: Agent): void {
    if (this.agents.finish(agent, this.now)) this.serve(agent);
    this.pace();
  }

  private serve(agent: Agent): void {
    const call = this.waiting.shift();
    if (call) this.connect(call, agent);
    else this.agents.addFree(agent);
  }

  private staff(target: number): void {
    this.agents.staff(target, this.now, (agent) => this.serve(agent));
    this.pace();
  }

  // ── results ───────────────────────────────────────────────────────────────────────

  private traceMinute(trace: FloorMinute[]): void {
    const now = this.now;
    const t = this.traced;
    trace.push({
      minute: Math.round((now - SHIFT_START) / MINUTE_MS),
      dials: this.dials - t.dials,
      liveAnswers: this.liveAnswers - t.liveAnswers,
      connects: this.connects - t.connects,
      abandoned: this.abandoned - t.abandoned,
      agentsLoggedIn: this.agents.loggedIn,
      agentsFree: this.agents.free.length,
      callsInFlight: this.inFlight.length,
      abandonRatePercent: this.counts.ratePercent(now),
    });
    this.traced = { dials: this.dials, liveAnswers: this.liveAnswers, connects: this.connects, abandoned: this.abandoned };
  }

  private metrics(): ReplicationMetrics {
    const end = this.end;
    const agents = this.agents;
    agents.close();
    const agentHours = agents.loggedInMs / 3_600_000;
    const perAgentHour = (x: number): number => (agentHours > 0 ? x / agentHours : 0);
    const gaps = Float64Array.from(agents.idleGaps).sort();
    const idleSum = gaps.reduce((a, b) => a + b, 0);
    return {
      dials: this.dials,
      liveAnswers: this.liveAnswers,
      abandoned: this.abandoned,
      falseMachines: this.falseMachines,
      connects: this.connects,
      abandonRate: this.liveAnswers === 0 ? 0 : this.abandoned / this.liveAnswers,
      worstAbandon24h: this.counts.worstWindow(end - SHIFT_START),
      occupancy: agents.loggedInMs > 0 ? (agents.talkMs + agents.otherBusyMs) / agents.loggedInMs : 0,
      talkMinutesPerAgentHour: perAgentHour(agents.talkMs / 60_000),
      idleMeanS: gaps.length ? idleSum / gaps.length / 1000 : 0,
      idleP95S: gaps.length ? quantile(gaps, 0.95) / 1000 : 0,
      connectsPerAgentHour: perAgentHour(this.connects),
      dialsPerHour: this.dials / this.hours,
      peakRinging: this.peakRinging,
      agentHours,
      events: this.time.eventsRun,
      ...(this.trace ? { trace: this.trace } : {}),
    };
  }
}
