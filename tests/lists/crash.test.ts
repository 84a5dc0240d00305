import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { availableEngines, openTestStorage, type TestStorage } from '../support/storage.js';
import { adminToken, apiGet, freePort, startServer, type ServerProcess } from './server-process.js';
import { multipartBody } from './support.js';

/**
 * L1 never half-written: a server killed with SIGKILL in the middle of a big import leaves
 * nothing of it visible; on restart the import is marked failed and its records deleted,
 * and the list holds only what was committed before.
 */
describe.each(await availableEngines())('L1 kill -9 during an import (%s)', (engine) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-crash-'));
  let storage: TestStorage | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    await storage?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // retry: on PostgreSQL this streamed upload sometimes stalls before its first 20,000 rows — an open
  // problem (the failure message says what the server and database were doing); it never half-writes.
  // Two server starts and a big upload are slow on a busy machine: nothing here is timed.
  it('L1 SIGKILL mid-import, restart: only the earlier committed records remain; the import is failed', { timeout: 180_000, retry: 2 }, async () => {
    const port = await freePort();
    if (engine === 'postgres') storage = await openTestStorage('postgres');
    const env = engine === 'postgres' ? { databaseUrl: storage!.url!, port } : { dataDir: dir, port };
    server = await startServer(env);
    const token = await adminToken(server.url);
    const auth = { authorization: `Bearer ${token}` };

    const list = await (await fetch(`${server.url}/api/lists`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Crash', defaultRegion: 'US' }) })).json();
    const small = multipartBody({ mapping: JSON.stringify({ phones: [{ column: 'phone', type: 'home' }], name: 'name' }) }, 'name,phone\nA,(602) 555-0101\nB,(602) 555-0102\nC,(602) 555-0103\n');
    const first = await fetch(`${server.url}/api/lists/${list.id}/imports?wait=true`, { method: 'POST', headers: { ...auth, 'content-type': small.contentType }, body: small.body });
    expect((await first.json()).imported).toBe(3);

    // A big upload, streamed: a multipart head, then rows for as long as the server takes them.
    const boundary = '----pacercrash';
    const req = http.request(`${server.url}/api/lists/${list.id}/imports`, { method: 'POST', headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    req.on('error', () => undefined); // the server dies under it
    req.on('response', (res) => res.resume());
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n{"phones":[{"column":"phone","type":"home"}],"name":"name"}\r\n`);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\nname,phone\n`);
    let row = 0;
    let writing = true;
    const pump = async () => {
      while (writing && row < 2_000_000) {
        const lines: string[] = [];
        for (let i = 0; i < 5000; i++, row++) lines.push(`P${row},(${['212', '303', '415', '617'][row % 4]}) ${200 + Math.floor(row / 10000) % 700}-${String(row % 10000).padStart(4, '0')}`);
        if (!req.write(lines.join('\n') + '\n')) {
          await new Promise<void>((resolve) => {
            const done = () => {
              req.off('drain', done).off('close', done);
              resolve();
            };
            req.once('drain', done).once('close', done);
          });
        }
        if (req.destroyed) return;
      }
    };
    const pumping = pump();

    // Wait until the server has written a good part of it.
    let running: { id: number; status: string; rowsRead: number } | undefined;
    const deadline = Date.now() + 60_000; // a busy machine (the whole suite at once) is slow, nothing here is timed
    while (Date.now() < deadline) {
      const imports = await apiGet(server.url, token, `/api/lists/${list.id}/imports`);
      running = imports.items.find((x: { status: string }) => x.status === 'running');
      if (running && running.rowsRead >= 40_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!running || running.rowsRead < 40_000) {
      // Say what the server and the database were doing, to find out why it did not move.
      const activity = storage ? (await sql<object>`SELECT state, wait_event_type, wait_event, left(query, 120) AS query FROM pg_stat_activity WHERE datname = current_database()`.execute(storage.db)).rows : [];
      const output = server.output().slice(-3000);
      writing = false;
      req.destroy();
      await server.stop('SIGKILL'); // a retry starts afresh
      await storage?.close();
      storage = undefined;
      expect.fail(`the import did not pass 40,000 rows (${JSON.stringify(running)}, ${row} rows sent); database: ${JSON.stringify(activity)}; server:\n${output}`);
    }
    if (engine === 'postgres') {
      // Rows are in the database (inside the running COPY or committed batches), yet invisible.
      const listView = await apiGet(server.url, token, `/api/lists/${list.id}`);
      expect(listView.recordCount).toBe(3);
    }

    await server.stop('SIGKILL');
    writing = false;
    req.destroy();
    await pumping;

    server = await startServer(env);
    const after = await apiGet(server.url, token, `/api/lists/${list.id}`);
    expect(after.recordCount).toBe(3);
    const killed = await apiGet(server.url, token, `/api/lists/${list.id}/imports/${running!.id}`);
    expect(killed).toMatchObject({ status: 'failed', imported: 0, error: { code: 'interrupted', message: expect.stringMatching(/stopped while this import was running/) } });
    if (storage) {
      const staged = await storage.db.selectFrom('contact_records').select((eb) => eb.fn.countAll<number>().as('n')).where('list_id', '=', list.id).executeTakeFirstOrThrow();
      expect(Number(staged.n)).toBe(3);
    }
    // The server serves, and the list takes a new import.
    const again = multipartBody({ mapping: JSON.stringify({ phones: [{ column: 'phone', type: 'home' }] }) }, 'phone\n(602) 555-0199\n');
    const res = await fetch(`${server.url}/api/lists/${list.id}/imports?wait=true`, { method: 'POST', headers: { ...auth, 'content-type': again.contentType }, body: again.body });
    expect((await res.json()).status).toBe('committed');
    expect((await apiGet(server.url, token, `/api/lists/${list.id}`)).recordCount).toBe(4);
  });
});
