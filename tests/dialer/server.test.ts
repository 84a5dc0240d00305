import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/access/passwords.js';
import { startServerProcess } from '../support/server-process.js';
import { openTestStorage, postgresReachable, type TestStorage } from '../support/storage.js';

/**
 * Issue 4 point 6: the server runs the dialer — real time, the simulated carrier, a real server
 * process driven over HTTP. The test writes its people and records straight into a fresh
 * PostgreSQL database the server uses (so it depends on no other package's import path), then
 * a supervisor starts a progressive campaign, an agent joins and goes ready, and a call is
 * placed for them. (The demo's progressive campaign "Renewal" runs the same way once started.)
 */
const pg = await postgresReachable();

describe.skipIf(!pg)('the dialer in the server process (postgres)', () => {
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await openTestStorage('postgres');
  });
  afterAll(() => storage?.close());

  it('D1, D10: a campaign runs when an agent joins; the server starts without waiting for the dialer and stops cleanly', async () => {
    const db = storage.db;
    const now = new Date();
    const password = 'agent-password-1';
    const hash = await hashPassword(password);
    const queue = await db.insertInto('queues').values({ name: 'Renewals', created_at: now }).returning('id').executeTakeFirstOrThrow();
    const agent = await db.insertInto('users').values({ email: 'nowak@example.test', user_code: 'nowak', display_name: 'Ewa Nowak', role: 'agent', password_hash: hash, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('users').values({ email: 'sato@example.test', user_code: 'sato', display_name: 'Sato', role: 'admin', password_hash: hash, created_at: now, updated_at: now }).execute();
    await db.insertInto('queue_members').values({ queue_id: queue.id, user_id: agent.id, added_at: now }).execute();
    const list = await db.insertInto('contact_lists').values({ name: 'Renewals', created_at: now }).returning('id').executeTakeFirstOrThrow();
    const mapping = { phones: [{ column: 'phone', type: 'home' }], name: 'name' };
    const imp = await db.insertInto('list_imports').values({ list_id: list.id, status: 'committed', mapping: JSON.stringify(mapping), imported: 20, error: null, started_at: now }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('contact_records')
      .values(Array.from({ length: 20 }, (_, i) => ({ list_id: list.id, import_id: imp.id, row_number: i + 2, name: `Contact ${i}`, time_zone: 'America/New_York', region: 'US', phones: JSON.stringify([{ number: `+1212555${2000 + i}`, type: 'home', column: 'phone' }]), custom: '{}' })))
      .execute();

    const server = await startServerProcess({ DATABASE_URL: storage.url!, PACER_ADMIN_PASSWORD: 'server-admin-password' });
    try {
      const signIn = async (login: string) => {
        const res = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
        expect(res.status).toBe(200);
        return res.headers.get('set-cookie')!.split(';')[0]!;
      };
      const api = async (cookie: string, method: string, url: string, body?: unknown) => {
        const res = await fetch(`${server.url}${url}`, { method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
        const text = await res.text();
        return { status: res.status, json: text ? JSON.parse(text) : undefined };
      };
      const sato = await signIn('sato@example.test');
      // Whatever the wall-clock time of this run, the contacts may be called: every day, all day.
      const allDay = [{ start: '00:00', end: '24:00' }];
      const weekly = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
      const campaign = await api(sato, 'POST', '/api/campaigns', { name: 'Renewal outreach', mode: 'progressive', queueId: queue.id, callerId: '+12025550143', listIds: [list.id], contactableTimes: { weekly, defaultTimeZone: 'America/New_York' } });
      expect(campaign.status).toBe(201);
      expect((await api(sato, 'POST', `/api/campaigns/${campaign.json.id}/start`)).json.status).toBe('running');

      const nowak = await signIn('nowak@example.test');
      const joined = await api(nowak, 'POST', `/api/agent/campaigns/${campaign.json.id}/join`);
      expect(joined).toMatchObject({ status: 200, json: { state: 'not_ready' } });
      expect((await api(nowak, 'POST', '/api/agent/ready')).json.state).toBe('ready');
      let state = '';
      for (let i = 0; i < 100 && !state.startsWith('on_call'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        state = (await api(nowak, 'GET', '/api/agent/state')).json.state;
      }
      expect(state).toMatch(/^on_call\./);
      const view = (await api(nowak, 'GET', '/api/agent/state')).json;
      expect(view.work).toMatchObject({ campaignId: campaign.json.id, mode: 'progressive', call: { number: expect.stringMatching(/^\+1212555/) } });
      const status = await api(sato, 'GET', `/api/records/${view.work.recordId}/dial-status?campaignId=${campaign.json.id}`);
      expect(status.json).toMatchObject({ recordStatus: 'in_progress', reason: 'in_progress' });
      const lease = await db.selectFrom('campaign_leases').selectAll().where('campaign_id', '=', campaign.json.id).executeTakeFirstOrThrow();
      expect(lease.holder).toMatch(/:\d+:/);
      expect(await server.stop()).toBe(0);
      // A clean stop gives the lease back and returns buffered records.
      expect(await db.selectFrom('campaign_leases').selectAll().where('campaign_id', '=', campaign.json.id).executeTakeFirst()).toBeUndefined();
      const attempt = await db.selectFrom('dial_attempts').selectAll().where('campaign_id', '=', campaign.json.id).executeTakeFirstOrThrow();
      expect(attempt).toMatchObject({ agent_id: agent.id, origin: 'dialer' });
    } finally {
      await server.stop();
    }
  }, 120_000);
});
