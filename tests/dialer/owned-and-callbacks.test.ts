import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentCommandDeps } from '../../src/agents/agent-commands.js';
import { goNotReady, goReady } from '../../src/agents/change-readiness.js';
import { getAgentState } from '../../src/agents/get-agent-state.js';
import { joinCampaign } from '../../src/agents/join-campaign.js';
import { hangUpCall, wrapUpCall } from '../../src/agents/control-call.js';
import { takeCallback } from '../../src/agents/take-callback.js';
import { acceptRecord, completeRecord, dialNumber, rescheduleRecord } from '../../src/agents/work-record.js';
import type { DialerEvent } from '../../src/dialer/event-hub.js';
import { availableEngines } from '../support/storage.js';
import { type Harness, startHarness, usNumber } from './harness.js';

/** O1, O3, O5, O12, C1, C7, P5 (review timeout), D8 (wrap-up timeout) in virtual time on both engines. */
describe.each(await availableEngines())('agent-owned records, callbacks and timeouts (%s)', (engine) => {
  let h: Harness;
  let deps: AgentCommandDeps;
  let n = 0;
  beforeAll(async () => {
    h = await startHarness(engine, { carrier: { outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 3 }, talk: { dist: 'fixed', mean: 20 } } });
    deps = { runtime: h.runtime, db: h.storage.db };
  });
  afterEach(() => expect(h.runtime.takeFailures()).toEqual([]));
  afterAll(() => h?.close());

  /** A preview campaign of `records` records; the agent takes the first, goes not ready ("lunch") and reschedules it as her own callback. */
  async function rescheduleFirstAsMine(name: string, records: number, callback: { at: Date; notes: string; number?: string }) {
    const queueId = await h.makeQueue(name);
    const agent = await h.makeAgent(queueId, `${name}@example.jp`);
    const list = await h.makeList(name, Array.from({ length: records }, () => ({ phones: [usNumber(++n)] })));
    const id = await h.makeCampaign({ mode: 'preview', queueId, listIds: [list.listId] });
    await h.start(id);
    await joinCampaign(deps, agent, id);
    await goReady(deps, agent);
    await h.run(1_000);
    const first = (await getAgentState(deps, agent)).work!.recordId;
    await acceptRecord(deps, agent);
    await goNotReady(deps, agent, 'lunch');
    await rescheduleRecord(deps, agent, { at: callback.at.toISOString(), assignee: 'me', notes: callback.notes, ...(callback.number ? { number: callback.number } : {}) });
    return { queueId, agent, first };
  }

  it('O1, O5, O3: each agent receives only their own records, owned before un-owned, in the sort order; unknown owners are never offered', async () => {
    const queueId = await h.makeQueue('owned');
    const suzuki = await h.makeAgent(queueId, 'suzuki@example.jp');
    const tanaka = await h.makeAgent(queueId, 'tanaka@example.jp');
    const specs = [
      { owner: '', rank: 1 },
      { owner: suzuki.email, rank: 5 },
      { owner: tanaka.email, rank: 2 },
      { owner: suzuki.email, rank: 9 },
      { owner: 'nobody@example.jp', rank: 10 },
    ];
    const list = await h.makeList('owned', specs.map((s) => ({ phones: [usNumber(++n)], owner: s.owner, custom: { Balance: String(s.rank) } })));
    const id = await h.makeCampaign({ mode: 'agent_owned_preview', queueId, ownerColumn: 'owner', listIds: [list.listId], sortOrder: [{ column: 'Balance', direction: 'desc', compareAs: 'number' }] });
    await h.start(id);
    const offered = new Map<number, number[]>();
    for (const a of [suzuki, tanaka]) {
      offered.set(a.userId, []);
      h.runtime.events.subscribe(a.userId, (ev: DialerEvent) => {
        if (ev.type === 'offer') {
          offered.get(a.userId)!.push(ev.recordId);
          h.time.after(1_000, () => void completeRecord(deps, a, { code: 'sale' }));
        }
      });
      await joinCampaign(deps, a, id);
    }
    await goReady(deps, suzuki);
    await h.run(10_000);
    await goReady(deps, tanaka);
    await h.run(10_000);
    const r = list.recordIds;
    expect(offered.get(suzuki.userId)).toEqual([r[3], r[1], r[0]]); // own records by balance, then the un-owned one
    expect(offered.get(tanaka.userId)).toEqual([r[2]]);
    const unknown = await h.storage.db.selectFrom('campaign_records').select(['status', 'reason']).where('campaign_id', '=', id).where('record_id', '=', r[4]!).executeTakeFirstOrThrow();
    expect(unknown).toEqual({ status: 'set_aside', reason: 'unknown_owner' });
  });

  it('C1, C7, O12: a rescheduled callback is delivered to its assignee at its time, with the callback message, and dialed on its own number', async () => {
    const queueId = await h.makeQueue('callbacks');
    const mori = await h.makeAgent(queueId, 'mori@example.jp');
    const list = await h.makeList('callbacks', [{ phones: [usNumber(++n)] }, { phones: [usNumber(++n)] }]);
    const id = await h.makeCampaign({ mode: 'preview', queueId, listIds: [list.listId] });
    await h.start(id);
    const events: DialerEvent[] = [];
    h.runtime.events.subscribe(mori.userId, (ev) => events.push(ev));
    await joinCampaign(deps, mori, id);
    await goReady(deps, mori);
    await h.run(1_000);
    await acceptRecord(deps, mori);
    const other = '+13125550100';
    await rescheduleRecord(deps, mori, { at: '2026-01-05T08:30', timeZone: 'America/Chicago', number: other, assignee: 'me', notes: 'call after lunch' });
    await h.run(1_000);
    await completeRecord(deps, mori, { code: 'sale' }); // the second record
    await h.run(60_000);
    expect((await getAgentState(deps, mori)).state).toBe('ready'); // the callback is not due yet (14:30 UTC)
    await h.run(30 * 60_000);
    const view = await getAgentState(deps, mori);
    expect(view).toMatchObject({ state: 'reserved.offered', work: { recordId: list.recordIds[0], callback: { phone: other, timeZone: 'America/Chicago', notes: 'call after lunch' } } });
    expect(view.work!.phones).toEqual([expect.objectContaining({ number: other, recommended: true })]);
    expect(events.filter((e) => e.type === 'message')).toEqual([expect.objectContaining({ kind: 'callback', displaySeconds: 5, text: expect.stringContaining(other) })]);
    expect(view.messages).toHaveLength(1);
    const cb = await h.storage.db.selectFrom('callbacks').select(['status', 'window_start']).where('record_id', '=', list.recordIds[0]!).executeTakeFirstOrThrow();
    expect(cb.window_start.toISOString()).toBe('2026-01-05T14:30:00.000Z');
    await acceptRecord(deps, mori);
    await completeRecord(deps, mori, { code: 'sale' });
    const done = await h.storage.db.selectFrom('callbacks').select('status').where('record_id', '=', list.recordIds[0]!).executeTakeFirstOrThrow();
    expect(done.status).toBe('done');
  });

  it('C7: a callback that falls due while its agent is not ready is her very first offer when she goes ready', async () => {
    const { agent: ito, first } = await rescheduleFirstAsMine('due-while-away', 4, { at: new Date(h.time.nowMs() + 10 * 60_000), notes: 'after lunch' });
    await h.run(30 * 60_000); // due 20 minutes ago; she is still at lunch
    expect((await getAgentState(deps, ito)).state).toBe('not_ready');
    await goReady(deps, ito);
    await h.run(1_000);
    const view = await getAgentState(deps, ito);
    expect(view).toMatchObject({ state: 'reserved.offered', work: { recordId: first, callback: { notes: 'after lunch' } } });
  });

  it('C5: she calls a callback of hers now, before its time, from not ready: its record comes to preview with the callback, she dials its number and is back not ready after', async () => {
    const callbackNumber = usNumber(++n);
    const { queueId, agent: mori, first } = await rescheduleFirstAsMine('take-now', 3, { at: new Date(h.time.nowMs() + 3 * 3600_000), notes: 'wants the new plan', number: callbackNumber });
    const other = await h.makeAgent(queueId, 'other@example.jp');
    await h.run(1_000);
    const cb = await h.storage.db.selectFrom('callbacks').select('id').where('record_id', '=', first).where('status', '=', 'pending').executeTakeFirstOrThrow();

    // Not hers: as if it did not exist.
    await expect(takeCallback(deps, other, Number(cb.id))).rejects.toMatchObject({ code: 'not_found' });
    const taken = await takeCallback(deps, mori, Number(cb.id));
    expect(taken).toMatchObject({ state: 'reserved.previewing', notReadyAfter: 'lunch', work: { recordId: first, callback: { phone: callbackNumber, notes: 'wants the new plan' } } });
    await expect(takeCallback(deps, mori, Number(cb.id))).rejects.toMatchObject({ code: 'invalid_state' });

    await dialNumber(deps, mori);
    await h.run(10_000);
    const attempt = await h.storage.db.selectFrom('dial_attempts').select(['number_dialed', 'callback_id']).where('record_id', '=', first).orderBy('queued_at', 'desc').executeTakeFirstOrThrow();
    expect(attempt).toEqual({ number_dialed: callbackNumber, callback_id: cb.id });
    await hangUpCall(deps, mori);
    await wrapUpCall(deps, mori, { code: 'sale' });
    await h.run(1_000);
    expect(await getAgentState(deps, mori)).toMatchObject({ state: 'not_ready', reason: 'lunch' });
    const done = await h.storage.db.selectFrom('callbacks').select('status').where('id', '=', cb.id).executeTakeFirstOrThrow();
    expect(done.status).toBe('done');
  });

  it('P5: after the review timeout the recommended number is dialed; D8: the wrap-up timeout frees the agent', async () => {
    const queueId = await h.makeQueue('timeouts');
    const agent = await h.makeAgent(queueId, 'agent@example.test');
    const list = await h.makeList('timeouts', [{ phones: [usNumber(++n)] }, { phones: [usNumber(++n)] }]);
    const id = await h.makeCampaign({ mode: 'preview', queueId, listIds: [list.listId], preview: { autoAccept: true, reviewTimeoutSeconds: 10, skipAllowed: true }, wrapUpTimeoutSeconds: 15 });
    await h.start(id);
    await joinCampaign(deps, agent, id);
    await goReady(deps, agent);
    await h.run(1_000);
    const view = await getAgentState(deps, agent);
    expect(view.state).toBe('reserved.previewing');
    expect(new Date(view.work!.reviewDeadline!).getTime() - h.time.nowMs()).toBe(9_000); // offered and auto-accepted 1 s ago
    await h.run(9_500);
    expect((await getAgentState(deps, agent)).state).toBe('on_call.dialing');
    await h.run(25_000); // answered after 3 s, the contact hangs up after 20 s of talk
    expect((await getAgentState(deps, agent)).state).toBe('wrap_up');
    await h.run(15_000);
    expect((await getAgentState(deps, agent)).work).toMatchObject({ recordId: list.recordIds[1] }); // wrap-up timed out: the next record (auto-accepted)
    const row = await h.storage.db.selectFrom('campaign_records').select(['status', 'reason']).where('campaign_id', '=', id).where('record_id', '=', list.recordIds[0]!).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'done', reason: 'wrap_up_timeout' });
  });
});
