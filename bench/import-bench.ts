/**
 * L1 import benchmark: a 1,000,000-row CSV (10 columns, 2 phone columns, US/JP/PL/GB mixed)
 * imported through the real use case into the embedded database and into PostgreSQL; prints
 * rows/s and peak RSS. Then checks that a 1,000,000-record list still counts, reads and
 * appends quickly. Run: npm run bench:import [-- --rows 200000] [-- --engine embedded|postgres]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { getRecord } from '../src/records/get-record.js';
import { defaultLimits } from '../src/config.js';
import { startImport } from '../src/lists/import-contacts.js';
import { createList, getList } from '../src/lists/manage-lists.js';
import { createNormaliserPool } from '../src/lists/normaliser-pool.js';
import { systemClock } from '../src/shared/clock.js';
import { openStorage, type Storage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { writeCsv } from './import-data.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, engine: { type: 'string' } } });
const ROWS = Number(values.rows);
const ADMIN_URL = process.env.PACER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const mapping = {
  phones: [{ column: 'phone', type: 'home' }, { column: 'mobile', type: 'mobile' }],
  name: 'name',
  phoneticName: 'furigana',
  postalCode: 'zip',
  region: 'country',
  owner: 'owner',
};

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-bench-'));
  const file = path.join(dir, 'contacts.csv');
  let t = performance.now();
  const size = await writeCsv(file, ROWS);
  console.log(`generated ${ROWS} rows, ${mib(size)} in ${((performance.now() - t) / 1000).toFixed(1)} s — ${os.cpus().length} cores, ${os.cpus()[0]?.model}, node ${process.version}`);
  const append = path.join(dir, 'append.csv');
  await writeCsv(append, 10_000, 1); // the same seed: its numbers repeat the first 10,000 rows

  const engines = values.engine ? [values.engine] : ['embedded', 'postgres'];
  for (const engine of engines) {
    const { storage, drop } = await open(engine, dir);
    try {
      await run(engine, storage, file, append, size);
    } finally {
      await storage.close();
      await drop();
    }
  }
  clearInterval(sampler);
  fs.rmSync(dir, { recursive: true, force: true });
}

async function run(engine: string, storage: Storage, file: string, append: string, size: number) {
  const normaliser = createNormaliserPool();
  const user = await storage.db
    .insertInto('users')
    .values({ email: 'bench@example.test', user_code: 'bench', display_name: 'Bench', role: 'admin', password_hash: null, created_at: new Date(), updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const actor = { userId: user.id, role: 'admin' as const, email: 'bench@example.test', via: 'token' as const };
  const list = await createList(storage.db, systemClock, actor, { name: 'Bench', defaultRegion: 'US' });
  const deps = { storage, clock: systemClock, limits: { ...defaultLimits }, normaliser };

  peakRss = process.memoryUsage().rss;
  const t = performance.now();
  const { done } = await startImport(deps, { listId: list.id, actor, file: fs.createReadStream(file, { highWaterMark: 256 * 1024 }), fileName: 'contacts.csv', mapping, encoding: undefined, region: undefined, sizeBytes: size });
  const summary = await done;
  const seconds = (performance.now() - t) / 1000;
  console.log(
    `${engine.padEnd(9)} import: ${summary.rowsRead} rows in ${seconds.toFixed(1)} s = ${Math.round(summary.rowsRead / seconds).toLocaleString('en')} rows/s; ` +
      `imported ${summary.imported}, rejected ${summary.rejected} (duplicates ${summary.duplicates}); peak RSS ${mib(peakRss)}; status ${summary.status}${summary.error ? ` ${summary.error.message}` : ''}`,
  );

  let s = performance.now();
  const view = await getList(storage.db, list.id);
  const countMs = performance.now() - s;
  const some = await storage.db.selectFrom('contact_records').select('id').where('list_id', '=', list.id).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  s = performance.now();
  await getRecord(storage.db, actor, some.id);
  const getMs = performance.now() - s;
  s = performance.now();
  const appended = await (await startImport(deps, { listId: list.id, actor, file: fs.createReadStream(append), fileName: 'append.csv', mapping, encoding: undefined, region: undefined, sizeBytes: null })).done;
  const appendMs = performance.now() - s;
  const after = await getList(storage.db, list.id);
  console.log(
    `${engine.padEnd(9)} 1M list: count ${view.recordCount} in ${countMs.toFixed(0)} ms; get record ${getMs.toFixed(0)} ms; ` +
      `append 10,000 rows (${appended.replaced} replaced) in ${(appendMs / 1000).toFixed(2)} s → ${after.recordCount} records`,
  );
  await normaliser.close();
}

async function open(engine: string, dir: string): Promise<{ storage: Storage; drop: () => Promise<void> }> {
  if (engine === 'embedded') {
    const storage = await openStorage({ dataDir: path.join(dir, 'data') });
    await migrateToLatest(storage);
    return { storage, drop: async () => undefined };
  }
  const name = `pacer_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const storage = await openStorage({ databaseUrl: url.toString() });
  await migrateToLatest(storage);
  return {
    storage,
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

await main();
