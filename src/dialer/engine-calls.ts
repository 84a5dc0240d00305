import { isAvailableFor, type AgentEvent } from '../agents/agent-state.js';
import type { CallResult } from '../calls/call-results.js';
import { type CallEnder, type CallEvent, type CallState, newCall, transitionCall } from '../calls/call-state.js';
import type { TimerHandle } from '../engine/timers.js';
import type { CallInFlight } from '../pacing/pacing-algorithm.js';
import type { CarrierCall, CarrierEndCause, CarrierEvent } from '../telephony/carrier.js';
import type { CampaignEngine } from './campaign-engine.js';
import type { AttemptRow } from './batch-writes.js';
import { setCallbackStatus } from './dialer-writes.js';
import { OfferLatency } from './offer-latency.js';
import type { WorkEntry } from './record-buffer.js';

/**
 * The calls of one campaign (issue 4 points 2, 3, 6, 7): places them through the Carrier port,
 * turns carrier events into the call state machine (calls/call-state.ts) and the agent's
 * (agents/agent-state.ts), and stores each attempt with every timestamp.
 *
 * - D5 AMD: a machine is hung up (and retried by the rules), left a message, or passed to the
 *   agent, as the campaign says; a fax is hung up.
 * - D1 / P5: a call placed for an agent (progressive, preview, a callback) connects to that
 *   agent the moment a person answers.
 * - D2 power: each agent has up to `linesPerAgent` calls dialing; a live answer goes to the
 *   line's agent if free, else to any free agent of the campaign.
 * - D6: a live answer no agent takes within the profile's 2 seconds of the person's completed
 *   greeting (of the answer without AMD) gets the campaign's message, is hung up and counts as
 *   abandoned.
 */
export interface LiveCall {
  id: string;
  entry: WorkEntry;
  number: string;
  origin: 'preview' | 'dialer';
  /** The agent reserved for the call (preview, progressive, callback) or connected to it. */
  agentId: number | null;
  /** Power: the agent whose line placed it. */
  lineOf: number | null;
  state: CallState;
  handle: CarrierCall | null;
  detect: boolean;
  /** Set when the engine or the agent ends the call: the result it ends with when the carrier confirms. */
  pendingResult: CallResult | null;
  endedBy: CallEnder | null;
  /** D5: the agent closed it as machine / fax / bad number and wrapped up already. */
  markedByAgent: boolean;
  /** D3: the pacer has learned whether this call brought a live answer. */
  paced?: boolean;
  abandonTimer: TimerHandle | null;
  /** Point 13: when a person answered (the offer latency's stopwatch), until the call is offered to an agent. */
  liveSince: number | null;
  /** D6: where the 2 seconds to reach an agent run from (engine time, ms): the end of her greeting if AMD heard it, else the moment she was known to be a person. */
  waitFrom: number | null;
  attempt: AttemptRow;
}

export class CallDesk {
  private readonly calls = new Map<string, LiveCall>();
  private readonly waiting: LiveCall[] = [];
  private readonly lines = new Map<number, Set<string>>();
  /** Point 13: answered → offered to an agent (offer-latency.ts). */
  readonly offers: OfferLatency;

  constructor(private readonly engine: CampaignEngine) {
    const { ports } = engine.ctx;
    this.offers = new OfferLatency(ports.stopwatch ?? (() => ports.clock.now().getTime()));
  }

  get count(): number {
    return this.calls.size;
  }

  get(callId: string): LiveCall | undefined {
    return this.calls.get(callId);
  }

  /** D3: calls placed and not answered yet (with their dial times), and live answers waiting for an agent. */
  pending(): { inFlight: CallInFlight[]; waiting: number } {
    const inFlight: CallInFlight[] = [];
    for (const c of this.calls.values()) {
      if (c.pendingResult === null && c.agentId === null && ['queued', 'dialing', 'ringing', 'amd'].includes(c.state.status)) {
        inFlight.push({ dialedAt: (c.state.times.dialed ?? c.state.times.queued).getTime() });
      }
    }
    return { inFlight, waiting: this.waiting.length };
  }

  /** R1: the calls of this campaign by state (the supervisors' dashboard). */
  countByStatus(): Partial<Record<CallState['status'], number>> {
    const counts: Partial<Record<CallState['status'], number>> = {};
    for (const c of this.calls.values()) counts[c.state.status] = (counts[c.state.status] ?? 0) + 1;
    return counts;
  }

  linesOf(agentId: number): LiveCall[] {
    return [...(this.lines.get(agentId) ?? [])].map((id) => this.calls.get(id)).filter((c): c is LiveCall => c !== undefined);
  }

  /** Places a call now (the dial-time check has passed). */
  place(entry: WorkEntry, number: string, o: { agentId: number | null; origin: 'preview' | 'dialer'; lineOf: number | null; callId?: string }): LiveCall {
    const e = this.engine;
    const { ctx, definition } = e;
    const now = e.now;
    const id = o.callId ?? ctx.ports.ids.next('attempt');
    const state = transitionCall(newCall(now), { type: 'dial' }, now).state;
    const detect = o.origin === 'dialer' && definition.amd !== null && definition.amd.onMachine !== 'pass_to_agent';
    const attempt: AttemptRow = {
      id,
      campaignId: e.id,
      batch: entry.batch,
      recordId: entry.recordId,
      callbackId: entry.callback?.callbackId ?? null,
      number,
      agentId: o.agentId ?? o.lineOf,
      origin: o.origin,
      nodeId: ctx.nodeId,
      call: state,
      queuedAt: now,
    };
    const call: LiveCall = { id, entry, number, origin: o.origin, agentId: o.agentId, lineOf: o.lineOf, state, handle: null, detect, pendingResult: null, endedBy: null, markedByAgent: false, abandonTimer: null, liveSince: null, waitFrom: null, attempt };
    this.calls.set(id, call);
    if (o.lineOf !== null) this.lineSet(o.lineOf).add(id);
    entry.attempts += 1;
    e.history.note(number, id, now, null);
    const attempts = entry.attempts;
    this.save(call);
    ctx.writes.add({ kind: 'dialed', w: { campaignId: e.id, recordId: entry.recordId, batch: entry.batch, nodeId: ctx.nodeId, now, attempts } });
    const cb = entry.callback;
    if (cb) ctx.writes.push(`callback ${cb.callbackId} delivered`, (db) => setCallbackStatus(db, cb.callbackId, 'delivered', now));
    const ringTimeoutSeconds = Math.max(ctx.options.ringTimeoutSeconds, e.policy.profile.minRingSeconds);
    // The number goes out only once its attempt is stored: a crash cannot lose a call that was placed (L6).
    ctx.writes.afterStored(`dial ${id}`, () => {
      if (call.state.status === 'ended') return;
      if (call.pendingResult !== null) return this.ended(call, 'local_hang_up'); // cancelled before it went out
      try {
        call.handle = ctx.carrier.placeCall({ callId: id, to: number, callerId: definition.callerId, ringTimeoutSeconds, detectMachine: detect }, (ev) => this.onEvent(id, ev));
      } catch (err) {
        ctx.log.error({ campaignId: e.id, callId: id, err }, 'the carrier refused the call');
        ctx.ports.timers.after(0, () => this.ended(call, 'failed'));
      }
    });
    this.publish(call);
    return call;
  }

  /** D2: fill this ready agent's free lines. True when at least one call was placed. */
  fillLines(agentId: number): boolean {
    const e = this.engine;
    const free = (e.definition.linesPerAgent ?? 1) - this.lineSet(agentId).size;
    let placed = 0;
    for (let i = 0; i < free; i++) {
      const next = e.next(agentId, false);
      if (!next) break;
      this.place(next.entry, next.choice.number, { agentId: null, origin: 'dialer', lineOf: agentId });
      placed++;
    }
    return placed > 0;
  }

  /** D2, D6: a ready agent takes the oldest live answer waiting for one. */
  connectWaiting(agentId: number): boolean {
    const call = this.waiting[0];
    if (!call || !isAvailableFor(this.engine.ctx.desk.state(agentId), this.engine.id)) return false;
    this.connect(call, agentId);
    return true;
  }

  private onEvent(callId: string, ev: CarrierEvent): void {
    const call = this.calls.get(callId);
    if (!call) return;
    try {
      switch (ev.type) {
        case 'ringing':
          this.step(call, { type: 'ringing' });
          this.agentStep(call, { type: 'ringing' }, ['dialing']);
          this.publish(call);
          return;
        case 'answered':
          if (call.pendingResult) return;
          this.step(call, { type: 'answered', detect: call.detect });
          if (call.detect) {
            this.agentStep(call, { type: 'amd' }, ['dialing', 'ringing']);
            this.publish(call);
            return;
          }
          return this.human(call);
        case 'amd':
          if (call.pendingResult || call.state.status !== 'amd') return;
          this.step(call, { type: 'amd_result', decision: ev.decision, ...(ev.afterGreetingMs !== undefined ? { afterGreetingMs: ev.afterGreetingMs } : {}) });
          if (ev.decision === 'machine') return this.machine(call);
          if (ev.decision === 'fax') return this.systemHangUp(call, 'fax');
          return this.human(call);
        case 'bridge_failed':
          return this.lineFailed(call, ev.agentId, ev.reason);
        case 'ended':
          return this.ended(call, ev.cause);
        default:
          return; // confirmations (bridged, held, resumed, message_played)
      }
    } catch (err) {
      this.engine.ctx.log.error({ campaignId: this.engine.id, callId, event: ev.type, err }, 'call event failed');
    }
  }

  private step(call: LiveCall, event: CallEvent): void {
    call.state = transitionCall(call.state, event, this.engine.now).state;
  }

  /** Moves the call's agent along when they are on this call in one of the given sub-states. */
  private agentStep(call: LiveCall, event: AgentEvent, from: readonly string[]): void {
    if (call.agentId === null) return;
    const st = this.engine.ctx.desk.state(call.agentId);
    if (st.status === 'on_call' && st.work.callId === call.id && from.includes(st.call)) this.engine.ctx.desk.apply(call.agentId, event);
  }

  private machine(call: LiveCall): void {
    const amd = this.engine.definition.amd;
    if (amd?.onMachine === 'leave_message' && amd.message && call.handle) {
      call.pendingResult = 'machine';
      call.endedBy = 'system';
      try {
        call.handle.playMessage(amd.message, { hangUpAfter: true });
      } catch (err) {
        this.engine.ctx.log.warn({ callId: call.id, err }, 'the machine message cannot be played; hanging up without it');
        call.handle.hangUp();
      }
      return;
    }
    if (amd?.onMachine === 'pass_to_agent') return this.human(call);
    this.systemHangUp(call, 'machine');
  }

  systemHangUp(call: LiveCall, result: CallResult): void {
    call.pendingResult = result;
    call.endedBy = 'system';
    call.handle?.hangUp();
  }

  /**
   * A person answered: to the reserved agent, else to a free agent, else wait (D6) at most the
   * profile's connect time — counted, as the law counts it, from her completed greeting, which
   * the detector heard end before it could say she is a person (`times.greetingEnded`); else
   * from now (without AMD the answer itself, sooner than any greeting ends).
   */
  private human(call: LiveCall): void {
    call.liveSince = this.offers.answered();
    call.waitFrom = (call.state.times.greetingEnded ?? this.engine.now).getTime();
    this.learn(call, true);
    if (call.agentId !== null) return this.connect(call, call.agentId);
    this.offer(call);
  }

  /** A person on the line without an agent: to a free agent, else wait for one until the 2 seconds from her greeting are up (D6). */
  private offer(call: LiveCall): void {
    const e = this.engine;
    const desk = e.ctx.desk;
    const free = (a: number): boolean => !e.work.has(a);
    const agent = call.lineOf !== null && isAvailableFor(desk.state(call.lineOf), e.id) && free(call.lineOf) ? call.lineOf : desk.longestIdle(e.id, free);
    if (agent !== undefined) return this.connect(call, agent);
    this.waiting.push(call);
    const waitMs = Math.max(0, e.policy.profile.maxConnectWaitSeconds * 1000 - (e.now.getTime() - (call.waitFrom ?? e.now.getTime())));
    call.abandonTimer = e.ctx.ports.timers.after(waitMs, () => this.abandon(call));
    this.publish(call);
  }

  private connect(call: LiveCall, agentId: number): void {
    const e = this.engine;
    const waited = call.abandonTimer !== null; // it was waiting for an agent (D6)
    this.unwait(call);
    this.step(call, { type: 'connect', agentId });
    const desk = e.ctx.desk;
    const st = desk.state(agentId);
    if (st.status === 'on_call' && st.work.callId === call.id) {
      desk.apply(agentId, { type: 'connect' });
    } else {
      desk.apply(agentId, { type: 'connect', campaignId: e.id, recordId: call.entry.recordId, callbackId: call.entry.callback?.callbackId ?? null, callId: call.id });
      e.work.adoptCall(agentId, call);
    }
    call.agentId = agentId;
    call.attempt.agentId = agentId;
    if (call.lineOf !== null) this.lines.get(call.lineOf)?.delete(call.id);
    try {
      call.handle?.bridge(agentId);
    } catch (err) {
      e.ctx.log.warn({ callId: call.id, err }, 'bridge failed');
    }
    if (call.liveSince !== null) this.offers.offered(call.liveSince, waited);
    call.liveSince = null;
    if (call.origin === 'dialer' && call.lineOf === null && e.definition.mode === 'predictive') e.pacer.noteConnected(call.state.times);
    this.save(call);
    this.publish(call);
  }

  /**
   * T2: the agent's phone did not take the call it was bridged to (refused, unreachable, not
   * answering). She is set not ready — the next call would fail the same way — and the person,
   * still on the line, goes to another free agent if what is left of the 2 seconds from her
   * greeting allows, else gets the abandon message (D6).
   */
  private lineFailed(call: LiveCall, agentId: number, reason: string): void {
    const e = this.engine;
    if (call.pendingResult || call.state.status !== 'active' || call.agentId !== agentId) return;
    e.ctx.log.warn({ campaignId: e.id, callId: call.id, agentId, reason }, "the agent's phone did not take the call: she is set not ready and the call offered again");
    const st = e.ctx.desk.state(agentId);
    if (st.status === 'on_call' && st.work.callId === call.id) e.ctx.desk.apply(agentId, { type: 'line_failed' });
    e.work.releaseCall(agentId, call);
    this.step(call, { type: 'line_failed' });
    call.agentId = null;
    call.liveSince = this.offers.answered();
    this.offer(call);
  }

  /** D6: nobody took the live answer in time: play the campaign's message, hang up, count it abandoned. */
  private abandon(call: LiveCall): void {
    call.abandonTimer = null;
    if (!this.waiting.includes(call)) return;
    this.unwait(call);
    call.pendingResult = 'abandoned';
    call.endedBy = 'system';
    const message = this.engine.definition.abandonMessage;
    try {
      if (message && call.handle) call.handle.playMessage(message, { hangUpAfter: true });
      else call.handle?.hangUp();
    } catch (err) {
      this.engine.ctx.log.warn({ callId: call.id, err }, 'the abandon message cannot be played; hanging up without it');
      call.handle?.hangUp();
    }
    this.publish(call);
  }

  private unwait(call: LiveCall): void {
    const i = this.waiting.indexOf(call);
    if (i >= 0) this.waiting.splice(i, 1);
    if (call.abandonTimer) this.engine.ctx.ports.timers.cancel(call.abandonTimer);
    call.abandonTimer = null;
  }

  private ended(call: LiveCall, cause: CarrierEndCause): void {
    const e = this.engine;
    if (call.state.status === 'ended') return;
    this.unwait(call);
    if (call.lineOf !== null) this.lines.get(call.lineOf)?.delete(call.id);
    const status = call.state.status;
    const result = call.pendingResult ?? resultOf(status, cause);
    const by: CallEnder = call.endedBy ?? (cause === 'remote_hang_up' ? 'contact' : cause === 'local_hang_up' ? 'agent' : 'carrier');
    try {
      this.step(call, { type: 'end', result, by });
    } catch {
      this.step(call, { type: 'end', result: 'failed', by: 'system' });
    }
    if (call.liveSince !== null) this.offers.lost++; // a person answered and was never offered (D6)
    const ended = call.state as CallState;
    const final = ended.status === 'ended' ? ended.result : 'failed';
    this.calls.delete(call.id);
    e.history.note(call.number, call.id, call.state.times.dialed ?? e.now, final);
    e.abandons.note(e.now, final);
    this.learn(call, final === 'connected' || final === 'abandoned');
    if (call.origin === 'dialer' && call.lineOf === null && e.definition.mode === 'predictive') e.pacer.noteEnded(call.state, final);
    this.save(call);
    this.publish(call);
    if (call.agentId !== null) {
      const desk = e.ctx.desk;
      const st = desk.state(call.agentId);
      if (st.status === 'on_call' && st.work.callId === call.id) {
        if (st.call === 'active' || st.call === 'held') {
          desk.apply(call.agentId, { type: 'remote_hang_up' });
          e.work.startWrapUp(call.agentId);
        } else {
          desk.apply(call.agentId, { type: 'call_failed', result: final === 'connected' ? 'failed' : final });
        }
      }
    }
    e.work.callEnded(call, final);
    if (call.lineOf !== null) e.ctx.requestDispatch(call.lineOf);
  }

  /** D3: the answer rate is learned when a call is answered live or ends without a live answer, not when a long talk ends. */
  private learn(call: LiveCall, live: boolean): void {
    if (call.paced || call.origin !== 'dialer' || call.lineOf !== null || this.engine.definition.mode !== 'predictive') return;
    call.paced = true;
    this.engine.pacer.noteAnswer(live, call.state.times);
  }

  save(call: LiveCall): void {
    const snapshot = { ...call.attempt, call: call.state };
    this.engine.ctx.writes.add({ kind: 'attempt', row: snapshot });
  }

  publish(call: LiveCall): void {
    const e = this.engine;
    const to = call.agentId ?? call.lineOf;
    if (to === null) return;
    e.ctx.desk.publish(to, {
      type: 'call',
      campaignId: e.id,
      recordId: call.entry.recordId,
      callId: call.id,
      number: call.number,
      status: call.pendingResult === 'abandoned' && call.state.status !== 'ended' ? 'abandoning' : call.state.status,
      result: call.state.status === 'ended' ? call.state.result : null,
      line: call.lineOf !== null,
    });
  }

  private lineSet(agentId: number): Set<string> {
    let set = this.lines.get(agentId);
    if (!set) this.lines.set(agentId, (set = new Set()));
    return set;
  }
}

/** The system result of a call the carrier ended, from where the call was (SPEC §1 results). */
function resultOf(status: CallState['status'], cause: CarrierEndCause): CallResult {
  switch (cause) {
    case 'busy':
    case 'no_answer':
    case 'bad_number':
    case 'failed':
      return status === 'dialing' || status === 'ringing' ? cause : 'failed';
    case 'remote_hang_up':
    case 'local_hang_up':
      if (status === 'active' || status === 'held') return 'connected';
      if (status === 'answered' || status === 'amd') return 'abandoned';
      return 'no_answer';
  }
}
