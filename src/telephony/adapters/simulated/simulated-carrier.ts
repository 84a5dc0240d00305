import type { AmdDecision } from '../../../calls/call-results.js';
import { type Sampler, samplerFor } from '../../../engine/distributions.js';
import type { Clock, Random, TimerHandle, Timers } from '../../../engine/ports.js';
import { AppError, validationFailed } from '../../../shared/errors.js';
import type { Carrier, CarrierCall, CarrierEndCause, CarrierEvent, CarrierListener, PlaceCallRequest } from '../../carrier.js';
import { type SimOutcome, type SimulatedCarrierConfig, type SimulatedCarrierConfigInput, parseSimulatedCarrierConfig } from './simulated-config.js';

/**
 * The simulated carrier (T1): the default carrier, and the fake for every engine test. Calls are
 * answered, busy, unanswered, machines or faxes at the configured rates, after delays drawn from
 * the configured distributions, on the injected Timers — so it runs in real time on the server
 * and in virtual time in tests and simulations.
 *
 * Each call's fate is drawn from its own random stream, forked from the seed by call ID: the
 * same seed and call IDs give the same outcomes whatever else the simulation does (common random
 * numbers when comparing pacing algorithms).
 */
export interface SimulatedCarrierDeps {
  clock: Clock;
  timers: Timers;
  random: Random;
}

/** Everything random about one call, drawn up front in a fixed order. Milliseconds. */
interface Fate {
  outcome: SimOutcome;
  answerMs: number;
  endMs: number; // busy, bad number, failed; or a no-answer that the network ends before the ring timeout
  talkMs: number;
  patienceMs: number | null;
  amd: AmdDecision;
  amdMs: number;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const ms = (seconds: number): number => seconds * 1000;

export class SimulatedCarrier implements Carrier {
  readonly name = 'simulated';
  readonly config: SimulatedCarrierConfig;
  /** Counts for simulations: dials per true outcome, and AMD decisions per true outcome ("machine→human"). */
  readonly stats = { placed: 0, outcomes: {} as Partial<Record<SimOutcome, number>>, amd: {} as Record<string, number> };
  private readonly calls = new Map<string, SimulatedCall>();
  private readonly startedAt: number;
  private readonly sample: Record<'answer' | 'noAnswer' | 'busy' | 'badNumber' | 'failed' | 'talk' | 'patience', Sampler | null>;
  private closed = false;

  constructor(
    readonly deps: SimulatedCarrierDeps,
    config: SimulatedCarrierConfigInput,
  ) {
    this.config = parseSimulatedCarrierConfig(config);
    this.startedAt = deps.clock.now().getTime();
    const c = this.config;
    const delay = (d: typeof c.busyDelay): Sampler => (typeof d === 'number' ? () => d : samplerFor(d));
    this.sample = {
      answer: samplerFor(c.answerDelay),
      noAnswer: c.noAnswerAfter ? samplerFor(c.noAnswerAfter) : null,
      busy: delay(c.busyDelay),
      badNumber: delay(c.badNumberDelay),
      failed: delay(c.failedDelay),
      talk: samplerFor(c.talk),
      patience: c.patience ? samplerFor(c.patience) : null,
    };
  }

  get liveCalls(): number {
    return this.calls.size;
  }

  placeCall(request: PlaceCallRequest, listener: CarrierListener): CarrierCall {
    if (this.closed) throw new AppError('invalid_state', 'The simulated carrier is closed; no new calls can be placed.');
    if (!request.callId) throw validationFailed('Every call needs a callId (the attempt ID).');
    if (!(request.ringTimeoutSeconds > 0) || !Number.isFinite(request.ringTimeoutSeconds)) {
      throw validationFailed(`ringTimeoutSeconds must be a positive number of seconds, got ${request.ringTimeoutSeconds}.`, { field: 'ringTimeoutSeconds' });
    }
    if (this.calls.has(request.callId)) {
      throw new AppError('conflict', `Call ${request.callId} is already in progress; every attempt needs its own ID.`, { callId: request.callId });
    }
    const fate = this.fate(request);
    this.stats.placed++;
    this.stats.outcomes[fate.outcome] = (this.stats.outcomes[fate.outcome] ?? 0) + 1;
    const call = new SimulatedCall(this, request, listener, fate, () => this.calls.delete(request.callId));
    this.calls.set(request.callId, call);
    call.start();
    return call;
  }

  /** The true nature of a live call's far end (what AMD tries to guess), for simulations' accounting. */
  truthOf(callId: string): SimOutcome | null {
    return this.calls.get(callId)?.fate.outcome ?? null;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const call of this.calls.values()) call.drop();
    this.calls.clear();
  }

  /** The outcome weights now: the configured rates, with the live rate drifting if configured (scenario S5). */
  private weights(): Partial<Record<SimOutcome, number>> {
    const { outcomes, liveDrift } = this.config;
    if (!liveDrift) return outcomes;
    const elapsed = (this.deps.clock.now().getTime() - this.startedAt) / ms(liveDrift.overHours * 3600);
    const live = liveDrift.from + (liveDrift.to - liveDrift.from) * Math.min(1, Math.max(0, elapsed));
    const moved = (outcomes.live ?? 0) - live;
    return { ...outcomes, live, [liveDrift.intoOutcome]: Math.max(0, (outcomes[liveDrift.intoOutcome] ?? 0) + moved) };
  }

  private fate(request: PlaceCallRequest): Fate {
    const r = this.deps.random.fork(request.callId);
    const scripted = this.config.script[request.to];
    const drawn = r.pick(this.weights());
    const outcome: SimOutcome = scripted?.outcome ?? (E164.test(request.to) ? drawn : 'badNumber');
    const s = this.sample;
    const answerMs = ms(scripted?.answerAfterSeconds ?? s.answer!(r));
    const networkEnd = { busy: s.busy!(r), badNumber: s.badNumber!(r), failed: s.failed!(r), noAnswer: s.noAnswer?.(r) ?? Number.POSITIVE_INFINITY };
    const endMs = ms(scripted?.delaySeconds ?? (outcome in networkEnd ? networkEnd[outcome as keyof typeof networkEnd] : Number.POSITIVE_INFINITY));
    const talkMs = ms(scripted?.talkSeconds ?? s.talk!(r));
    const patience = s.patience?.(r);
    const { amd } = this.config;
    const u = r.next();
    let decision: AmdDecision;
    if (outcome === 'fax') decision = 'fax';
    else if (u < amd.unknownRate) decision = 'unknown';
    else if (outcome === 'machine') decision = r.chance(amd.falseHumanRate) ? 'human' : 'machine';
    else decision = r.chance(amd.falseMachineRate) ? 'machine' : 'human';
    const amdSeconds = { human: amd.humanDecisionSeconds, machine: amd.machineDecisionSeconds, fax: amd.faxDecisionSeconds, unknown: amd.machineDecisionSeconds }[decision];
    return { outcome, answerMs, endMs, talkMs, patienceMs: patience === undefined ? null : ms(patience), amd: decision, amdMs: ms(amdSeconds) };
  }

  /** @internal */
  countAmd(truth: SimOutcome, decision: AmdDecision): void {
    const key = `${truth}→${decision}`;
    this.stats.amd[key] = (this.stats.amd[key] ?? 0) + 1;
  }
}

type Phase = 'dialing' | 'ringing' | 'answered' | 'ended';

class SimulatedCall implements CarrierCall {
  private phase: Phase = 'dialing';
  private bridged = false;
  private held = false;
  private playing = false;
  /** Timers of the call's own future (answer, hang-ups): cancelled when it ends. */
  private readonly future = new Set<TimerHandle>();
  /** Confirmations already promised: delivered even if the call ends meanwhile, in order. */
  private readonly acks = new Set<TimerHandle>();
  private farEndHangUp: TimerHandle | null = null;

  constructor(
    private readonly carrier: SimulatedCarrier,
    private readonly request: PlaceCallRequest,
    private readonly listener: CarrierListener,
    readonly fate: Fate,
    private readonly onEnded: () => void,
  ) {}

  get callId(): string {
    return this.request.callId;
  }

  start(): void {
    const f = this.fate;
    if (f.outcome === 'busy' || f.outcome === 'badNumber' || f.outcome === 'failed') {
      const cause: CarrierEndCause = f.outcome === 'busy' ? 'busy' : f.outcome === 'badNumber' ? 'bad_number' : 'failed';
      this.later(f.endMs, () => this.end(cause));
      return;
    }
    const timeoutMs = ms(this.request.ringTimeoutSeconds);
    const answers = f.outcome !== 'noAnswer' && f.answerMs <= timeoutMs;
    const stopsAt = answers ? f.answerMs : Math.min(timeoutMs, f.endMs);
    this.later(Math.min(ms(this.carrier.config.ringingAfterSeconds), stopsAt), () => {
      this.phase = 'ringing';
      this.emit({ type: 'ringing' });
    });
    this.later(stopsAt, answers ? () => this.answer() : () => this.end('no_answer'));
  }

  hangUp(): void {
    if (this.phase === 'ended') return;
    this.finish();
    this.ack(() => this.emit({ type: 'ended', cause: 'local_hang_up' }));
  }

  bridge(agentId: number): void {
    if (!this.mayControl('bridge')) return;
    if (this.bridged) throw new AppError('invalid_state', `Call ${this.callId} is already bridged to an agent.`, { callId: this.callId });
    if (this.carrier.config.unreachableAgents.includes(agentId)) {
      this.ack(() => this.emit({ type: 'bridge_failed', agentId, reason: `agent ${agentId}'s line did not answer (simulated)` }));
      return;
    }
    this.bridged = true;
    if (this.fate.outcome === 'live') this.farEndHangsUpAfter(this.fate.talkMs); // the conversation starts; patience no longer applies
    this.ack(() => this.emit({ type: 'bridged', agentId }));
  }

  hold(): void {
    if (!this.mayControl('hold')) return;
    if (!this.bridged || this.held) {
      throw new AppError('invalid_state', `Call ${this.callId} cannot be held: ${this.held ? 'it is already on hold' : 'bridge it to an agent first'}.`, { callId: this.callId });
    }
    this.held = true;
    this.ack(() => this.emit({ type: 'held' }));
  }

  resume(): void {
    if (!this.mayControl('resume')) return;
    if (!this.held) throw new AppError('invalid_state', `Call ${this.callId} is not on hold.`, { callId: this.callId });
    this.held = false;
    this.ack(() => this.emit({ type: 'resumed' }));
  }

  playMessage(_message: string, options: { hangUpAfter?: boolean } = {}): void {
    if (!this.mayControl('playMessage')) return;
    if (this.playing) throw new AppError('invalid_state', `Call ${this.callId} is already playing a message.`, { callId: this.callId });
    this.playing = true;
    this.later(ms(this.carrier.config.messageSeconds), () => {
      this.playing = false;
      this.emit({ type: 'message_played' });
      if (options.hangUpAfter) this.end('local_hang_up');
    });
  }

  /** Forget the call without events (carrier closing). */
  drop(): void {
    for (const handle of [...this.future, ...this.acks]) this.carrier.deps.timers.cancel(handle);
    this.future.clear();
    this.acks.clear();
    this.phase = 'ended';
  }

  private answer(): void {
    this.phase = 'answered';
    this.emit({ type: 'answered' });
    const f = this.fate;
    if (this.request.detectMachine) {
      this.later(f.amdMs, () => {
        this.carrier.countAmd(f.outcome, f.amd);
        const afterGreetingMs = f.amd === 'human' ? Math.min(f.amdMs, ms(this.carrier.config.amd.humanAfterGreetingSeconds)) : 0;
        this.emit({ type: 'amd', decision: f.amd, decisionMs: f.amdMs, ...(afterGreetingMs > 0 ? { afterGreetingMs } : {}) });
      });
    }
    const { config } = this.carrier;
    if (f.outcome === 'machine') this.farEndHangsUpAfter(ms(config.machineRecordSeconds));
    else if (f.outcome === 'fax') this.farEndHangsUpAfter(ms(config.faxSeconds));
    else if (f.patienceMs !== null) this.farEndHangsUpAfter(f.patienceMs);
  }

  private farEndHangsUpAfter(delayMs: number): void {
    if (this.farEndHangUp) {
      this.carrier.deps.timers.cancel(this.farEndHangUp);
      this.future.delete(this.farEndHangUp);
    }
    this.farEndHangUp = this.later(delayMs, () => this.end('remote_hang_up'));
  }

  /** Control methods: ignored once ended, refused before the answer. */
  private mayControl(action: string): boolean {
    if (this.phase === 'ended') return false;
    if (this.phase !== 'answered') {
      throw new AppError('invalid_state', `Cannot ${action} call ${this.callId}: it has not been answered yet.`, { callId: this.callId, action });
    }
    return true;
  }

  private later(delayMs: number, fn: () => void): TimerHandle {
    const handle = this.carrier.deps.timers.after(delayMs, () => {
      this.future.delete(handle);
      fn();
    });
    this.future.add(handle);
    return handle;
  }

  private ack(fn: () => void): void {
    const handle = this.carrier.deps.timers.after(0, () => {
      this.acks.delete(handle);
      fn();
    });
    this.acks.add(handle);
  }

  private finish(): void {
    for (const handle of this.future) this.carrier.deps.timers.cancel(handle);
    this.future.clear();
    this.phase = 'ended';
    this.onEnded();
  }

  /** The call ends from the far end or the network: confirmations not yet delivered are dropped, as nothing follows `ended`. */
  private end(cause: CarrierEndCause): void {
    if (this.phase === 'ended') return;
    for (const handle of this.acks) this.carrier.deps.timers.cancel(handle);
    this.acks.clear();
    this.finish();
    this.emit({ type: 'ended', cause });
  }

  /** Completes the (fresh) event object in place rather than copying it: this runs for every event of a simulation. */
  private emit(event: DistributiveOmit<CarrierEvent, 'callId' | 'at'>): void {
    const full = event as CarrierEvent;
    full.callId = this.request.callId;
    full.at = this.carrier.deps.clock.now();
    this.listener(full);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
