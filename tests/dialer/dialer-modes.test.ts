import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.js';
import type { AgentCommandDeps } from '../../src/agents/agent-commands.js';
import { goNotReady, goReady } from '../../src/agents/change-readiness.js';
import { holdCall, hangUpCall, markCall, resumeCall, wrapUpCall } from '../../src/agents/control-call.js';
import { getAgentState } from '../../src/agents/get-agent-state.js';
import { joinCampaign } from '../../src/agents/join-campaign.js';
import { availableEngines } from '../support/storage.js';
import { type Harness, startHarness, usNumber } from './harness.js';

/**
 * D1 progressive, D2 power, D5 AMD, D6 abandon, D7 hold, L6 retries — in virtual time on both
 * engines. The simulated carrier is scripted per number: 1xx answer live, 2xx are machines,
 * 3xx busy, 4xx bad numbers, 5xx never answer.
 */
const live = (i: number) => usNumber(100 + i);
const machine = (i: number) => usNumber(200 + i);
const busy = (i: number) => usNumber(300 + i);
const bad = (i: number) => usNumber(400 + i);
const silent = (i: number) => usNumber(500 + i);

const script: Record<string, { outcome: 'live' | 'machine' | 'busy' | 'badNumber' | 'noAnswer'; answerAfterSeconds?: number; talkSeconds?: number; delaySeconds?: number }> = {};
for (let i = 0; i < 50; i++) {
  script[live(i)] = { outcome: 'live', answerAfterSeconds: 3 + (i % 5), talkSeconds: 30 };
  script[machine(i)] = { outcome: 'machine', answerAfterSeconds: 3 };
  script[busy(i)] = { outcome: 'busy', delaySeconds: 2 };
  script[bad(i)] = { outcome: 'badNumber', delaySeconds: 1 };
  script[silent(i)] = { outcome: 'noAnswer' };
}

describe.each(await availableEngines())('progressive and power dialing (%s)', (engine) => {
  let h: Harness;
  let deps: AgentCommandDeps;
  beforeAll(async () => {
    // AMD says "human" 1.5 s after the answer, 1.2 s after the person's greeting ended (D6 counts from there).
    const amd = { humanDecisionSeconds: 1.5, humanAfterGreetingSeconds: 1.2 };
    h = await startHarness(engine, { carrier: { outcomes: { noAnswer: 1 }, answerDelay: { dist: 'fixed', mean: 5 }, talk: { dist: 'fixed', mean: 30 }, amd, script } });
    deps = { runtime: h.runtime, db: h.storage.db };
  });
  afterEach(() => expect(h.runtime.takeFailures()).toEqual([]));
  afterAll(() => h?.close());

  async function setUp(mode: 'progressive' | 'power', phones: string[][], agents = 1, input: Record<string, unknown> = {}) {
    const queueId = await h.makeQueue(mode);
    const people: Actor[] = [];
    for (let i = 0; i < agents; i++) people.push(await h.makeAgent(queueId, `agent${i}@example.test`));
    const list = await h.makeList(mode, phones.map((p, i) => ({ name: `Contact ${i}`, phones: p, custom: { Rank: String(i) } })));
    const id = await h.makeCampaign({ mode, queueId, listIds: [list.listId], sortOrder: [{ column: 'Rank', direction: 'asc', compareAs: 'number' }], ...input });
    await h.start(id);
    for (const a of people) await joinCampaign(deps, a, id);
    return { id, people, list };
  }
  const attempts = (campaignId: number) => h.storage.db.selectFrom('dial_attempts').selectAll().where('campaign_id', '=', campaignId).orderBy('queued_at').orderBy('id').execute();
  const record = (campaignId: number, recordId: number) =>
    h.storage.db.selectFrom('campaign_records').selectAll().where('campaign_id', '=', campaignId).where('record_id', '=', recordId).executeTakeFirstOrThrow();

  it('D1: a ready agent gets the next contact dialed for them; the live answer connects at once; wrap-up frees them for the next', async () => {
    const { id, people, list } = await setUp('progressive', [[live(0)], [live(1)]]);
    const [nowak] = people as [Actor];
    await goReady(deps, nowak);
    await h.run(100);
    expect((await getAgentState(deps, nowak)).state).toBe('on_call.dialing');
    await h.run(3_000 + 1_500); // answered, then AMD decides "human" after 1.5 s (D5)
    const view = await getAgentState(deps, nowak);
    expect(view.state).toBe('on_call.active');
    expect(view.work).toMatchObject({ recordId: list.recordIds[0], mode: 'progressive', call: { number: live(0), status: 'active' } });
    await h.run(31_000); // the contact hangs up after 30 s of talk
    expect((await getAgentState(deps, nowak)).state).toBe('wrap_up');
    await wrapUpCall(deps, nowak, { code: 'sale' });
    await h.run(100);
    expect((await getAgentState(deps, nowak)).work?.recordId).toBe(list.recordIds[1]);
    const [first] = await attempts(id);
    expect(first).toMatchObject({ origin: 'dialer', agent_id: nowak.userId, system_result: 'connected', ended_by: 'contact', wrap_up_code: 'sale' });
    expect(first!.connected_at!.getTime() - first!.answered_at!.getTime()).toBe(1_500); // the AMD decision, then at once
    // D6's record: her greeting ended 1.2 s before the decision; the agent had her 1.2 s after it.
    expect(first!.greeting_ended_at!.getTime() - first!.answered_at!.getTime()).toBe(300);
  });

  it('D5, L6: a machine is hung up and retried after the rule\'s delay; busy and bad numbers follow their rules; the agent is freed each time', async () => {
    const { id, people, list } = await setUp('progressive', [[machine(0)], [busy(0)], [bad(0), live(2)]]);
    const [agent] = people as [Actor];
    await goReady(deps, agent);
    await h.run(3_000 + 1_500 + 3_000 + 2_000 + 1_000 + 500); // machine decided, busy, bad number
    const rows = await attempts(id);
    expect(rows.map((r) => [r.number_dialed, r.system_result])).toEqual([
      [machine(0), 'machine'],
      [busy(0), 'busy'],
      [bad(0), 'bad_number'],
      [live(2), null],
    ]);
    expect(rows[0]).toMatchObject({ amd_decision: 'machine', ended_by: 'system' });
    const now = h.time.nowMs();
    const m = await record(id, list.recordIds[0]!);
    expect(m).toMatchObject({ status: 'pending', result_counts: { machine: 1 }, last_result: 'machine', attempts: 1 });
    expect(m.next_attempt_at!.getTime()).toBeGreaterThan(now + 115 * 60_000);
    const b = await record(id, list.recordIds[1]!);
    expect(b.next_attempt_at!.getTime() - rows[1]!.ended_at!.getTime()).toBe(10 * 60_000);
    expect((await record(id, list.recordIds[2]!)).dead_numbers).toEqual([bad(0)]);
    expect((await getAgentState(deps, agent)).work?.call?.number).toBe(live(2)); // the record's other number, at once
  });

  it('D7: a held call cannot be hung up; resumed, it can; D5: the agent marks a fax and moves on', async () => {
    const { id, people } = await setUp('progressive', [[live(3)], [live(4)]]);
    const [agent] = people as [Actor];
    await goReady(deps, agent);
    await h.run(8_000);
    expect((await holdCall(deps, agent)).state).toBe('on_call.held');
    await expect(hangUpCall(deps, agent)).rejects.toMatchObject({ code: 'invalid_state', message: expect.stringMatching(/held call cannot be ended; resume it first \(D7\)/) });
    await h.run(2_000);
    expect((await resumeCall(deps, agent)).state).toBe('on_call.active');
    expect((await hangUpCall(deps, agent)).state).toBe('wrap_up');
    await wrapUpCall(deps, agent, { code: 'no_answer' });
    await h.run(9_000);
    expect((await getAgentState(deps, agent)).state).toBe('on_call.active');
    expect((await markCall(deps, agent, 'fax')).state).toBe('ready');
    await h.run(500);
    const rows = await attempts(id);
    expect(rows[0]).toMatchObject({ system_result: 'connected', wrap_up_code: 'no_answer', hold_ms: 2_000 });
    expect(rows[1]).toMatchObject({ system_result: 'fax', wrap_up_code: 'fax', ended_by: 'agent' });
  });

  it('D2: three lines for one agent; the extra live answer goes to another free agent of the queue', async () => {
    const { id, people, list } = await setUp('power', [[live(10)], [live(11)], [silent(0)], [silent(1)], [silent(2)], [silent(3)]], 2, { linesPerAgent: 3, abandonMessage: 'Sorry we missed you.' });
    const [brown, green] = people as [Actor, Actor];
    await goReady(deps, brown);
    await h.run(10);
    await goReady(deps, green);
    await h.run(10);
    const view = await getAgentState(deps, brown);
    expect(view.state).toBe('ready');
    expect(view.lines.map((l) => l.number)).toEqual([live(10), live(11), silent(0)]);
    expect((await getAgentState(deps, green)).lines).toHaveLength(3);
    await h.run(6_000);
    const b = await getAgentState(deps, brown);
    const g = await getAgentState(deps, green);
    expect(b).toMatchObject({ state: 'on_call.active', work: { recordId: list.recordIds[0] } });
    expect(g).toMatchObject({ state: 'on_call.active', work: { recordId: list.recordIds[1] } });
    const rows = await attempts(id);
    expect(rows.find((r) => r.number_dialed === live(11))).toMatchObject({ agent_id: green.userId });
  });

  it('D6: a live answer no agent takes within 2 s of the completed greeting gets the abandon message, is hung up and counts as abandoned', async () => {
    const { id, people, list } = await setUp('power', [[live(20)], [live(21)], [silent(5)]], 1, { linesPerAgent: 3, abandonMessage: 'Sorry we missed you.' });
    const [brown] = people as [Actor];
    await goReady(deps, brown);
    await h.run(30_000);
    const rows = await attempts(id);
    const abandoned = rows.find((r) => r.number_dialed === live(21))!;
    expect(abandoned).toMatchObject({ system_result: 'abandoned', ended_by: 'system', agent_id: brown.userId, connected_at: null });
    // AMD decides "human" 1.5 s after the answer, her "Hello?" having ended 1.2 s before: the law's
    // 2 s run from the greeting, so 0.8 s of waiting for an agent, then the 8-second message, then the hang-up.
    expect(abandoned.amd_decision).toBe('human');
    expect(abandoned.ended_at!.getTime() - abandoned.answered_at!.getTime()).toBe(1_500 + 800 + 8_000);
    expect(await record(id, list.recordIds[1]!)).toMatchObject({ status: 'pending', last_result: 'abandoned' });
    expect(rows.find((r) => r.number_dialed === live(20))).toMatchObject({ system_result: null, agent_id: brown.userId });
    await goNotReady(deps, brown, 'lunch');
  });

  it('D6, T2: when an agent’s phone does not take the call, she is set not ready and the person goes to another free agent', async () => {
    const { id, people } = await setUp('power', [[live(30)]], 2, { linesPerAgent: 1, abandonMessage: 'Sorry we missed you.' });
    const [white, black] = people as [Actor, Actor];
    h.carrier.config.unreachableAgents.push(white.userId); // her phone is off
    await goReady(deps, white);
    await h.run(3_000 + 1_500 + 10); // her line's call is answered; AMD: a person
    await goReady(deps, black);
    await h.run(100);
    expect(await getAgentState(deps, white)).toMatchObject({ state: 'not_ready', reason: 'phone_line' });
    expect(await getAgentState(deps, black)).toMatchObject({ state: 'on_call.active', work: { call: { number: live(30) } } });
    await h.run(31_000);
    const [row] = await attempts(id);
    expect(row).toMatchObject({ system_result: 'connected', agent_id: black.userId });
    await wrapUpCall(deps, black, { code: 'sale' });
    await goNotReady(deps, black, 'lunch');
  });

  it('D6, T2: when an agent’s phone does not take the call and nobody else is free, the person gets the abandon message within 2 s of her greeting and it counts as abandoned', async () => {
    const { id, people, list } = await setUp('power', [[live(31)], [silent(6)]], 1, { linesPerAgent: 1, abandonMessage: 'Sorry we missed you.' });
    const [grey] = people as [Actor];
    h.carrier.config.unreachableAgents.push(grey.userId);
    await goReady(deps, grey);
    await h.run(30_000);
    expect(await getAgentState(deps, grey)).toMatchObject({ state: 'not_ready', reason: 'phone_line' }); // no further calls fail on her line
    const rows = await attempts(id);
    expect(rows).toHaveLength(1);
    const [abandoned] = rows;
    expect(abandoned).toMatchObject({ system_result: 'abandoned', ended_by: 'system', connected_at: null, amd_decision: 'human' });
    // "Human" 1.5 s after the answer, 1.2 s after her greeting; the failed bridge; the rest of the 2 s; the 8-second message.
    expect(abandoned!.ended_at!.getTime() - abandoned!.answered_at!.getTime()).toBe(1_500 + 800 + 8_000);
    expect(abandoned!.greeting_ended_at!.getTime() - abandoned!.answered_at!.getTime()).toBe(300); // the message began 2 s after it
    expect(await record(id, list.recordIds[0]!)).toMatchObject({ status: 'pending', last_result: 'abandoned' });
  });
});
