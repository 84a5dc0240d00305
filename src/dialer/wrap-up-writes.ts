import { addToDoNotCall } from '../dnc/add-to-do-not-call.js';
import type { WrapUpCode } from '../campaigns/wrap-up-codes.js';
import type { CampaignEngine } from './campaign-engine.js';
import type { AttemptRow } from './batch-writes.js';
import { createCallback } from './dialer-writes.js';
import type { AgentWork } from './engine-work.js';
import type { GuideAnswer, ParsedCallback } from './wrap-up-input.js';

/**
 * What a wrap-up or completion stores besides the record's fate (D8, D9, C1, L4): the code,
 * notes and call-guide answers on the attempt; a new callback; a number for the internal
 * do-not-call list. All through the engine's write queue, in decision order.
 */

/** The code (and notes, answers) go on the last call, or on a no-call attempt when the record was completed without one (P3). */
export function saveWrapUp(e: CampaignEngine, work: AgentWork, code: WrapUpCode | null, notes: string | null, answers: GuideAnswer[] | null): void {
  const wrapUp = { code: code?.code ?? null, outcome: code?.outcome ?? null, notes, answers, at: e.now };
  let row: AttemptRow;
  if (work.last) {
    work.last.attempt.wrapUp = wrapUp;
    row = { ...work.last.attempt, call: work.last.state };
  } else if (work.restoredAttempt) {
    // After a restart: the call's attempt is stored whole already; only its wrap-up is added.
    const id = work.restoredAttempt.id;
    e.ctx.writes.push(`wrap-up ${id}`, (db) =>
      db
        .updateTable('dial_attempts')
        .set({ wrap_up_code: wrapUp.code, wrap_up_outcome: wrapUp.outcome, notes, call_guide_answers: answers === null ? null : JSON.stringify(answers), wrapped_up_at: wrapUp.at })
        .where('id', '=', id)
        .execute(),
    );
    return;
  } else {
    const { entry } = work;
    row = { id: e.ctx.ports.ids.next('attempt'), campaignId: e.id, batch: entry.batch, recordId: entry.recordId, callbackId: entry.callback?.callbackId ?? null, number: null, agentId: work.agentId, origin: 'preview', nodeId: e.ctx.nodeId, call: null, queuedAt: e.now, wrapUp };
  }
  e.ctx.writes.add({ kind: 'attempt', row });
}

/** C1: the callback the agent asked for; the engine wakes for its window. */
export function createCallbackFor(e: CampaignEngine, work: AgentWork, cb: ParsedCallback): void {
  const now = e.now;
  const { entry, agentId } = work;
  e.ctx.writes.push(`callback for ${entry.recordId}`, (db) =>
    createCallback(db, { campaignId: e.id, recordId: entry.recordId, phone: cb.number, windowStart: cb.windowStart, windowEnd: cb.windowEnd, timeZone: cb.timeZone, assigneeId: cb.assignee === 'me' ? agentId : null, notes: cb.notes, createdBy: agentId, now, batch: entry.batch }),
  );
  e.scheduleWake(cb.windowStart);
}

/** L4: a do_not_call wrap-up puts the number dialed (or the record's first) on the internal list, which every campaign checks. */
export function addNumberToDoNotCall(e: CampaignEngine, work: AgentWork, code: WrapUpCode): void {
  const number = work.last?.number ?? work.restoredAttempt?.number ?? work.entry.phones[0]?.number;
  if (!number) return;
  const { db, dnc, ports } = e.ctx;
  const reason = `wrap-up "${code.code}" by agent ${work.agentId} (campaign ${e.id}, record ${work.entry.recordId})`;
  e.ctx.writes.push(`do-not-call ${work.entry.recordId}`, async () => {
    await addToDoNotCall({ db, dnc, clock: ports.clock }, { number, reason }, { userId: work.agentId });
    await e.refreshInternalDnc();
  });
}
