import type { AmdDecision } from '../../../calls/call-results.js';
import type { TimerHandle } from '../../../engine/ports.js';
import { AppError } from '../../../shared/errors.js';
import type { AmdFrameDecision } from '../../amd/create-amd-detector.js';
import type { CarrierCall, CarrierEndCause, CarrierEvent, CarrierListener, PlaceCallRequest } from '../../carrier.js';
import { tone } from './audio.js';
import { endCauseOf } from './end-causes.js';
import type { SipCarrierDeps } from './sip-carrier.js';
import type { SipCarrierConfig } from './sip-config.js';
import { type LegEnvironment, SipLeg } from './sip-leg.js';

/**
 * One placed call on the SIP carrier: the customer's leg, and the agent's leg once bridged, turned
 * into the Carrier port's events. Events go through one queue delivered on the injected timers, so
 * none is ever delivered from inside placeCall or a control method, and none follows `ended`.
 */
type Phase = 'dialing' | 'ringing' | 'answered' | 'ended';
type EventBody = DistributiveOmit<CarrierEvent, 'callId' | 'at'>;

export class SipCall implements CarrierCall {
  private phase: Phase = 'dialing';
  private readonly customer: SipLeg;
  private agent: SipLeg | null = null;
  private bridging = false;
  private bridged = false;
  private held = false;
  private playing = false;
  private answeredAt = 0;
  private amdDone = false;
  private readonly timers = new Set<TimerHandle>();
  private lastAt = 0;
  private dropped = false;
  /** Serialises re-INVITEs: one offer/answer at a time in a dialog. */
  private media: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly request: PlaceCallRequest,
    private readonly listener: CarrierListener,
    private readonly config: SipCarrierConfig,
    private readonly deps: SipCarrierDeps,
    private readonly env: LegEnvironment,
    private readonly onEnded: () => void,
  ) {
    const { trunk, from } = config;
    const scheme = `sip:${encodeUser(request.to)}@`;
    const transport = trunk.transport === 'tcp' ? ';transport=tcp' : '';
    const hostPort = `${trunk.host}:${trunk.port}`;
    this.customer = new SipLeg(
      env,
      {
        requestUri: trunk.domain ? `${scheme}${trunk.domain}` : `${scheme}${hostPort}${transport}`,
        to: `${scheme}${trunk.domain ?? trunk.host}`,
        from: `sip:${encodeUser(request.callerId ?? from.user)}@${from.domain}`,
        ...(from.displayName ? { fromName: from.displayName } : {}),
        ...(trunk.domain ? { route: [`sip:${hostPort};lr${transport}`] } : {}),
        credentials: config.auth ? { user: config.auth.username, password: config.auth.password } : null,
        transport: trunk.transport,
      },
      {
        provisional: (status) => this.onProvisional(status),
        answered: () => this.onAnswered(),
        rejected: (status, reason, local) => this.end(local ? 'failed' : endCauseOf(status), `${status} ${reason}`.trim()),
        remoteBye: () => this.end('remote_hang_up'),
      },
    );
  }

  get callId(): string {
    return this.request.callId;
  }

  start(): void {
    this.later(this.request.ringTimeoutSeconds * 1000, () => {
      if (this.phase === 'dialing' || this.phase === 'ringing') this.end('no_answer', `no answer within ${this.request.ringTimeoutSeconds} s (CANCEL sent)`);
    });
    this.customer.start().catch((error: unknown) => this.end('failed', error instanceof Error ? error.message : String(error)));
  }

  hangUp(): void {
    if (this.phase === 'ended') return;
    this.end('local_hang_up');
  }

  bridge(agentId: number): void {
    if (!this.mayControl('bridge')) return;
    if (this.bridging) throw new AppError('invalid_state', `Call ${this.callId} is already bridged to an agent.`, { callId: this.callId });
    this.bridging = true;
    Promise.resolve()
      .then(() => this.deps.agentUri(agentId))
      .then(
        (agentUri) => this.ringAgent(agentId, agentUri),
        (error: unknown) => this.bridgeFailed(agentId, null, `agent ${agentId} has no line to ring: ${error instanceof Error ? error.message : String(error)}`),
      );
  }

  private ringAgent(agentId: number, agentUri: string): void {
    if (this.phase === 'ended') return;
    const agent = new SipLeg(
      this.env,
      {
        requestUri: agentUri,
        to: agentUri,
        from: `sip:${encodeUser(this.request.to)}@${this.config.from.domain}`,
        credentials: null,
        // Most desk phones and softphones (Yealink, Snom, Grandstream, Linphone…) answer such a call by themselves.
        ...(this.config.agentAutoAnswer ? { headers: { 'call-info': `<${this.env.contact.udp}>;answer-after=0` } } : {}),
      },
      {
        provisional: () => undefined,
        answered: () => this.onAgentAnswered(agentId),
        rejected: (status, reason) => this.bridgeFailed(agentId, agent, `agent ${agentId}'s line (${agentUri}) did not answer: ${status} ${reason}`.trim()),
        remoteBye: () => this.end('local_hang_up', `agent ${agentId} hung up`),
      },
    );
    this.agent = agent;
    this.later(this.config.agentAnswerTimeoutMs, () => {
      if (!this.bridged && !agent.rtp?.codec) this.bridgeFailed(agentId, agent, `agent ${agentId}'s line (${agentUri}) did not answer within ${this.config.agentAnswerTimeoutMs} ms`);
    });
    agent.start().catch((error: unknown) => this.bridgeFailed(agentId, agent, `agent ${agentId}'s line (${agentUri}): ${error instanceof Error ? error.message : String(error)}`));
  }

  /** The agent's line did not take the call: let go of her leg; the customer stays on the line, unbridged, for the engine to bridge elsewhere or give the abandon message. */
  private bridgeFailed(agentId: number, leg: SipLeg | null, reason: string): void {
    if (this.phase === 'ended' || this.bridged || (leg !== null && this.agent !== leg)) return;
    this.agent?.abandon();
    this.agent = null;
    this.bridging = false;
    this.emit({ type: 'bridge_failed', agentId, reason });
  }

  hold(): void {
    if (!this.mayControl('hold')) return;
    if (this.held) throw new AppError('invalid_state', `Call ${this.callId} is already on hold.`, { callId: this.callId });
    this.held = true;
    this.changeDirection('sendonly', 'held');
  }

  resume(): void {
    if (!this.mayControl('resume')) return;
    if (!this.held) throw new AppError('invalid_state', `Call ${this.callId} is not on hold.`, { callId: this.callId });
    this.held = false;
    this.changeDirection('sendrecv', 'resumed');
  }

  playMessage(message: string, options: { hangUpAfter?: boolean } = {}): void {
    if (!this.mayControl('playMessage')) return;
    if (this.playing) throw new AppError('invalid_state', `Call ${this.callId} is already playing a message.`, { callId: this.callId });
    const audio = this.deps.messageAudio(message);
    this.playing = true;
    const play = (pcm: Int16Array): void => {
      if (this.phase === 'ended') return;
      this.customer.rtp?.play(pcm, () => {
        this.playing = false;
        if (this.phase === 'ended') return;
        this.emit({ type: 'message_played' });
        if (options.hangUpAfter) this.end('local_hang_up');
      });
    };
    if (audio instanceof Int16Array) return play(audio);
    // A recording still being fetched: a failure hangs up, saying why (the engine counts the call as it asked).
    audio.then(play, (err: unknown) => this.end('local_hang_up', `the message "${message}" could not be played: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** Forget the call without events (carrier closing): the legs are still hung up on the wire. */
  drop(): void {
    this.dropped = true;
    this.finish();
  }

  private onProvisional(status: number): void {
    if (this.phase !== 'dialing' || status === 100) return;
    this.phase = 'ringing';
    this.emit({ type: 'ringing' });
  }

  private onAnswered(): void {
    if (this.phase === 'ended') return;
    this.phase = 'answered';
    this.answeredAt = this.deps.clock.now().getTime();
    this.emit({ type: 'answered' });
    const rtp = this.customer.rtp!;
    const detector = this.request.detectMachine && this.deps.detector ? this.deps.detector(this.callId) : null;
    rtp.onFrame = (frame) => {
      try {
        this.deps.onAudio?.(this.callId, frame);
      } catch {
        // a listener's failure must not take the call (or the process, from a socket handler) down
      }
      if (detector && !this.amdDone) {
        let verdict: AmdFrameDecision | null;
        try {
          verdict = detector.push(frame);
        } catch {
          verdict = { decision: 'unknown', afterGreetingMs: null }; // a detector that fails has not decided
        }
        if (verdict) this.decide(verdict.decision, undefined, verdict.afterGreetingMs);
      }
      if (this.bridged && !this.held) this.agent?.rtp?.sendFrame(frame);
    };
    if (!this.request.detectMachine) return;
    if (!detector) this.decide('unknown', 0); // no detector plugged in: undecided at once (the engine treats it as a person)
    else this.later(this.config.amdTimeoutMs, () => this.decide('unknown'));
  }

  private decide(decision: AmdDecision, decisionMs = Math.max(0, this.deps.clock.now().getTime() - this.answeredAt), afterGreetingMs: number | null = null): void {
    if (this.amdDone || this.phase !== 'answered') return;
    this.amdDone = true;
    this.emit({ type: 'amd', decision, decisionMs, ...(afterGreetingMs !== null ? { afterGreetingMs } : {}) });
  }

  private onAgentAnswered(agentId: number): void {
    if (this.phase === 'ended' || !this.agent?.rtp) return;
    const agentRtp = this.agent.rtp;
    const { zipTone } = this.config;
    const relay = (): void => {
      agentRtp.onFrame = (frame) => {
        if (!this.held && !this.playing) this.customer.rtp?.sendFrame(frame);
      };
      this.bridged = true;
    };
    if (zipTone.durationMs > 0) agentRtp.play(tone(zipTone.frequencyHz, zipTone.durationMs), relay);
    else relay();
    this.emit({ type: 'bridged', agentId });
  }

  private changeDirection(direction: 'sendonly' | 'sendrecv', confirmation: 'held' | 'resumed'): void {
    this.media = this.media.then(async () => {
      const accepted = await this.customer.reinvite(direction);
      if (this.phase === 'ended') return;
      if (accepted) this.emit({ type: confirmation });
      else this.end('failed', `the far end refused the re-INVITE to ${confirmation === 'held' ? 'hold' : 'resume'} the call`);
    });
  }

  private mayControl(action: string): boolean {
    if (this.phase === 'ended') return false;
    if (this.phase !== 'answered') {
      throw new AppError('invalid_state', `Cannot ${action} call ${this.callId}: it has not been answered yet.`, { callId: this.callId, action });
    }
    return true;
  }

  private end(cause: CarrierEndCause, detail?: string): void {
    if (this.phase === 'ended') return;
    this.emit(detail ? { type: 'ended', cause, detail } : { type: 'ended', cause });
    this.finish();
  }

  private finish(): void {
    this.phase = 'ended';
    for (const handle of this.timers) this.deps.timers.cancel(handle);
    this.timers.clear();
    this.customer.abandon();
    this.agent?.abandon();
    this.onEnded();
  }

  private later(ms: number, fn: () => void): void {
    const handle = this.deps.timers.after(ms, () => {
      this.timers.delete(handle);
      fn();
    });
    this.timers.add(handle);
  }

  /** Queued in order and delivered on the timers: never synchronously, never after `ended`. */
  private emit(body: EventBody): void {
    this.deps.timers.after(0, () => {
      if (this.dropped) return;
      const at = Math.max(this.lastAt, this.deps.clock.now().getTime());
      this.lastAt = at;
      this.listener({ ...body, callId: this.callId, at: new Date(at) } as CarrierEvent);
    });
  }
}

/** E.164 `+` is allowed in a SIP user part; anything outside the RFC 3261 user characters is escaped. */
function encodeUser(user: string): string {
  return user.replace(/[^A-Za-z0-9\-_.!~*'()&=+$,;?/]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
