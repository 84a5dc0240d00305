import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines } from '../support/storage.js';
import { usNumber } from '../dialer/harness.js';
import { type DashboardRig, startRig } from './support.js';

/**
 * R1 (issue 4 point 11, server side): supervisors watch the floor live. A progressive campaign
 * runs in virtual time behind the real HTTP app; a supervisor's WebSocket gets the snapshot, a
 * tick every (virtual) second with what changed, and agent state changes as they happen.
 * Grants decide what a supervisor sees (A1); agents are refused.
 */
describe.each(await availableEngines())('the live dashboard (%s)', (engine) => {
  let rig: DashboardRig;
  let campaignId: number;
  let agents: Array<{ userId: number; cookie: string }>;
  let granted: { userId: number; cookie: string };
  const post = (cookie: string, url: string, body?: object) => rig.app.inject({ method: 'POST', url, headers: { cookie }, ...(body ? { payload: body } : {}) });

  beforeAll(async () => {
    rig = await startRig(engine, { carrier: { outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 5 }, talk: { dist: 'fixed', mean: 60 } } });
    const queueId = await rig.h.makeQueue('floor');
    agents = [await rig.user('agent', { queueId }), await rig.user('agent', { queueId })];
    const list = await rig.h.makeList('floor', Array.from({ length: 4 }, (_, i) => ({ name: `Contact ${i}`, phones: [usNumber(100 + i)], custom: { Rank: String(i) } })));
    campaignId = await rig.h.makeCampaign({ mode: 'progressive', queueId, listIds: [list.listId], sortOrder: [{ column: 'Rank', direction: 'asc', compareAs: 'number' }] });
    await rig.h.start(campaignId);
    granted = await rig.user('supervisor', { grants: [campaignId] });
    for (const a of agents) expect((await post(a.cookie, `/api/agent/campaigns/${campaignId}/join`)).statusCode).toBe(200);
    await rig.h.run(100);
  });
  afterEach(() => expect(rig.h.runtime.takeFailures()).toEqual([]));
  afterAll(() => rig?.close());

  it('R1: a supervisor with a grant sees progress, calls and agent states change as the engine runs', async () => {
    const feed = await rig.connect(granted.cookie);
    expect(feed.status).toBe(101);
    const snapshot = await feed.until((m) => m.type === 'snapshot', 'snapshot');
    const mine = snapshot.campaigns.find((c: { id: number }) => c.id === campaignId);
    expect(mine).toMatchObject({
      status: 'running',
      mode: 'progressive',
      pacedHere: true,
      progress: { total: 4, remaining: 4, done: 0, setAside: 0, inProgress: 0, callbacksPending: 0, penetrationPercent: 0 },
      calls: { total: 0 },
      agentsByState: { not_ready: 2 },
      dialRatio: { agentsJoined: 2, agentsReady: 0, callsPerReadyAgent: null },
      abandonRate: { us: { liveAnswers: 0, ratePercent: null }, uk: { liveAnswers: 0 }, target: null, source: 'engine' },
      owners: null,
      pacing: null,
    });
    expect(mine.agents.map((a: { userId: number; state: string }) => [a.userId, a.state])).toEqual(agents.map((a) => [a.userId, 'not_ready']));

    // An agent goes ready and is dialed for at once: each change reaches the supervisor as it happens.
    const [first] = agents as [{ userId: number; cookie: string }];
    expect((await post(first.cookie, '/api/agent/ready')).statusCode).toBe(200);
    await rig.h.run(100);
    await feed.until((m) => m.type === 'agent' && m.agent.userId === first.userId && m.agent.state === 'on_call.dialing', 'agent dialing');
    const states = feed.messages.filter((m) => m.type === 'agent' && m.agent.userId === first.userId).map((m) => m.agent.state);
    expect(states).toEqual(['ready', 'on_call.dialing']);
    expect(feed.messages.find((m) => m.type === 'agent')).toMatchObject({ campaignIds: [campaignId], agent: { secondsInState: 0 } });

    // Ticks every virtual second carry what changed: the call, the agents, the record in progress.
    const ticks = () => feed.messages.filter((m) => m.type === 'tick').length;
    const ticksBefore = ticks();
    await rig.h.run(3_000);
    await feed.until(() => ticks() >= ticksBefore + 3, 'a tick per virtual second');
    const ringing = await feed.untilView(campaignId, (c) => c.calls.ringing === 1, 'a ringing call');
    expect(ringing).toMatchObject({
      progress: { total: 4, inProgress: expect.any(Number) },
      dialRatio: { callsInFlight: 1, agentsReady: 0, agentsJoined: 2, callsPerReadyAgent: null, callsPerAgent: 0.5 },
      agentsByState: { 'on_call.ringing': 1, not_ready: 1 },
    });
    expect(ringing.progress.inProgress).toBeGreaterThan(0);

    await rig.h.run(4_000); // answered after 5 s, AMD decides "human" 1.5 s later: the agent talks
    const talking = await feed.untilView(campaignId, (c) => c.calls.active === 1, 'the call active');
    expect(talking).toMatchObject({ agentsByState: { 'on_call.active': 1, not_ready: 1 }, dialRatio: { callsInFlight: 0 } });
    expect(talking.agents.find((a: any) => a.userId === first.userId)).toMatchObject({ state: 'on_call.active', secondsInState: expect.any(Number) });
    const talkStart = feed.messages.length;
    await rig.h.run(61_000); // the contact hangs up after 60 s of talk
    await feed.until((m) => m.type === 'agent' && m.agent.userId === first.userId && m.agent.state === 'wrap_up', 'agent in wrap-up');
    // While they talk nothing changes but the seconds in state, which are not news: the ticks go on, (almost) empty.
    await feed.until(() => feed.messages.slice(talkStart).filter((m) => m.type === 'tick').length >= 55, 'a minute of ticks');
    const talkTicks = feed.messages.slice(talkStart).filter((m) => m.type === 'tick');
    expect(talkTicks.filter((m) => m.changed.length > 0).length).toBeLessThanOrEqual(3);
    expect((await post(first.cookie, '/api/agent/wrap-up', { code: 'sale' })).statusCode).toBe(200);
    await rig.h.run(1_000);
    await rig.h.run(1_000);
    const done = await feed.untilView(campaignId, (c) => c.progress.done === 1, 'one record done');
    expect(done.progress).toMatchObject({ total: 4, done: 1, penetrationPercent: 25 });
    expect(done.abandonRate.us).toEqual({ abandoned: 0, liveAnswers: 1, ratePercent: 0 });
    expect(done.agents.find((a: any) => a.userId === first.userId).state).toMatch(/^(ready|on_call\.)/);
    feed.close();
  });

  it('R1, A1: a supervisor without a grant neither sees the campaign nor subscribes to it; a grant shows it at the next tick, revoking removes it', async () => {
    const other = await rig.user('supervisor');
    const rest = await rig.get(other.cookie, '/api/dashboard');
    expect(rest.status).toBe(200);
    expect(rest.json.campaigns.map((c: { id: number }) => c.id)).not.toContain(campaignId);
    expect(await rig.get(other.cookie, `/api/dashboard?campaignIds=${campaignId}`)).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } });
    expect((await rig.connect(other.cookie, `?campaignIds=${campaignId}`)).status).toBe(403);
    expect((await rig.connect(other.cookie, '?campaignIds=999999')).status).toBe(404);

    const feed = await rig.connect(other.cookie);
    expect(feed.status).toBe(101);
    const snapshot = await feed.until((m) => m.type === 'snapshot', 'snapshot');
    expect(snapshot.campaigns.map((c: { id: number }) => c.id)).not.toContain(campaignId);
    const [first] = agents as [{ userId: number; cookie: string }];
    await rig.h.run(2_000);
    expect(feed.messages.some((m) => m.type === 'agent' || (m.type === 'tick' && m.changed.some((c: any) => c.id === campaignId)))).toBe(false);

    await rig.h.storage.db.insertInto('campaign_grants').values({ campaign_id: campaignId, user_id: other.userId, granted_at: rig.h.time.now() }).execute();
    await rig.h.run(1_000);
    const shown = await feed.until((m) => m.type === 'tick' && m.changed.some((c: any) => c.id === campaignId), 'the granted campaign');
    expect(shown.changed.find((c: any) => c.id === campaignId)).toMatchObject({ name: expect.any(String), status: 'running', progress: { total: 4 }, agents: expect.any(Array) });
    expect(shown.changed.find((c: any) => c.id === campaignId).agents.map((a: any) => a.userId)).toContain(first.userId);

    await rig.h.storage.db.deleteFrom('campaign_grants').where('campaign_id', '=', campaignId).where('user_id', '=', other.userId).execute();
    await rig.h.run(1_000);
    await feed.until((m) => m.type === 'tick' && m.removed.includes(campaignId), 'the campaign removed');
    feed.close();
  });

  it('R1, A1: agents and strangers are refused; an admin sees every campaign', async () => {
    const [first] = agents as [{ userId: number; cookie: string }];
    expect(await rig.get(first.cookie, '/api/dashboard')).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } });
    expect((await rig.connect(first.cookie)).status).toBe(403);
    expect((await rig.connect(null)).status).toBe(401);
    expect((await rig.connect(granted.cookie, '?campaignIds=x')).status).toBe(400);
    const admin = await rig.user('admin');
    const all = await rig.get(admin.cookie, '/api/dashboard');
    expect(all.status).toBe(200);
    expect(all.json.campaigns.map((c: { id: number }) => c.id)).toContain(campaignId);
    expect((await rig.get(granted.cookie, `/api/dashboard?campaignIds=${campaignId}`)).json.campaigns.map((c: { id: number }) => c.id)).toEqual([campaignId]);
  });
});
