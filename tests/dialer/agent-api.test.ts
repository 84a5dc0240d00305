import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashPassword } from '../../src/access/passwords.js';
import { buildApp } from '../../src/app.js';
import { defaultLimits, loadConfig } from '../../src/config.js';
import type { App } from '../../src/http/types.js';
import { availableEngines } from '../support/storage.js';
import { type Harness, startHarness, usNumber } from './harness.js';

/**
 * Issue 4 point 11 through HTTP on both engines: the agent commands (D10, P1–P5, D7, D8), 409
 * with the state machine's message, idempotency, the WebSocket event channel, and the J6
 * dial-status route with its access rules (A1).
 */
const PASSWORD = 'correct horse battery';

describe.each(await availableEngines())('agent REST commands and events (%s)', (engine) => {
  let h: Harness;
  let app: App;
  let campaignId: number;
  let recordIds: number[];
  let agent: { userId: number; cookie: string };
  let outsider: { userId: number; cookie: string };
  let supervisor: { userId: number; cookie: string };

  const call = async (cookie: string | null, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method, url, headers: { ...(cookie ? { cookie } : {}), ...headers }, ...(body !== undefined ? { payload: body as object } : {}) });
    return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : undefined };
  };

  async function user(role: 'agent' | 'supervisor', queueId: number | null) {
    const email = `${role}${Math.random().toString(36).slice(2)}@example.test`;
    const now = h.time.now();
    const row = await h.storage.db.insertInto('users').values({ email, user_code: email.split('@')[0]!, display_name: role, role, password_hash: await hashPassword(PASSWORD), created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    if (queueId !== null) await h.storage.db.insertInto('queue_members').values({ queue_id: queueId, user_id: row.id, added_at: now }).execute();
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { login: email, password: PASSWORD } });
    return { userId: row.id, cookie: String(res.headers['set-cookie']).split(';')[0]! };
  }

  beforeAll(async () => {
    h = await startHarness(engine, { carrier: { outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 3 }, talk: { dist: 'fixed', mean: 120 } } });
    app = await buildApp({ storage: h.storage, clock: h.time, config: { ...loadConfig({}), limits: { ...defaultLimits } }, dnc: h.dnc, dialer: h.runtime });
    await app.ready();
    const queueId = await h.makeQueue('api');
    agent = await user('agent', queueId);
    outsider = await user('agent', null);
    supervisor = await user('supervisor', null);
    const list = await h.makeList('api', Array.from({ length: 5 }, (_, i) => ({ name: `Contact ${i}`, phones: [usNumber(800 + 2 * i), usNumber(801 + 2 * i)], custom: { Rank: String(i) } })));
    recordIds = list.recordIds;
    campaignId = await h.makeCampaign({ mode: 'preview', queueId, listIds: [list.listId], sortOrder: [{ column: 'Rank', direction: 'asc', compareAs: 'number' }] });
    await h.storage.db.updateTable('contact_records').set({ owner_ref: await h.storage.db.selectFrom('users').select('email').where('id', '=', agent.userId).executeTakeFirstOrThrow().then((u) => u.email) }).where('id', '=', recordIds[0]!).execute();
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('A1, D10: commands need a session; joining needs queue membership and a running campaign', async () => {
    expect((await call(null, 'GET', '/api/agent/state')).status).toBe(401);
    const draft = await call(agent.cookie, 'POST', `/api/agent/campaigns/${campaignId}/join`);
    expect(draft).toMatchObject({ status: 409, json: { error: { code: 'invalid_state', message: expect.stringMatching(/draft.*supervisor starts it/) } } });
    await h.start(campaignId);
    const stranger = await call(outsider.cookie, 'POST', `/api/agent/campaigns/${campaignId}/join`);
    expect(stranger).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } });
    const joined = await call(agent.cookie, 'POST', `/api/agent/campaigns/${campaignId}/join`);
    expect(joined).toMatchObject({ status: 200, json: { state: 'not_ready', reason: 'logged_in', campaigns: [{ id: campaignId, mode: 'preview' }] } });
    expect((await call(agent.cookie, 'POST', `/api/agent/campaigns/${campaignId}/join`)).status).toBe(409);
  });

  it('point 11: the WebSocket channel sends my state, then offers and state changes as they happen', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${address.port}/api/agent/events`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);
    const ws = new WebSocket(`ws://127.0.0.1:${address.port}/api/agent/events`, { headers: { cookie: agent.cookie } });
    const events: Array<{ type: string; state?: { state: string }; recordId?: number }> = [];
    ws.on('message', (data) => events.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
    };
    await until(() => events.length > 0);
    expect(events[0]).toMatchObject({ type: 'agent.state', state: { state: 'not_ready' } });
    expect((await call(agent.cookie, 'POST', '/api/agent/ready')).json.state).toBe('ready');
    await h.run(1_000);
    await until(() => events.some((e) => e.type === 'offer'));
    expect(events.map((e) => (e.type === 'agent.state' ? e.state!.state : e.type))).toEqual(['not_ready', 'ready', 'reserved.offered', 'offer']);
    expect(events.find((e) => e.type === 'offer')).toMatchObject({ recordId: recordIds[0], campaignId });
    ws.close();
  });

  it('P1, P5, D7, D8: accept, dial, hold — 409 with the state machine\'s message for what the state does not allow; 400 for bad input', async () => {
    const twiceFirst = await call(agent.cookie, 'POST', '/api/agent/accept', { recordId: recordIds[0] });
    expect(twiceFirst).toMatchObject({ status: 200, json: { state: 'reserved.previewing', work: { recordId: recordIds[0], name: 'Contact 0' } } });
    expect(twiceFirst.json.work.phones.map((p: { recommended: boolean }) => p.recommended)).toEqual([true, false]);
    const again = await call(agent.cookie, 'POST', '/api/agent/accept');
    expect(again).toMatchObject({ status: 409, json: { error: { code: 'invalid_state', message: '"accept" is not possible while the agent is previewing a record. Only an offered record can be accepted.' } } });
    expect((await call(agent.cookie, 'POST', '/api/agent/accept', { recordId: recordIds[1] })).json.error.message).toMatch(/You hold record/);
    const notMine = await call(agent.cookie, 'POST', '/api/agent/dial', { number: '+12025550000' });
    expect(notMine).toMatchObject({ status: 400, json: { error: { code: 'validation_failed', message: expect.stringMatching(/not a number of this record/) } } });
    expect((await call(agent.cookie, 'POST', '/api/agent/dial', { number: 'not a number' })).status).toBe(400);
    expect((await call(agent.cookie, 'POST', '/api/agent/hold')).json.error.message).toMatch(/no call in progress/);

    const dialed = await call(agent.cookie, 'POST', '/api/agent/dial', { number: usNumber(801) });
    expect(dialed).toMatchObject({ status: 200, json: { state: 'on_call.dialing', work: { call: { number: usNumber(801) } } } });
    await h.run(4_000);
    expect((await call(agent.cookie, 'POST', '/api/agent/hold')).json.state).toBe('on_call.held');
    const hangUp = await call(agent.cookie, 'POST', '/api/agent/hang-up');
    expect(hangUp).toMatchObject({ status: 409, json: { error: { message: 'A held call cannot be ended; resume it first (D7).' } } });
    await call(agent.cookie, 'POST', '/api/agent/resume');
    expect((await call(agent.cookie, 'POST', '/api/agent/hang-up')).json.state).toBe('wrap_up');
    expect((await call(agent.cookie, 'POST', '/api/agent/wrap-up', {})).status).toBe(400);
    const unknown = await call(agent.cookie, 'POST', '/api/agent/wrap-up', { code: 'nope' });
    expect(unknown).toMatchObject({ status: 400, json: { error: { message: expect.stringMatching(/not a wrap-up code of this campaign; use one of answering_machine, busy/) } } });
    const cbMissing = await call(agent.cookie, 'POST', '/api/agent/wrap-up', { code: 'sale', answers: [{ questionId: 'q1', answerId: 'yes' }] });
    expect(cbMissing.json.error.message).toMatch(/no call guide/);
    const done = await call(agent.cookie, 'POST', '/api/agent/wrap-up', { code: 'sale', notes: 'Renewed' });
    expect(done).toMatchObject({ status: 200, json: { state: 'ready' } });
    await h.run(1_000);
    const state = await call(agent.cookie, 'GET', '/api/agent/state');
    expect(state.json).toMatchObject({ state: 'reserved.offered', work: { recordId: recordIds[1] }, history: [] });
  });

  it('point 11: a command sent twice with the same Idempotency-Key is applied once', async () => {
    const headers = { 'idempotency-key': 'skip-1' };
    const first = await call(agent.cookie, 'POST', '/api/agent/skip', {}, headers);
    const second = await call(agent.cookie, 'POST', '/api/agent/skip', {}, headers);
    expect(first.status).toBe(200);
    expect(second).toEqual(first);
    const row = await h.storage.db.selectFrom('campaign_records').select('skips').where('campaign_id', '=', campaignId).where('record_id', '=', recordIds[1]!).executeTakeFirstOrThrow();
    expect(row.skips).toBe(1);
    const skips = await h.storage.db.selectFrom('agent_state_changes').select('event').where('user_id', '=', agent.userId).where('event', '=', 'skip').execute();
    expect(skips).toHaveLength(1);
  });

  it('J6, A1: dial status explains a record to staff, and to an agent only for their own record', async () => {
    const own = await call(agent.cookie, 'GET', `/api/records/${recordIds[0]}/dial-status?campaignId=${campaignId}`);
    expect(own).toMatchObject({ status: 200, json: { recordStatus: 'done', reason: 'sale', message: expect.stringMatching(/finished/) } });
    expect((await call(agent.cookie, 'GET', `/api/records/${recordIds[2]}/dial-status?campaignId=${campaignId}`)).status).toBe(404);
    const staff = await call(supervisor.cookie, 'GET', `/api/records/${recordIds[1]}/dial-status?campaignId=${campaignId}`);
    expect(staff).toMatchObject({ status: 200, json: { recordStatus: 'pending', reason: 'scheduled', skips: 1 } });
    expect((await call(supervisor.cookie, 'GET', `/api/records/${recordIds[1]}/dial-status`)).status).toBe(400);
    const openapi = await app.inject({ method: 'GET', url: '/api/docs/json' });
    const paths = Object.keys(JSON.parse(openapi.body).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/agent/state', '/api/agent/wrap-up', '/api/agent/campaigns/{id}/join', '/api/records/{id}/dial-status']));
  });
});
