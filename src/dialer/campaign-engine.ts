import { sql } from 'kysely';
import { PREVIEW_MODES, type CampaignDefinition } from '../campaigns/campaign-definition.js';
import { completeCampaign } from '../campaigns/change-campaign-status.js';
import { loadCampaignDefinition } from '../campaigns/load-campaign-definition.js';
import { compileDialPolicy, type DialPolicy } from '../compliance/dial-policy.js';
import { INTERNAL_LIST_NAME } from '../dnc/dnc-views.js';
import type { TimerHandle } from '../engine/timers.js';
import type { CampaignStatus } from '../storage/schema.js';
import { RollingAbandonRate } from './abandon-rate.js';
import { AnswerStats } from './answer-stats.js';
import { releaseLease, acquireLease, renewAndRead } from './campaign-lease.js';
import { chooseNumber, type DialContext, type NumberChoice } from './choose-number.js';
import { hasWorkLeft } from './claim-records.js';
import { afterRefusal, type RecordFate } from './decide-outcome.js';
import { releaseOrphans, releaseRecords, setCallbackStatus } from './dialer-writes.js';
import { restoreWork } from './restore-work.js';
import type { EngineContext } from './engine-context.js';
import { CallDesk } from './engine-calls.js';
import { WorkDesk } from './engine-work.js';
import { NumberHistory } from './number-history.js';
import { PredictivePacer } from './predictive-pacer.js';
import { CALLBACK_LANE, RecordBuffer, SHARED_LANE, type WorkEntry } from './record-buffer.js';
import { fetchCallbacks, fetchLane } from './refill-lanes.js';
import { campaignZones, ensureBatch, seedCampaignRecords } from './seed-campaign-records.js';

/**
 * One running campaign on this node (issue 4 points 3–5, 9, 14): it holds the campaign's lease,
 * keeps its record buffer, decides for each ready agent what comes next — a due callback, a
 * due retry, the next record in the supervisor's order — checks it against the law and the
 * campaign's rules before anything is offered or dialed, and stores what becomes of it.
 * Calls are handled by `calls` (engine-calls.ts), the agent's record by `work` (engine-work.ts).
 *
 * Everything here runs on the injected ports, so the same engine runs in real time in the
 * server and in virtual time in the tests.
 */
export type HaltReason = 'paused' | 'lease_lost' | 'stopped';

export interface RecordSettlement {
  resultCounts?: Record<string, number>;
  deadNumbers?: string[];
  skips?: number;
  ownerId?: number;
  lastResult?: string | null;
  /** What becomes of the callback this entry delivered. */
  callback?: { status: 'pending' | 'done' | 'cancelled'; windowStart?: Date };
}

export class CampaignEngine {
  name = '';
  status: CampaignStatus = 'draft';
  batch = 0;
  definition!: CampaignDefinition;
  policy!: DialPolicy;
  listIds = new Set<number>();
  /** Started, seeded and holding the lease. */
  loaded = false;
  dialing = false;
  halted: HaltReason | null = null;
  readonly buffer: RecordBuffer;
  readonly history = new NumberHistory();
  /** D6: live answers and abandons per minute over 30 days, loaded at lease takeover, counted as calls end. */
  readonly abandons = new RollingAbandonRate();
  /** D4: answer rates per local hour of day, learned from the stored attempts when the campaign orders by answer likelihood. */
  readonly answers = new AnswerStats();
  /** Records in hand here (offered, previewed, in a call, in wrap-up): never taken twice. */
  readonly active = new Set<number>();
  readonly callbacksInHand = new Set<number>();
  readonly calls: CallDesk;
  readonly work: WorkDesk;
  readonly pacer = new PredictivePacer(this);
  private dncListIds: number[] = [];
  private internalDncId: number | null = null;
  /** The contact zones of the campaign's records (time zone | country), for the refill. */
  zones: string[] = [];
  private updatedAt = 0;
  private wake: { at: number; handle: TimerHandle } | null = null;

  constructor(
    readonly id: number,
    readonly ctx: EngineContext,
  ) {
    this.buffer = new RecordBuffer(ctx.ports.clock, {
      // In the write queue's lane: a refill sees every record state decided before it.
      fetch: (lane, limit) => this.ctx.writes.run(`refill lane ${lane}`, () => (lane === CALLBACK_LANE ? fetchCallbacks(this, limit) : fetchLane(this, lane, limit))),
      consumers: (lane) => this.consumers(lane),
      refilled: (lane, added, wakeAt) => this.refilled(lane, added, wakeAt),
      track: (work, label) => ctx.track(work, `campaign ${id}: ${label}`),
    }, { recheckMs: ctx.options.recheckMs, maxBatch: 500 });
    this.calls = new CallDesk(this);
    this.work = new WorkDesk(this);
  }

  get now(): Date {
    return this.ctx.ports.clock.now();
  }

  get isPreview(): boolean {
    return PREVIEW_MODES.includes(this.definition.mode);
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────

  /** Reads the campaign, its lists and DNC lists; compiles the dial policy. */
  async load(): Promise<void> {
    const { db } = this.ctx;
    const loaded = await loadCampaignDefinition(db, this.id);
    const row = await db.selectFrom('campaigns').select(['name', 'updated_at']).where('id', '=', this.id).executeTakeFirstOrThrow();
    const [lists, dncLists, internal] = await Promise.all([
      db.selectFrom('campaign_lists').select('list_id').where('campaign_id', '=', this.id).execute(),
      db.selectFrom('campaign_dnc_lists').select('dnc_list_id').where('campaign_id', '=', this.id).execute(),
      db.selectFrom('dnc_lists').select('id').where(sql<string>`lower(name)`, '=', INTERNAL_LIST_NAME.toLowerCase()).executeTakeFirst(),
    ]);
    const d = loaded.definition;
    this.definition = d;
    this.name = row.name;
    this.status = loaded.status;
    this.batch = loaded.recycleCount + 1;
    this.updatedAt = row.updated_at.getTime();
    this.listIds = new Set(lists.map((l) => l.list_id));
    this.dncListIds = dncLists.map((l) => l.dnc_list_id);
    this.internalDncId = internal?.id ?? null;
    this.policy = compileDialPolicy({
      regulatoryProfile: d.regulatoryProfile,
      contactableTimes: d.contactableTimes,
      maxAttemptsPerRecord: d.retryRules.maxAttemptsPerRecord,
      maxAttemptsPerNumberPerDay: d.retryRules.maxAttemptsPerNumberPerDay,
    });
    this.prepareMessages();
  }

  /** A real carrier makes the audio of the campaign's messages now, so the first abandoned call does not wait for it. */
  private prepareMessages(): void {
    const messages = [this.definition.abandonMessage, this.definition.amd?.onMachine === 'leave_message' ? this.definition.amd.message : null].filter((m): m is string => !!m);
    if (messages.length === 0 || !this.ctx.carrier.prepareMessages) return;
    this.ctx.carrier.prepareMessages(messages).catch((err: unknown) => this.ctx.log.warn({ campaignId: this.id, err }, 'a message of the campaign cannot be played'));
  }

  /** After the lease is held: take over what another node left, seed the batch, start dialing if running. */
  async start(): Promise<void> {
    const { db, nodeId } = this.ctx;
    const restores = this.ctx.takeRestores(this.id);
    if (restores.length > 0) await restoreWork(this, restores); // before the orphans go back to anyone
    const released = await releaseOrphans(db, this.id, nodeId, this.now, this.ctx.options.orphanGraceMs);
    if (released > 0) this.ctx.log.info({ campaignId: this.id, released }, 'records held by another node were released');
    await ensureBatch(db, this.id, this.batch, this.now);
    const seeded = await seedCampaignRecords(db, { campaignId: this.id, batch: this.batch, definition: this.definition, listIds: [...this.listIds] }, this.now);
    this.zones = await campaignZones(db, this.id);
    await this.abandons.load(db, this.id, this.now);
    await this.refreshAnswerStats(true);
    this.ctx.log.info({ campaignId: this.id, batch: this.batch, seeded, zones: this.zones.length }, 'campaign engine ready');
    this.loaded = true;
    if (this.status === 'running' && this.halted === null) this.resume();
  }

  /** Every tick: keep the lease, follow the campaign's status, recycles, settings and appended lists; complete it when done. */
  async tick(): Promise<void> {
    const { db, nodeId, options } = this.ctx;
    if (this.halted === 'lease_lost') {
      const lease = await acquireLease(db, this.id, nodeId, this.now, options.leaseTtlMs);
      if (lease.holder !== nodeId) return;
      this.halted = null;
      this.ctx.log.info({ campaignId: this.id }, 'campaign lease taken back');
      await this.load();
      await this.start();
      return;
    }
    const read = await renewAndRead(db, this.id, nodeId, this.now, options.leaseTtlMs, [...this.listIds]);
    if (!read.renewed) {
      this.haltLeaseLost();
      return;
    }
    if (!this.loaded) return;
    const row = read.campaign;
    if (!row || row.deleted_at !== null) return this.pause('stopped');
    const listsBefore = [...this.listIds].join(',');
    if (row.updated_at.getTime() !== this.updatedAt || row.recycle_count + 1 !== this.batch) {
      const batchBefore = this.batch;
      await this.load();
      if (this.batch !== batchBefore) await this.recycle();
    }
    this.status = row.status;
    if (row.status !== 'running') {
      if (this.dialing) this.pause(row.status === 'paused' ? 'paused' : 'stopped');
    } else if (!this.dialing) {
      this.halted = null;
      this.resume();
    }
    const listsChanged = [...this.listIds].join(',') !== listsBefore;
    const seeded = read.unseeded || listsChanged ? await seedCampaignRecords(db, { campaignId: this.id, batch: this.batch, definition: this.definition, listIds: [...this.listIds] }, this.now) : 0;
    if (seeded > 0 || listsChanged) {
      this.zones = await campaignZones(db, this.id);
      this.buffer.wake();
    }
    this.history.prune(this.now);
    this.abandons.prune(this.now);
    await this.refreshAnswerStats(false);
    await this.completeIfDone();
    if (this.dialing) this.readDueCallbacks();
    this.dispatchAll();
  }

  /**
   * C7: due callbacks are read into their lane as they fall due, not when an agent first asks —
   * otherwise the agent who comes back from lunch after her callback's time would be handed an
   * ordinary record while the lane fills, and her callback only after it.
   */
  private readDueCallbacks(): void {
    if (this.ctx.desk.joined(this.id).length > 0) this.buffer.ensure(CALLBACK_LANE);
  }

  private async recycle(): Promise<void> {
    const { db } = this.ctx;
    for (const e of this.buffer.drain()) this.forget(e);
    await ensureBatch(db, this.id, this.batch, this.now);
    await seedCampaignRecords(db, { campaignId: this.id, batch: this.batch, definition: this.definition, listIds: [...this.listIds] }, this.now);
    this.zones = await campaignZones(db, this.id);
    this.buffer.wake();
    this.ctx.log.info({ campaignId: this.id, batch: this.batch }, 'campaign recycled: the lists start again from the top');
  }

  /** D4: only a campaign ordered by answer likelihood keeps the statistics (refreshed every few minutes, not per refill). */
  private async refreshAnswerStats(force: boolean): Promise<void> {
    if (this.definition.ordering !== 'answer_likelihood') return this.answers.reset();
    await this.answers.refresh(this.ctx.db, this.id, this.policy.defaultTimeZone, this.now, force);
  }

  private async completeIfDone(): Promise<void> {
    if (!this.dialing || !this.buffer.idle || this.work.count > 0 || this.calls.count > 0) return;
    if (await this.ctx.writes.run('work left', (db) => hasWorkLeft(db, this.id))) return;
    try {
      await completeCampaign(this.ctx.db, this.ctx.ports.clock, this.id);
      this.status = 'complete';
      this.pause('stopped');
      for (const agentId of this.ctx.desk.joined(this.id)) this.ctx.desk.message(agentId, { kind: 'info', text: `Campaign "${this.name}" is complete: nothing is left to dial.`, displaySeconds: null });
      this.ctx.log.info({ campaignId: this.id }, 'campaign complete: nothing left to dial');
    } catch (err) {
      this.ctx.log.warn({ campaignId: this.id, err }, 'could not mark the campaign complete');
    }
  }

  resume(): void {
    if (!this.loaded) return;
    this.dialing = true;
    this.buffer.wake();
    this.readDueCallbacks();
    this.dispatchAll();
  }

  /** No new offers or dials; offered records are withdrawn and buffered ones go back; calls and previewed records finish. */
  pause(reason: HaltReason): void {
    this.dialing = false;
    this.halted = reason;
    this.work.withdrawOffers(reason);
    const entries = this.buffer.drain();
    for (const e of entries) this.forget(e);
    const ids = entries.filter((e) => !e.callback).map((e) => e.recordId);
    if (ids.length > 0) this.ctx.writes.push(`campaign ${this.id} release`, (db) => releaseRecords(db, this.id, this.ctx.nodeId, ids, this.now));
    for (const e of entries.filter((x) => x.callback)) this.settle(e, { status: 'callback' }, { callback: { status: 'pending' } });
    this.cancelWake();
  }

  /** Point 14: another node holds the lease now. Stop dialing at once; its records are that node's to release. */
  haltLeaseLost(): void {
    this.ctx.log.warn({ campaignId: this.id, node: this.ctx.nodeId }, 'campaign lease lost: dialing stopped');
    this.dialing = false;
    this.halted = 'lease_lost';
    this.work.withdrawAll('lease_lost');
    for (const e of this.buffer.drain()) this.forget(e);
    this.cancelWake();
  }

  /** Node shutdown: release what is buffered and the lease. */
  async shutdown(): Promise<void> {
    if (this.halted !== 'lease_lost') this.pause('stopped');
    await this.ctx.writes.drained();
    if (this.halted !== 'lease_lost') await releaseLease(this.ctx.db, this.id, this.ctx.nodeId);
  }

  // ── choosing the next record ───────────────────────────────────────────────────────

  private consumers(lane: number): number {
    if (lane !== SHARED_LANE && lane !== CALLBACK_LANE) return 1;
    const agents = this.ctx.desk.joinedCount(this.id);
    return lane === SHARED_LANE ? agents * (this.definition.linesPerAgent ?? (this.definition.mode === 'predictive' ? 3 : 1)) : agents;
  }

  private refilled(lane: number, added: number, wakeAt: Date | null): void {
    if (!this.dialing) {
      if (this.halted !== 'lease_lost') this.pause(this.halted ?? 'paused');
      return;
    }
    if (wakeAt) this.scheduleWake(wakeAt);
    if (added > 0) {
      if (lane === SHARED_LANE || lane === CALLBACK_LANE) this.dispatchAll();
      else this.ctx.requestDispatch(lane);
    }
  }

  /** The next entry for this agent: a callback for them (or anyone), their own lane (preview), then anyone's. */
  private takeFor(agentId: number): WorkEntry | undefined {
    // D3: callbacks are always dialed for an agent; the pacer (agent -1) takes only the shared lane.
    const cb = agentId < 0 ? undefined : (this.buffer.take(CALLBACK_LANE, (e) => e.callback!.assigneeId === agentId) ?? this.buffer.take(CALLBACK_LANE, (e) => e.callback!.assigneeId === null));
    if (cb) return cb;
    if (this.definition.mode === 'predictive' && agentId >= 0) return undefined; // an agent's own turn in predictive is for callbacks only
    if (this.isPreview) {
      const own = this.buffer.take(agentId);
      if (own) return own;
    }
    return this.buffer.take(SHARED_LANE);
  }

  dialContext(agentGuaranteed: boolean): DialContext {
    return { policy: this.policy, isBlocked: (n) => this.isBlocked(n), history: this.history, agentGuaranteed, now: this.now };
  }

  /** L4: the campaign's DNC lists and always the internal one (all lists when the campaign names none). */
  isBlocked(number: string): boolean {
    if (this.dncListIds.length === 0) return this.ctx.dnc.isBlocked(number);
    const ids = this.internalDncId !== null && !this.dncListIds.includes(this.internalDncId) ? [...this.dncListIds, this.internalDncId] : this.dncListIds;
    return this.ctx.dnc.isBlocked(number, ids);
  }

  async refreshInternalDnc(): Promise<void> {
    const row = await this.ctx.db.selectFrom('dnc_lists').select('id').where(sql<string>`lower(name)`, '=', INTERNAL_LIST_NAME.toLowerCase()).executeTakeFirst();
    this.internalDncId = row?.id ?? null;
  }

  /**
   * Takes entries until one may be dialed now (the check runs on each), setting the refused
   * ones aside or rescheduling them. Null when the buffer has nothing for this agent yet.
   */
  next(agentId: number, agentGuaranteed: boolean): { entry: WorkEntry; choice: Extract<NumberChoice, { allowed: true }> } | null {
    for (let tries = 0; tries < 200; tries++) {
      const entry = this.takeFor(agentId);
      if (!entry) return null;
      if (this.active.has(entry.recordId)) {
        if (entry.callback) this.callbacksInHand.delete(entry.callback.callbackId);
        continue; // already in hand here (e.g. across a recycle): its holder writes its fate
      }
      this.active.add(entry.recordId);
      if (!this.listIds.has(entry.listId)) {
        this.settle(entry, { status: 'set_aside', reason: 'list_detached' });
        continue;
      }
      const cb = entry.callback;
      const choice = chooseNumber(entry, this.dialContext(agentGuaranteed || cb !== null), cb ? { callbackId: cb.callbackId, callbackPhone: cb.phone } : {});
      if (choice.allowed) return { entry, choice };
      this.refuse(entry, choice);
    }
    this.ctx.requestDispatch(agentId); // more to look at: continue on the next turn
    return null;
  }

  private refuse(entry: WorkEntry, choice: Extract<NumberChoice, { allowed: false }>): void {
    const fate: RecordFate = choice.unavailable ? { status: 'pending', nextAttemptAt: new Date(this.now.getTime() + 60_000) } : afterRefusal(choice.reason, choice.nextAllowedAt);
    if (!entry.callback) return this.settle(entry, fate, { lastResult: null });
    const later = fate.status === 'pending' ? fate.nextAttemptAt : null;
    if (later) this.settle(entry, { status: 'callback' }, { callback: { status: 'pending', windowStart: later } });
    else this.settle(entry, fate, { callback: { status: 'cancelled' } });
  }

  /** The record leaves this node's hands: store its new state. */
  settle(entry: WorkEntry, fate: RecordFate, extra: RecordSettlement = {}): void {
    this.active.delete(entry.recordId);
    const cb = entry.callback;
    if (cb) this.callbacksInHand.delete(cb.callbackId);
    const { callback, ...rest } = extra;
    const w = { campaignId: this.id, recordId: entry.recordId, batch: entry.batch, nodeId: this.ctx.nodeId, now: this.now };
    this.ctx.writes.add({ kind: 'fate', w: { ...w, fate, ...rest } });
    if (cb && callback) {
      this.ctx.writes.push(`callback ${cb.callbackId} ${callback.status}`, (db) =>
        callback.status === 'cancelled'
          ? db.updateTable('callbacks').set({ status: 'cancelled', updated_at: w.now }).where('id', '=', cb.callbackId).execute()
          : setCallbackStatus(db, cb.callbackId, callback.status, w.now, callback.windowStart),
      );
      if (callback.windowStart) this.scheduleWake(callback.windowStart);
    }
    if (fate.status === 'pending' && fate.nextAttemptAt) this.scheduleWake(fate.nextAttemptAt);
  }

  /** An entry dropped from the buffer without a decision (its claim is released separately, or belongs to another node now). */
  private forget(entry: WorkEntry): void {
    if (entry.callback) this.callbacksInHand.delete(entry.callback.callbackId);
  }

  // ── serving agents ─────────────────────────────────────────────────────────────────

  /** Give this ready agent work: a waiting live call, power lines, an offer or a progressive dial. True when it did. */
  serve(agentId: number): boolean {
    if (!this.dialing || !this.loaded) return false;
    if (this.calls.connectWaiting(agentId)) return true;
    if (this.definition.mode === 'power') return this.calls.fillLines(agentId);
    if (this.work.has(agentId)) return false;
    const next = this.next(agentId, true);
    if (!next) {
      if (this.definition.mode === 'predictive') this.pacer.request(); // D3: paced calls go to whoever is free when one answers
      return false;
    }
    if (this.isPreview) this.work.offer(agentId, next.entry, next.choice);
    else this.work.dialFor(agentId, next.entry, next.choice);
    return true;
  }

  dispatchAll(): void {
    for (const agentId of this.ctx.desk.readyFor(this.id)) this.ctx.requestDispatch(agentId);
  }

  /** A record scheduled for later, a zone opening or a callback window: look again then. */
  scheduleWake(at: Date): void {
    const t = at.getTime();
    if (this.wake && this.wake.at <= t) return;
    this.cancelWake();
    const handle = this.ctx.ports.timers.at(t, () => {
      this.wake = null;
      if (!this.dialing) return;
      this.buffer.wake();
      this.readDueCallbacks();
      this.dispatchAll();
    });
    this.wake = { at: t, handle };
  }

  private cancelWake(): void {
    if (this.wake) this.ctx.ports.timers.cancel(this.wake.handle);
    this.wake = null;
  }

  onAgentLeft(agentId: number): void {
    const entries = this.buffer.dropLane(agentId);
    for (const e of entries) this.forget(e);
    if (entries.length > 0) this.ctx.writes.push('release lane', (db) => releaseRecords(db, this.id, this.ctx.nodeId, entries.map((e) => e.recordId), this.now));
  }

  stats(): object {
    return { campaignId: this.id, dialing: this.dialing, halted: this.halted, batch: this.batch, active: this.active.size, calls: this.calls.count, works: this.work.count, lanes: this.buffer.stats(), offers: this.calls.offers.summary() };
  }
}
