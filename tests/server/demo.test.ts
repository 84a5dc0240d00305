import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/server-process.js';

/** Foundation §1: `npm start -- --demo` shows a floor to explore (J1–J5 use its people). */
describe('npm start -- --demo', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-demo-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('O1 loads 3 queues, 20 agents, 2 campaigns and a 10,000-record list, once', async () => {
    const server = await startServerProcess({ PACER_DATA_DIR: dir, PACER_ADMIN_PASSWORD: 'demo-admin-password' }, ['--demo']);
    try {
      expect(server.output()).toMatch(/Demo data loaded/);
      const signIn = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'sato@pacer.demo', password: 'pacer-demo-2026' }) });
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const get = async (url: string) => (await fetch(`${server.url}${url}`, { headers: { cookie } })).json();

      const queues = await get('/api/queues');
      expect(queues.map((q: { name: string }) => q.name).sort()).toEqual(['Collections', 'Renewals — PC', 'Sales']);
      const agents = await get('/api/users?role=agent&limit=100');
      expect(agents.total).toBe(20);
      const campaigns = await get('/api/campaigns');
      expect(campaigns.items.map((c: { mode: string }) => c.mode).sort()).toEqual(['agent_owned_preview', 'progressive']);
      const lists = await get('/api/lists');
      expect(lists.items).toHaveLength(1);
      expect(lists.items[0].recordCount).toBe(10_000);

      const owned = campaigns.items.find((c: { mode: string }) => c.mode === 'agent_owned_preview');
      const monitor = await get(`/api/campaigns/${owned.id}/owner-errors`);
      expect(JSON.stringify(monitor)).toMatch(/unknown_owner/);
      expect(JSON.stringify(monitor)).toMatch(/not_in_queue/);
    } finally {
      await server.stop();
    }

    const again = await startServerProcess({ PACER_DATA_DIR: dir }, ['--demo']);
    try {
      expect(again.output()).not.toMatch(/Demo data loaded/);
    } finally {
      await again.stop();
    }
  }, 180_000);
});
