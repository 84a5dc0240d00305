import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';

/** Foundation §4: queues and agents — CRUD, membership, unique email and user ID (A1 for who may do it). */
describe.each(await availableEngines())('queues and agents (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
  });
  afterAll(() => t?.close());

  const newAgent = (email: string, userCode?: string) =>
    admin.call('POST', '/api/users', { email, displayName: email.split('@')[0], role: 'agent', password: 'a long password', ...(userCode && { userCode }) });

  it('A1 an admin creates an agent who can then sign in', async () => {
    const res = await newAgent('suzuki@example.test', 'suzuki');
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ email: 'suzuki@example.test', userCode: 'suzuki', role: 'agent', locale: 'en' });
    expect(res.json).not.toHaveProperty('passwordHash');
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { login: 'SUZUKI', password: 'a long password' } });
    expect(signIn.statusCode).toBe(200);
  });

  it('A1 agent email and user ID are unique, case-insensitively, with a clear 409', async () => {
    await newAgent('tanaka@example.test', 'tanaka');
    const sameEmail = await newAgent('Tanaka@Example.test', 'tanaka2');
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.json.error).toMatchObject({ code: 'conflict', details: { field: 'email' } });
    const sameCode = await newAgent('tanaka.other@example.test', 'TANAKA');
    expect(sameCode.status).toBe(409);
    expect(sameCode.json.error.details.field).toBe('userCode');
  });

  it('A1 a weak password or an unknown time zone is refused with the field named', async () => {
    const res = await admin.call('POST', '/api/users', { email: 'x@example.test', displayName: 'X', role: 'agent', password: 'short' });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe('password');
    const tz = await admin.call('POST', '/api/users', { email: 'y@example.test', displayName: 'Y', role: 'agent', password: 'a long password', timeZone: 'Mars/Olympus' });
    expect(tz.status).toBe(400);
    expect(tz.json.error.message).toMatch(/timeZone/);
  });

  it("D10 an agent's queues are the skills they can log into", async () => {
    const collections = await admin.call('POST', '/api/queues', { name: 'Collections' });
    const renewals = await admin.call('POST', '/api/queues', { name: 'Renewals — PC' });
    await admin.call('POST', '/api/queues', { name: 'Sales' });
    expect(collections.status).toBe(201);
    const agent = await t.signInAs('agent');
    expect((await admin.call('PUT', `/api/queues/${collections.json.id}/members/${agent.userId}`)).status).toBe(204);
    expect((await admin.call('PUT', `/api/queues/${renewals.json.id}/members/${agent.userId}`)).status).toBe(204);
    // Adding twice is harmless.
    expect((await admin.call('PUT', `/api/queues/${renewals.json.id}/members/${agent.userId}`)).status).toBe(204);

    const mine = await agent.call('GET', `/api/users/${agent.userId}/queues`);
    expect(mine.json.map((q: { name: string }) => q.name).sort()).toEqual(['Collections', 'Renewals — PC']);
    const visible = await agent.call('GET', '/api/queues');
    expect(visible.json).toHaveLength(2);
    const members = await admin.call('GET', `/api/queues/${collections.json.id}/members`);
    expect(members.json.map((m: { userId: number }) => m.userId)).toEqual([agent.userId]);

    const other = await t.signInAs('agent');
    expect((await other.call('GET', `/api/users/${agent.userId}/queues`)).status).toBe(403);
    expect((await other.call('GET', `/api/queues/${collections.json.id}`)).status).toBe(404);

    expect((await admin.call('DELETE', `/api/queues/${renewals.json.id}/members/${agent.userId}`)).status).toBe(204);
    expect((await agent.call('GET', `/api/users/${agent.userId}/queues`)).json).toHaveLength(1);
  });

  it('A1 queue names are unique and only agents are members', async () => {
    const dup = await admin.call('POST', '/api/queues', { name: 'collections' });
    expect(dup.status).toBe(409);
    const q = await admin.call('POST', '/api/queues', { name: 'Support' });
    const supervisor = await t.signInAs('supervisor');
    const res = await admin.call('PUT', `/api/queues/${q.json.id}/members/${supervisor.userId}`);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/agents/);
    expect((await admin.call('PATCH', `/api/queues/${q.json.id}`, { name: 'Support desk' })).json.name).toBe('Support desk');
    expect((await admin.call('DELETE', `/api/queues/${q.json.id}`)).status).toBe(204);
    expect((await admin.call('GET', `/api/queues/${q.json.id}`)).status).toBe(404);
  });

  it('A1 users are listed with pagination and a search', async () => {
    const page = await admin.call('GET', '/api/users?limit=2&offset=0');
    expect(page.json.items).toHaveLength(2);
    expect(page.json.total).toBeGreaterThan(2);
    const found = await admin.call('GET', '/api/users?q=suzuki');
    expect(found.json.items.map((u: { userCode: string }) => u.userCode)).toEqual(['suzuki']);
    const agents = await admin.call('GET', '/api/users?role=agent&limit=500');
    expect(agents.json.items.every((u: { role: string }) => u.role === 'agent')).toBe(true);
  });

  it('A1 an agent may change their own language but not their role', async () => {
    const agent = await t.signInAs('agent');
    const res = await agent.call('PATCH', '/api/auth/me', { locale: 'ja' });
    expect(res.json.locale).toBe('ja');
    const role = await agent.call('PATCH', '/api/auth/me', { role: 'admin' });
    expect(role.status).toBe(400);
    expect((await agent.call('GET', '/api/auth/me')).json.role).toBe('agent');
  });

  it('A1 an agent may change their own time zone to a real one; anything else is refused with an example, and nothing changes', async () => {
    const agent = await t.signInAs('agent');
    expect((await agent.call('PATCH', '/api/auth/me', { timeZone: 'Asia/Tokyo' })).json.timeZone).toBe('Asia/Tokyo');
    const bad = await agent.call('PATCH', '/api/auth/me', { timeZone: 'Mars/Olympus_Mons', locale: 'pl' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/timeZone.*Not an IANA time zone such as America\/New_York/);
    const me = (await agent.call('GET', '/api/auth/me')).json;
    expect(me).toMatchObject({ timeZone: 'Asia/Tokyo' });
    expect(me.locale).not.toBe('pl');
  });
});
