import { type RestorableState, transitionAgent } from '../agents/agent-state.js';
import type { CallResult } from '../calls/call-results.js';
import { transitionCall } from '../calls/call-state.js';
import type { TimerHandle } from '../engine/timers.js';
import { AppError, validationFailed } from '../shared/errors.js';
import type { WrapUpCode } from '../campaigns/wrap-up-codes.js';
import type { CampaignEngine, RecordSettlement } from './campaign-engine.js';
import { chooseNumber, type NumberChoice } from './choose-number.js';
import { afterSystemResult, afterWrapUpCode, findWrapUpCode, type Outcome, type RecordFate } from './decide-outcome.js';
import type { LiveCall } from './engine-calls.js';
import type { WorkEntry } from './record-buffer.js';
import type { RestoredAttempt } from './restore-work.js';
import { type CallbackRequest, checkGuideAnswers, type GuideAnswer, parseCallback } from './wrap-up-input.js';
import { addNumberToDoNotCall, createCallbackFor, saveWrapUp } from './wrap-up-writes.js';

/**
 * The record an agent holds (issue 4 points 3, 6, 8; P1–P6, D1, D5, D7–D9, C1): the offer and
 * its acceptance, the review timeout, skip / complete / requeue / snooze / reschedule, the
 * agent's own dials, and the wrap-up that decides what becomes of the record. Each command
 * runs the agent state machine first — an action the state does not allow is refused with
 * its message and changes nothing — then does the work.
 */
export interface AgentWork {
  agentId: number;
  entry: WorkEntry;
  /** The call in progress, if any. */
  callId: string | null;
  /** The last call made for this record here: the wrap-up or completion code goes on it. */
  last: LiveCall | null;
  lastResult: CallResult | null;
  reviewTimer: TimerHandle | null;
  reviewDeadline: Date | null;
  wrapTimer: TimerHandle | null;
  wrapDeadline: Date | null;
  /** Given back after a restart: the call made before it (the wrap-up code goes on its attempt), when `last` is gone. */
  restoredAttempt: RestoredAttempt | null;
}

export interface WrapUpInput {
  code: string;
  notes?: string | undefined;
  answers?: GuideAnswer[] | undefined;
  callback?: CallbackRequest | undefined;
}

export type MarkKind = 'machine' | 'fax' | 'bad_number';
const markCodes: Record<MarkKind, string> = { machine: 'answering_machine', fax: 'fax', bad_number: 'bad_record' };

export class WorkDesk {
  private readonly works = new Map<number, AgentWork>();

  constructor(private readonly engine: CampaignEngine) {}

  get count(): number {
    return this.works.size;
  }

  has(agentId: number): boolean {
    return this.works.has(agentId);
  }

  get(agentId: number): AgentWork | undefined {
    return this.works.get(agentId);
  }

  require(agentId: number, recordId?: number): AgentWork {
    const work = this.works.get(agentId);
    if (!work) throw new AppError('invalid_state', `You hold no record of campaign ${this.engine.id}; go ready to receive one.`, { campaignId: this.engine.id });
    if (recordId !== undefined && work.entry.recordId !== recordId) {
      throw new AppError('invalid_state', `You hold record ${work.entry.recordId}, not ${recordId}; reload the desktop.`, { recordId: work.entry.recordId });
    }
    return work;
  }

  private create(agentId: number, entry: WorkEntry): AgentWork {
    const work: AgentWork = { agentId, entry, callId: null, last: null, lastResult: null, reviewTimer: null, reviewDeadline: null, wrapTimer: null, wrapDeadline: null, restoredAttempt: null };
    this.works.set(agentId, work);
    return work;
  }

  // ── preview (P1–P6) ────────────────────────────────────────────────────────────────

  /** P1: offer the record to a ready agent; auto-accept when the campaign says so. */
  offer(agentId: number, entry: WorkEntry, _choice: NumberChoice): void {
    const e = this.engine;
    const cb = entry.callback;
    e.ctx.desk.apply(agentId, { type: 'offer', campaignId: e.id, recordId: entry.recordId, callbackId: cb?.callbackId ?? null });
    this.create(agentId, entry);
    const autoAccept = e.definition.preview?.autoAccept ?? false;
    e.ctx.desk.publish(agentId, { type: 'offer', campaignId: e.id, recordId: entry.recordId, callbackId: cb?.callbackId ?? null, name: entry.name, campaignName: e.name, autoAccept });
    if (cb) e.ctx.desk.message(agentId, { kind: 'callback', text: `Callback to ${cb.phone}${entry.name ? ` (${entry.name})` : ''}${cb.notes ? `: ${cb.notes}` : ''}`, displaySeconds: 5 });
    if (autoAccept) this.accept(agentId);
  }

  /** P1: open the offered record; P5: the review countdown starts. */
  accept(agentId: number, recordId?: number): void {
    const work = this.require(agentId, recordId);
    this.engine.ctx.desk.apply(agentId, { type: 'accept' });
    this.startReview(work);
  }

  private startReview(work: AgentWork): void {
    const e = this.engine;
    const seconds = e.definition.preview?.reviewTimeoutSeconds ?? null;
    if (seconds === null) return;
    work.reviewDeadline = new Date(e.now.getTime() + seconds * 1000);
    work.reviewTimer = e.ctx.ports.timers.after(seconds * 1000, () => this.reviewTimedOut(work.agentId, work));
  }

  /** C5 (take-callback.ts): the agent takes this callback's record now; she previews it, the review countdown (P5) running. */
  take(agentId: number, entry: WorkEntry): void {
    const e = this.engine;
    e.ctx.desk.apply(agentId, { type: 'take', campaignId: e.id, recordId: entry.recordId, callbackId: entry.callback?.callbackId ?? null });
    this.startReview(this.create(agentId, entry));
  }

  /** After a restart (restore-work.ts): the agent holds the record again, in the state `desk` already gave her back. */
  restore(agentId: number, entry: WorkEntry, state: RestorableState, attempt: RestoredAttempt | null): void {
    const e = this.engine;
    const work = this.create(agentId, entry);
    work.restoredAttempt = attempt;
    if (state.status === 'wrap_up') return this.startWrapUp(agentId);
    if (state.status !== 'reserved') return;
    work.lastResult = state.lastResult;
    if (state.phase === 'previewing') return this.startReview(work);
    e.ctx.desk.publish(agentId, { type: 'offer', campaignId: e.id, recordId: entry.recordId, callbackId: entry.callback?.callbackId ?? null, name: entry.name, campaignName: e.name, autoAccept: false });
  }

  /** P5: the review time is up: dial the recommended number. */
  private reviewTimedOut(agentId: number, work: AgentWork): void {
    work.reviewTimer = null;
    if (this.works.get(agentId) !== work || work.callId !== null) return;
    const st = this.engine.ctx.desk.state(agentId);
    if (st.status !== 'reserved' || st.phase !== 'previewing') return;
    try {
      this.dial(agentId);
    } catch (err) {
      this.engine.ctx.desk.message(agentId, { kind: 'error', text: (err as Error).message, displaySeconds: null });
    }
  }

  /** P5: dial a number of the previewed record (the recommended one when none is given), after the dial-time check. */
  dial(agentId: number, number?: string, recordId?: number): LiveCall {
    const e = this.engine;
    const work = this.require(agentId, recordId);
    const { entry } = work;
    const cb = entry.callback;
    const known = [...entry.phones.map((p) => p.number), ...(cb ? [cb.phone] : [])];
    if (number !== undefined && !known.includes(number)) {
      throw validationFailed(`${number} is not a number of this record; dial one of ${known.join(', ')}.`, { field: 'number', numbers: known });
    }
    transitionAgent(e.ctx.desk.state(agentId), { type: 'dial', callId: 'check' }, e.now); // the state machine's refusal, before any check
    const options = cb && (number === undefined || number === cb.phone) ? { callbackId: cb.callbackId, callbackPhone: cb.phone } : number !== undefined ? { only: number } : {};
    const choice = chooseNumber(entry, e.dialContext(true), options);
    if (!choice.allowed) {
      throw new AppError('invalid_state', `This record may not be dialed now: ${choice.message}`, { reason: choice.reason, nextAllowedAt: choice.nextAllowedAt?.toISOString() ?? null });
    }
    const callId = e.ctx.ports.ids.next('attempt');
    e.ctx.desk.apply(agentId, { type: 'dial', callId });
    this.clearReview(work);
    work.callId = callId;
    const call = e.calls.place(entry, choice.number, { agentId, origin: 'preview', lineOf: null, callId });
    work.last = call;
    return call;
  }

  /** P4: the record leaves the desktop and comes back later; every skip is counted. */
  skip(agentId: number, recordId?: number): void {
    const e = this.engine;
    const work = this.require(agentId, recordId);
    const p = e.definition.preview;
    if (p && !p.skipAllowed) throw new AppError('invalid_state', 'This campaign does not allow skipping (P4); call the record or complete it.', { skipAllowed: false });
    if (p?.maxSkipsPerRecord != null && work.entry.skips >= p.maxSkipsPerRecord) {
      throw new AppError('invalid_state', `This record has been skipped ${work.entry.skips} times, the campaign's limit (P4); call it or complete it.`, { skips: work.entry.skips, limit: p.maxSkipsPerRecord });
    }
    e.ctx.desk.apply(agentId, { type: 'skip' });
    const later = new Date(e.now.getTime() + e.ctx.options.skipDelayMs);
    this.finish(work, { status: 'pending', nextAttemptAt: later }, { skips: work.entry.skips + 1, callback: { status: 'pending', windowStart: later } });
  }

  /** P6 requeue: back to the queue for anyone. */
  requeue(agentId: number, recordId?: number): void {
    const e = this.engine;
    const work = this.require(agentId, recordId);
    e.ctx.desk.apply(agentId, { type: 'withdraw' });
    const later = new Date(e.now.getTime() + e.ctx.options.requeueDelayMs);
    this.finish(work, { status: 'pending', nextAttemptAt: later }, { ownerId: 0, callback: { status: 'pending', windowStart: later } });
  }

  /** P6 snooze: back to this agent's own queue for later. */
  snooze(agentId: number, minutes: number | undefined, recordId?: number): void {
    const e = this.engine;
    const work = this.require(agentId, recordId);
    const m = minutes ?? e.ctx.options.snoozeMinutes;
    if (!Number.isInteger(m) || m < 1 || m > 7 * 24 * 60) throw validationFailed('minutes must be a whole number from 1 to 10080.', { field: 'minutes' });
    e.ctx.desk.apply(agentId, { type: 'withdraw' });
    const later = new Date(e.now.getTime() + m * 60_000);
    this.finish(work, { status: 'pending', nextAttemptAt: later }, { ownerId: agentId, callback: { status: 'pending', windowStart: later } });
  }

  /** P3: complete without (further) calling, with a disposition (the campaign's default: "Bad record"). */
  complete(agentId: number, input: Partial<WrapUpInput>, recordId?: number): void {
    const e = this.engine;
    const work = this.require(agentId, recordId);
    const code = findWrapUpCode(e.definition, input.code ?? e.definition.previewCompleteCode ?? 'bad_record');
    const prepared = this.prepare(work, { ...input, code: code.code });
    e.ctx.desk.apply(agentId, { type: 'complete', disposition: code.code });
    this.clearReview(work);
    this.conclude(work, code, prepared);
  }

  /** C1 from preview: a callback at a chosen time (and zone, number, assignee), the record waits for it. */
  reschedule(agentId: number, callback: CallbackRequest, recordId?: number): void {
    const e = this.engine;
    const work = this.require(agentId, recordId);
    const parsed = this.parseCallbackFor(work, callback);
    e.ctx.desk.apply(agentId, { type: 'complete', disposition: 'callback' });
    this.clearReview(work);
    createCallbackFor(e, work, parsed);
    this.finish(work, { status: 'callback' }, { callback: { status: 'done' } });
  }

  // ── dialer calls (D1, D2) ──────────────────────────────────────────────────────────

  /** D1: dial the next record for this ready agent (a callback in a dialer campaign too). */
  dialFor(agentId: number, entry: WorkEntry, choice: Extract<NumberChoice, { allowed: true }>): void {
    const e = this.engine;
    const callId = e.ctx.ports.ids.next('attempt');
    e.ctx.desk.apply(agentId, { type: 'dial', campaignId: e.id, recordId: entry.recordId, callbackId: entry.callback?.callbackId ?? null, callId });
    const work = this.create(agentId, entry);
    work.callId = callId;
    if (entry.callback) e.ctx.desk.message(agentId, { kind: 'callback', text: `Callback to ${entry.callback.phone}${entry.name ? ` (${entry.name})` : ''}`, displaySeconds: 5 });
    work.last = e.calls.place(entry, choice.number, { agentId, origin: 'dialer', lineOf: null, callId });
  }

  /** D2: a live answer from the dialer was connected to this agent. */
  adoptCall(agentId: number, call: LiveCall): void {
    const work = this.create(agentId, call.entry);
    work.callId = call.id;
    work.last = call;
  }

  /** T2: the agent's phone could not take the call: she lets go of it, and the record stays with the call (offered to another agent). */
  releaseCall(agentId: number, call: LiveCall): void {
    const work = this.works.get(agentId);
    if (work && work.callId === call.id) this.drop(work);
  }

  /** The carrier ended a call of this campaign. */
  callEnded(call: LiveCall, result: CallResult): void {
    if (call.markedByAgent || result === 'connected') return; // wrapped up by the agent, or wrap-up decides
    const agentId = call.agentId;
    const work = agentId !== null ? this.works.get(agentId) : undefined;
    const mine = work !== undefined && work.entry === call.entry ? work : undefined;
    const outcome = afterSystemResult(this.engine.definition, call.entry, result, call.number, this.engine.now);
    if (call.origin === 'preview' && mine) {
      // P3, P5: the record stays on the desktop; the agent dials another number or completes it.
      mine.callId = null;
      mine.lastResult = result;
      call.entry.resultCounts = outcome.resultCounts;
      call.entry.deadNumbers = outcome.deadNumbers;
      return;
    }
    if (mine) this.drop(mine);
    this.engine.settle(call.entry, outcome.fate, { resultCounts: outcome.resultCounts, deadNumbers: outcome.deadNumbers, lastResult: result, callback: { status: 'done' } });
  }

  // ── on the call (D5, D7) ───────────────────────────────────────────────────────────

  private callOf(agentId: number): LiveCall {
    const work = this.require(agentId);
    const call = work.callId ? this.engine.calls.get(work.callId) : undefined;
    if (!call) throw new AppError('invalid_state', 'You have no call in progress.', { state: this.engine.ctx.desk.label(agentId) });
    return call;
  }

  hold(agentId: number): void {
    const call = this.callOf(agentId);
    this.engine.ctx.desk.apply(agentId, { type: 'hold' });
    call.state = transitionCall(call.state, { type: 'hold' }, this.engine.now).state;
    call.handle?.hold();
    this.engine.calls.publish(call);
  }

  resume(agentId: number): void {
    const call = this.callOf(agentId);
    this.engine.ctx.desk.apply(agentId, { type: 'resume' });
    call.state = transitionCall(call.state, { type: 'resume' }, this.engine.now).state;
    call.handle?.resume();
    this.engine.calls.publish(call);
  }

  /** Ends the call (D7: not while held). Before an answer it cancels the dial. */
  hangUp(agentId: number): void {
    const call = this.callOf(agentId);
    const before = call.state.status;
    this.engine.ctx.desk.apply(agentId, { type: 'hang_up' });
    call.pendingResult = before === 'active' ? 'connected' : before === 'answered' || before === 'amd' ? 'abandoned' : 'no_answer';
    call.endedBy = 'agent';
    call.handle?.hangUp();
    const work = this.works.get(agentId)!;
    work.callId = null;
    if (before === 'active') this.startWrapUp(agentId);
  }

  /** D5: the agent closes the call as a machine, a fax or a bad number, and moves on. */
  mark(agentId: number, kind: MarkKind): void {
    const e = this.engine;
    const call = this.callOf(agentId);
    const work = this.works.get(agentId)!;
    if (call.state.status !== 'active') throw new AppError('invalid_state', `Only a connected call can be marked as ${kind.replace('_', ' ')} (D5); this one is ${call.state.status}.`, { status: call.state.status });
    const code = findWrapUpCode(e.definition, markCodes[kind]);
    e.ctx.desk.apply(agentId, { type: 'hang_up' });
    call.pendingResult = kind;
    call.endedBy = 'agent';
    call.markedByAgent = true;
    call.handle?.hangUp();
    work.callId = null;
    e.ctx.desk.apply(agentId, { type: 'wrap_up_done', code: code.code });
    const outcome = afterSystemResult(e.definition, work.entry, kind, call.number, e.now);
    saveWrapUp(e, work, code, null, null);
    this.finish(work, outcome.fate, { resultCounts: outcome.resultCounts, deadNumbers: outcome.deadNumbers, lastResult: kind, callback: { status: 'done' } });
  }

  // ── wrap-up (D8, D9, C1, L4) ───────────────────────────────────────────────────────

  startWrapUp(agentId: number): void {
    const e = this.engine;
    const work = this.works.get(agentId);
    const seconds = e.definition.wrapUpTimeoutSeconds;
    if (!work || seconds === null) return;
    work.wrapDeadline = new Date(e.now.getTime() + seconds * 1000);
    work.wrapTimer = e.ctx.ports.timers.after(seconds * 1000, () => {
      work.wrapTimer = null;
      if (this.works.get(agentId) !== work || e.ctx.desk.state(agentId).status !== 'wrap_up') return;
      e.ctx.desk.apply(agentId, { type: 'wrap_up_timeout' });
      saveWrapUp(e, work, null, null, null);
      this.finish(work, { status: 'done', reason: 'wrap_up_timeout' }, { lastResult: 'connected', callback: { status: 'done' } });
    });
  }

  wrapUp(agentId: number, input: WrapUpInput, recordId?: number): void {
    const e = this.engine;
    const work = this.require(agentId, recordId);
    const code = findWrapUpCode(e.definition, input.code);
    const prepared = this.prepare(work, input);
    e.ctx.desk.apply(agentId, { type: 'wrap_up_done', code: code.code });
    if (work.wrapTimer) e.ctx.ports.timers.cancel(work.wrapTimer);
    this.conclude(work, code, prepared);
  }

  /** Checks everything the agent sent before any state changes. */
  private prepare(work: AgentWork, input: WrapUpInput): { notes: string | null; answers: GuideAnswer[] | null; callback: ReturnType<typeof parseCallback> | null } {
    const code = findWrapUpCode(this.engine.definition, input.code);
    if (input.notes !== undefined && input.notes.length > 4000) throw validationFailed(`notes has ${input.notes.length} characters; at most 4000 are kept.`, { field: 'notes' });
    const answers = checkGuideAnswers(this.engine.definition.callGuide, input.answers);
    if (code.outcome === 'callback' && !input.callback) {
      throw validationFailed(`The code "${code.code}" schedules a callback (C1): send callback.at (and optionally timeZone, number, assignee, notes).`, { field: 'callback' });
    }
    const callback = code.outcome === 'callback' && input.callback ? this.parseCallbackFor(work, input.callback) : null;
    return { notes: input.notes ?? null, answers, callback };
  }

  private parseCallbackFor(work: AgentWork, req: CallbackRequest): ReturnType<typeof parseCallback> {
    const e = this.engine;
    const { entry } = work;
    return parseCallback(req, { timeZone: entry.timeZone ?? e.policy.defaultTimeZone ?? 'UTC', number: work.last?.number ?? work.restoredAttempt?.number ?? entry.phones[0]?.number ?? '', now: e.now });
  }

  private conclude(work: AgentWork, code: WrapUpCode, prepared: ReturnType<WorkDesk['prepare']>): void {
    const e = this.engine;
    saveWrapUp(e, work, code, prepared.notes, prepared.answers);
    const outcome: Outcome = afterWrapUpCode(e.definition, work.entry, code, e.now);
    if (code.outcome === 'do_not_call') addNumberToDoNotCall(e, work, code);
    if (prepared.callback) createCallbackFor(e, work, prepared.callback);
    this.finish(work, outcome.fate, { lastResult: work.last?.state.status === 'ended' ? work.last.state.result : work.lastResult, callback: { status: 'done' } });
  }

  // ── leaving ────────────────────────────────────────────────────────────────────────

  private finish(work: AgentWork, fate: RecordFate, extra: RecordSettlement): void {
    this.drop(work);
    const cb = work.entry.callback;
    const settlement = { ...extra };
    if (!cb) delete settlement.callback;
    else if (fate.status === 'pending' && extra.callback?.status === 'pending') {
      // A skipped, requeued or snoozed callback stays a callback, just later.
      return this.engine.settle(work.entry, { status: 'callback' }, settlement);
    }
    this.engine.settle(work.entry, fate, settlement);
  }

  private drop(work: AgentWork): void {
    this.clearReview(work);
    if (work.wrapTimer) this.engine.ctx.ports.timers.cancel(work.wrapTimer);
    work.wrapTimer = null;
    if (this.works.get(work.agentId) === work) this.works.delete(work.agentId);
    // An agent freed before the record was settled (a dial they cancelled) is asked for work again now.
    if (this.engine.ctx.desk.state(work.agentId).status === 'ready') this.engine.ctx.requestDispatch(work.agentId);
  }

  private clearReview(work: AgentWork): void {
    if (work.reviewTimer) this.engine.ctx.ports.timers.cancel(work.reviewTimer);
    work.reviewTimer = null;
    work.reviewDeadline = null;
  }

  /** Pause or stop: offered records (not yet accepted) are withdrawn and go back unchanged. */
  withdrawOffers(reason: string): void {
    for (const work of [...this.works.values()]) {
      const st = this.engine.ctx.desk.state(work.agentId);
      if (st.status !== 'reserved' || st.phase !== 'offered') continue;
      this.withdraw(work, reason, true);
    }
  }

  /** Lease lost: every record not in a call is withdrawn; another node owns them now. */
  withdrawAll(reason: string): void {
    for (const work of [...this.works.values()]) {
      const st = this.engine.ctx.desk.state(work.agentId);
      if (st.status !== 'reserved') continue;
      this.withdraw(work, reason, false);
    }
  }

  private withdraw(work: AgentWork, reason: string, release: boolean): void {
    const e = this.engine;
    e.ctx.desk.apply(work.agentId, { type: 'withdraw' });
    e.ctx.desk.publish(work.agentId, { type: 'offer.withdrawn', campaignId: e.id, recordId: work.entry.recordId, reason });
    if (release) return this.finish(work, { status: 'pending', nextAttemptAt: work.entry.nextAttemptAt }, { callback: { status: 'pending' } });
    this.drop(work);
    e.active.delete(work.entry.recordId);
  }
}
