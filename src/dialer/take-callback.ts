import { transitionAgent } from '../agents/agent-state.js';
import { AppError } from '../shared/errors.js';
import type { CampaignEngine } from './campaign-engine.js';
import { claimCallbackRecord } from './claim-records.js';
import { CALLBACK_LANE, type WorkEntry } from './record-buffer.js';
import { loadHistory } from './refill-lanes.js';
import { loadCallback } from './restore-work.js';

/**
 * C5: the agent calls one of her callbacks from "My callbacks today" now, before or after its
 * window opens, instead of waiting for it to be delivered (C7). The record comes to her
 * desktop as a previewed record carrying the callback (its number, notes, zone), exactly as a
 * delivered callback does; dialing it goes through the same dial-time check as every other
 * dial (L4–L6), so an early call outside the contact's hours is still refused. Taken from
 * ready or not ready; from not ready she goes back to not ready (same reason) when it is done.
 */
export async function takeCallback(e: CampaignEngine, agentId: number, callbackId: number): Promise<void> {
  const { desk, db, nodeId } = e.ctx;
  const check = () => transitionAgent(desk.state(agentId), { type: 'take', campaignId: e.id, recordId: 0 }, e.now); // the state machine's refusal first
  check();
  let entry: WorkEntry | undefined;
  if (e.callbacksInHand.has(callbackId)) {
    // Due already and waiting in the callback lane: take it out of there; offered or dialed: someone has it.
    entry = e.buffer.take(CALLBACK_LANE, (x) => x.callback?.callbackId === callbackId);
    if (!entry) throw new AppError('invalid_state', 'This callback is being worked already (offered or dialed); it leaves your list once it is done.', { callbackId });
  } else {
    const cb = await loadCallback(db, callbackId);
    if (!cb) throw new AppError('invalid_state', 'This callback is no longer open; reload the list.', { callbackId });
    if (e.active.has(cb.recordId)) throw new AppError('invalid_state', 'The record of this callback is being worked already; try again when it is done.', { callbackId, recordId: cb.recordId });
    const claimed = await claimCallbackRecord(db, { campaignId: e.id, recordId: cb.recordId, nodeId, now: e.now });
    if (!claimed) throw new AppError('invalid_state', 'The record of this callback is being worked already; try again when it is done.', { callbackId, recordId: cb.recordId });
    entry = { ...claimed, pendingCallbackId: cb.callbackId, campaignId: e.id, callback: cb };
    e.callbacksInHand.add(callbackId);
    await loadHistory(e, [entry]);
  }
  e.active.add(entry.recordId);
  try {
    check(); // her state may have changed while the record was read
    e.work.take(agentId, entry);
  } catch (err) {
    e.settle(entry, { status: 'callback' }, { callback: { status: 'pending' } }); // untouched: the callback stays as it was
    throw err;
  }
}
