import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/server-process.js';
import { openTestStorage, postgresReachable } from '../support/storage.js';

/** Foundation §1: `npm start` on a fresh machine — embedded database under the data directory, first admin printed. */
describe('starting Pacer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-start-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('A1 first start prints the admin sign-in; the data survives a restart; PORT is honoured', async () => {
    const first = await startServerProcess({ PACER_DATA_DIR: dir });
    const match = /sign in as (\S+) with password (\S+)/.exec(first.output());
    expect(match, first.output()).not.toBeNull();
    const [, email, password] = match!;
    expect(email).toBe('admin@pacer.local');

    const signIn = await fetch(`${first.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: email, password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${first.url}/api/queues`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Collections' }) });
    expect(created.status).toBe(201);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(fs.existsSync(path.join(dir, 'pgdata'))).toBe(true);

    const second = await startServerProcess({ PACER_DATA_DIR: dir });
    try {
      expect(second.output()).not.toMatch(/password/);
      const again = await fetch(`${second.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: email, password }) });
      const cookie2 = again.headers.get('set-cookie')!.split(';')[0]!;
      const queues = await (await fetch(`${second.url}/api/queues`, { headers: { cookie: cookie2 } })).json();
      expect(queues.map((q: { name: string }) => q.name)).toEqual(['Collections']);
    } finally {
      await second.stop();
    }
  });

  it('A1 with DATABASE_URL it runs on PostgreSQL and runs the migrations on start', async (ctx) => {
    if (!(await postgresReachable())) return ctx.skip();
    const storage = await openTestStorage('postgres', { migrate: false });
    const server = await startServerProcess({ DATABASE_URL: storage.url!, PACER_ADMIN_PASSWORD: 'chosen-admin-password' });
    try {
      expect(server.output()).toContain('chosen-admin-password');
      const health = await (await fetch(`${server.url}/api/health`)).json();
      expect(health).toEqual({ status: 'ok', storage: 'postgres' });
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(storage.db);
      expect(applied.rows.map((r) => r.name)).toContain('0001-initial');
    } finally {
      await server.stop();
      await storage.close();
    }
  });
});
