import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';

/** A1: sign-in, roles, campaign grants; every call checked on the server. */
describe.each(await availableEngines())('A1 access control (%s)', (engine) => {
  let t: TestApp;
  let queueId: number;
  let campaignId: number;
  let recordOfAgentA: number;
  let callbackOfAgentA: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.storage.db;
    const now = t.clock.now();
    queueId = (await db.insertInto('queues').values({ name: 'Collections', created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    campaignId = (
      await db
        .insertInto('campaigns')
        .values({ name: 'Renewal', mode: 'preview', queue_id: queueId, settings: JSON.stringify({}), created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const listId = (await db.insertInto('contact_lists').values({ name: 'Accounts', created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    const importId = (await db.insertInto('list_imports').values({ list_id: listId, status: 'committed', mapping: '{}', error: null, started_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    recordOfAgentA = (
      await db
        .insertInto('contact_records')
        .values({ list_id: listId, import_id: importId, row_number: 1, name: 'Sato Ichiro', owner_ref: 'agent.a@example.test', phones: JSON.stringify([{ number: '+81312345678', type: 'home', column: 'phone' }]), custom: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t?.close());

  it('A1 no session → 401 with the one error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.stringMatching(/sign in/i), details: null } });
    const forged = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: 'pacer_session=ps_forged' } });
    expect(forged.statusCode).toBe(401);
  });

  it('A1 sign-in with a wrong password is refused without saying which part was wrong', async () => {
    const admin = await t.signInAs('admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { login: admin.email, password: 'wrong password!' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { login: 'nobody@example.test', password: PASSWORD } });
    expect(unknown.json().error.message).toBe(res.json().error.message);
  });

  it('A1 the session cookie is http-only and sign-out ends it', async () => {
    const admin = await t.signInAs('admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { login: admin.email, password: PASSWORD } });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('A1 sessions expire after 12 hours without use', async () => {
    const agent = await t.signInAs('agent');
    expect((await agent.call('GET', '/api/auth/me')).status).toBe(200);
    t.clock.advance(13 * 60 * 60 * 1000);
    expect((await agent.call('GET', '/api/auth/me')).status).toBe(401);
  });

  it('A1 passwords are stored as argon2id hashes', async () => {
    const admin = await t.signInAs('admin');
    const row = await t.storage.db.selectFrom('users').select('password_hash').where('id', '=', admin.userId).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('A1 an API token acts as its user until revoked', async () => {
    const supervisor = await t.signInAs('supervisor');
    const created = await supervisor.call('POST', '/api/auth/tokens', { name: 'crm sync' });
    expect(created.status).toBe(201);
    const token = created.json.token as string;
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().email).toBe(supervisor.email);
    const listed = await supervisor.call('GET', '/api/auth/tokens');
    expect(listed.json[0]).not.toHaveProperty('token');
    expect((await supervisor.call('DELETE', `/api/auth/tokens/${created.json.id}`)).status).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('A1 an agent cannot reach admin endpoints (403) even with a valid session', async () => {
    const agent = await t.signInAs('agent');
    const res = await agent.call('POST', '/api/users', { email: 'x@example.test', displayName: 'X', role: 'admin', password: 'long enough pw' });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('forbidden');
    expect((await agent.call('GET', '/api/users')).status).toBe(403);
    expect((await agent.call('PUT', `/api/queues/${queueId}/members/${agent.userId}`)).status).toBe(403);
  });

  it("A1 an agent reading another agent's record gets 404; the owner reads it", async () => {
    const owner = await t.signInAs('agent', { email: 'agent.a@example.test', userCode: 'agent-a' });
    const other = await t.signInAs('agent');
    expect((await owner.call('GET', `/api/records/${recordOfAgentA}`)).json.name).toBe('Sato Ichiro');
    const res = await other.call('GET', `/api/records/${recordOfAgentA}`);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('Sato');

    const now = t.clock.now();
    callbackOfAgentA = (
      await t.storage.db
        .insertInto('callbacks')
        .values({ campaign_id: campaignId, record_id: recordOfAgentA, phone: '+81312345678', window_start: now, window_end: new Date(now.getTime() + 3600_000), time_zone: 'Asia/Tokyo', assignee_id: owner.userId, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await owner.call('GET', `/api/callbacks/${callbackOfAgentA}`)).status).toBe(200);
    expect((await other.call('GET', `/api/callbacks/${callbackOfAgentA}`)).status).toBe(404);
    const list = await other.call('GET', '/api/callbacks');
    expect(list.json.items.map((c: { id: number }) => c.id)).not.toContain(callbackOfAgentA);
  });

  it("A1 a supervisor without the campaign's grant cannot edit its callbacks (403); with it, can", async () => {
    const supervisor = await t.signInAs('supervisor');
    const admin = await t.signInAs('admin');
    const denied = await supervisor.call('PATCH', `/api/callbacks/${callbackOfAgentA}`, { notes: 'moved to Mori' });
    expect(denied.status).toBe(403);
    expect(denied.json.error.message).toMatch(/grant/);
    const unchanged = await admin.call('GET', `/api/callbacks/${callbackOfAgentA}`);
    expect(unchanged.json.notes).toBe('');

    expect((await admin.call('PUT', `/api/campaigns/${campaignId}/grants/${supervisor.userId}`)).status).toBe(204);
    const allowed = await supervisor.call('PATCH', `/api/callbacks/${callbackOfAgentA}`, { notes: 'moved to Mori' });
    expect(allowed.status).toBe(200);
    expect(allowed.json.notes).toBe('moved to Mori');
    expect(allowed.json.updatedBy).toBe(supervisor.userId);

    expect((await admin.call('DELETE', `/api/campaigns/${campaignId}/grants/${supervisor.userId}`)).status).toBe(204);
    expect((await supervisor.call('PATCH', `/api/callbacks/${callbackOfAgentA}`, { notes: 'again' })).status).toBe(403);
  });

  it('A1 a disabled user is signed out at once', async () => {
    const admin = await t.signInAs('admin');
    const agent = await t.signInAs('agent');
    expect((await admin.call('PATCH', `/api/users/${agent.userId}`, { disabled: true })).status).toBe(200);
    expect((await agent.call('GET', '/api/auth/me')).status).toBe(401);
  });
});
