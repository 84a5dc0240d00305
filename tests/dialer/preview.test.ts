import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.js';
import type { AgentCommandDeps } from '../../src/agents/agent-commands.js';
import { goNotReady, goReady } from '../../src/agents/change-readiness.js';
import { hangUpCall, wrapUpCall } from '../../src/agents/control-call.js';
import { getAgentState } from '../../src/agents/get-agent-state.js';
import { joinCampaign, leaveCampaign } from '../../src/agents/join-campaign.js';
import { acceptRecord, completeRecord, dialNumber, requeueRecord, rescheduleRecord, skipRecord, snoozeRecord } from '../../src/agents/work-record.js';
import type { AgentView } from '../../src/dialer/describe-agent.js';
import { availableEngines } from '../support/storage.js';
import { type Harness, startHarness, usNumber } from './harness.js';

/** P1–P6, D10, C1 in virtual time on both engines: the preview desktop's main flow. */
describe.each(await availableEngines())('preview dialing (%s)', (engine) => {
  let h: Harness;
  let deps: AgentCommandDeps;
  let n = 0;
  beforeAll(async () => {
    h = await startHarness(engine, { carrier: { outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 4 }, talk: { dist: 'fixed', mean: 90 } } });
    deps = { runtime: h.runtime, db: h.storage.db };
  });
  afterEach(() => expect(h.runtime.takeFailures()).toEqual([]));
  afterAll(() => h?.close());

  async function campaignWith(records: number, input: Record<string, unknown> = {}) {
    const queueId = await h.makeQueue('preview');
    const agent = await h.makeAgent(queueId, 'kowalski@example.pl');
    const list = await h.makeList('preview', Array.from({ length: records }, (_, i) => ({ name: `Contact ${i}`, phones: [usNumber(++n), usNumber(++n)], custom: { Rank: String(i) } })));
    const id = await h.makeCampaign({ mode: 'preview', queueId, listIds: [list.listId], sortOrder: [{ column: 'Rank', direction: 'asc', compareAs: 'number' }], screenPopFields: ['Rank'], ...input });
    await h.start(id);
    return { id, agent, list };
  }
  const stateOf = (a: Actor) => getAgentState(deps, a);
  const stored = (campaignId: number, recordId: number) =>
    h.storage.db.selectFrom('campaign_records').selectAll().where('campaign_id', '=', campaignId).where('record_id', '=', recordId).executeTakeFirstOrThrow();

  it('P1, P2, P5, D8, D10: join, ready, offer with the recommended number, accept, dial, talk, hang up, wrap up — every transition and the attempt stored', async () => {
    const { id, agent, list } = await campaignWith(3);
    const joined = await joinCampaign(deps, agent, id);
    expect(joined.state).toBe('not_ready');
    await goReady(deps, agent);
    await h.run(1000);
    let view: AgentView = await stateOf(agent);
    expect(view.state).toBe('reserved.offered');
    expect(view.work).toMatchObject({ campaignId: id, recordId: list.recordIds[0], name: 'Contact 0', screenPop: { Rank: '0' } });
    expect(view.work!.phones.map((p) => p.recommended)).toEqual([true, false]);

    view = await acceptRecord(deps, agent, list.recordIds[0]);
    expect(view.state).toBe('reserved.previewing');
    view = await dialNumber(deps, agent);
    expect(view.state).toBe('on_call.dialing');
    await h.run(5_000);
    view = await stateOf(agent);
    expect(view.state).toBe('on_call.active');
    await h.run(10_000);
    view = await hangUpCall(deps, agent);
    expect(view.state).toBe('wrap_up');
    view = await wrapUpCall(deps, agent, { code: 'sale', notes: 'Renewed for a year' });
    expect(view.state).toBe('ready');
    await h.run(1000);

    const attempts = await h.storage.db.selectFrom('dial_attempts').selectAll().where('campaign_id', '=', id).execute();
    expect(attempts).toHaveLength(1);
    const a = attempts[0]!;
    expect(a).toMatchObject({ record_id: list.recordIds[0], agent_id: agent.userId, number_dialed: usNumber(n - 5), origin: 'preview', system_result: 'connected', wrap_up_code: 'sale', wrap_up_outcome: 'final_success', notes: 'Renewed for a year', ended_by: 'agent' });
    for (const t of ['queued_at', 'dialed_at', 'ringing_at', 'answered_at', 'connected_at', 'ended_at', 'wrapped_up_at'] as const) expect(a[t]).toBeInstanceOf(Date);
    expect(await stored(id, list.recordIds[0]!)).toMatchObject({ status: 'done', reason: 'sale', attempts: 1 });

    const transitions = await h.storage.db.selectFrom('agent_state_changes').select(['from_state', 'to_state', 'event']).where('user_id', '=', agent.userId).orderBy('id').execute();
    expect(transitions.map((t) => `${t.from_state}>${t.to_state}`)).toEqual([
      'logged_out>not_ready',
      'not_ready>ready',
      'ready>reserved.offered',
      'reserved.offered>reserved.previewing',
      'reserved.previewing>on_call.dialing',
      'on_call.dialing>on_call.ringing',
      'on_call.ringing>on_call.active',
      'on_call.active>wrap_up',
      'wrap_up>ready',
      'ready>reserved.offered',
    ]);
    // The next record is offered at once.
    expect((await stateOf(agent)).work?.recordId).toBe(list.recordIds[1]);
  });

  it('P3, P2: complete without calling ("Bad record" by default); not ready during review means no further offer', async () => {
    const { id, agent, list } = await campaignWith(3);
    await joinCampaign(deps, agent, id);
    await goReady(deps, agent);
    await h.run(1000);
    await acceptRecord(deps, agent);
    let view = await completeRecord(deps, agent, {});
    expect(view.state).toBe('ready');
    const row = await h.storage.db.selectFrom('dial_attempts').selectAll().where('campaign_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ number_dialed: null, wrap_up_code: 'bad_record', record_id: list.recordIds[0] });
    expect(await stored(id, list.recordIds[0]!)).toMatchObject({ status: 'done', reason: 'bad_record', attempts: 0 });

    await h.run(1000);
    view = await stateOf(agent);
    expect(view.work?.recordId).toBe(list.recordIds[1]);
    await acceptRecord(deps, agent);
    view = await goNotReady(deps, agent, 'break');
    expect(view).toMatchObject({ state: 'reserved.previewing', notReadyAfter: 'break' });
    view = await skipRecord(deps, agent);
    expect(view).toMatchObject({ state: 'not_ready', reason: 'break', work: null });
    await h.run(60_000);
    expect((await stateOf(agent)).state).toBe('not_ready');
    expect(await stored(id, list.recordIds[1]!)).toMatchObject({ status: 'pending', skips: 1 });
  });

  it('P4: a skipped record comes back later; the skip limit is enforced with a clear 409', async () => {
    const { id, agent, list } = await campaignWith(1, { preview: { skipAllowed: true, maxSkipsPerRecord: 1 } });
    await joinCampaign(deps, agent, id);
    await goReady(deps, agent);
    await h.run(1000);
    await skipRecord(deps, agent);
    await h.run(60_000);
    expect((await stateOf(agent)).state).toBe('ready'); // nothing else to offer yet
    await h.run(5 * 60_000);
    const view = await stateOf(agent);
    expect(view.work).toMatchObject({ recordId: list.recordIds[0], skips: 1 });
    await expect(skipRecord(deps, agent)).rejects.toMatchObject({ code: 'invalid_state', message: expect.stringMatching(/skipped 1 times.*limit/) });
  });

  it('P6: requeue goes back to anyone, snooze to the agent for later; C1: reschedule creates a callback for the agent', async () => {
    const { id, agent, list } = await campaignWith(3);
    await joinCampaign(deps, agent, id);
    await goReady(deps, agent);
    await h.run(1000);
    await requeueRecord(deps, agent);
    expect(await stored(id, list.recordIds[0]!)).toMatchObject({ status: 'pending', owner_id: 0 });
    await h.run(1000);
    await acceptRecord(deps, agent);
    await snoozeRecord(deps, agent, 30);
    expect(await stored(id, list.recordIds[1]!)).toMatchObject({ status: 'pending', owner_id: agent.userId });
    await h.run(1000);
    const view = await stateOf(agent);
    expect(view.work?.recordId).toBe(list.recordIds[2]);
    await rescheduleRecord(deps, agent, { at: '2026-01-06T10:00', timeZone: 'Europe/Warsaw', assignee: 'me', notes: 'after the holidays' });
    const cb = await h.storage.db.selectFrom('callbacks').selectAll().where('record_id', '=', list.recordIds[2]!).executeTakeFirstOrThrow();
    expect(cb).toMatchObject({ assignee_id: agent.userId, time_zone: 'Europe/Warsaw', notes: 'after the holidays', status: 'pending' });
    expect(cb.window_start.toISOString()).toBe('2026-01-06T09:00:00.000Z');
    expect(await stored(id, list.recordIds[2]!)).toMatchObject({ status: 'callback' });
  });

  it('D10: leaving is refused while a record is in hand, allowed after', async () => {
    const { id, agent } = await campaignWith(1);
    await joinCampaign(deps, agent, id);
    await goReady(deps, agent);
    await h.run(1000);
    await expect(leaveCampaign(deps, agent, id)).rejects.toMatchObject({ code: 'invalid_state' });
    await goNotReady(deps, agent, 'end of shift');
    await completeRecord(deps, agent, { code: 'sale' });
    const view = await leaveCampaign(deps, agent, id);
    expect(view.state).toBe('logged_out');
  });
});
