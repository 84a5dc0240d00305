/**
 * L1 import benchmark: a 1,000,000-row CSV (10 columns, 2 phone columns, US/JP/PL/GB mixed)
 * imported through the real use case into the embedded database and into PostgreSQL; prints
 * rows/s and peak RSS. Then checks that a 1,000,000-record list still counts, reads and
 * appends quickly.
 *
 * Each engine runs in a child process of its own, so that its peak RSS is its own (the kernel's
 * high-water mark, reset right before the import). The embedded database is created and
 * migrated by another process first: what a server finds after its first start.
 *
 * Run: npm run bench:import [-- --rows 200000] [-- --engine embedded|postgres] [-- --runs 3]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { getRecord } from '../src/records/get-record.js';
import { defaultLimits } from '../src/config.js';
import { startImport } from '../src/lists/import-contacts.js';
import { createList, getList } from '../src/lists/manage-lists.js';
import { createNormaliserPool, normaliserThreads } from '../src/lists/normaliser-pool.js';
import { systemClock } from '../src/shared/clock.js';
import { openStorage, type Storage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { writeCsv } from './import-data.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    engine: { type: 'string' },
    runs: { type: 'string', default: '1' },
    // Set by the parent for its child processes.
    child: { type: 'boolean', default: false },
    prepare: { type: 'boolean', default: false },
    file: { type: 'string' },
    append: { type: 'string' },
    dir: { type: 'string' },
  },
});
const ADMIN_URL = process.env.PACER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const mapping = {
  phones: [{ column: 'phone', type: 'home' }, { column: 'mobile', type: 'mobile' }],
  name: 'name',
  phoneticName: 'furigana',
  postalCode: 'zip',
  region: 'country',
  owner: 'owner',
};
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

async function parent() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-bench-'));
  try {
    const rows = Number(values.rows);
    const file = path.join(dir, 'contacts.csv');
    const t = performance.now();
    const size = await writeCsv(file, rows);
    console.log(`generated ${rows} rows, ${mib(size)} in ${((performance.now() - t) / 1000).toFixed(1)} s — ${os.cpus().length} cores, ${os.cpus()[0]?.model}, node ${process.version}`);
    const append = path.join(dir, 'append.csv');
    await writeCsv(append, 10_000, 1); // the same seed: its numbers repeat the first 10,000 rows
    let failed = false;
    for (const engine of values.engine ? [values.engine] : ['embedded', 'postgres']) {
      for (let run = 0; run < Number(values.runs); run++) {
        const self = [...process.execArgv, fileURLToPath(import.meta.url), '--child', '--engine', engine, '--dir', path.join(dir, `${engine}-${run}`)];
        if (engine === 'embedded' && spawnSync(process.execPath, [...self, '--prepare'], { stdio: 'inherit' }).status !== 0) failed = true;
        if (spawnSync(process.execPath, [...self, '--file', file, '--append', append], { stdio: 'inherit' }).status !== 0) failed = true;
      }
    }
    process.exitCode = failed ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function child(engine: string, file: string, append: string, dir: string) {
  const { storage, drop } = await open(engine, dir);
  const normaliser = createNormaliserPool(normaliserThreads(storage.engine));
  try {
    const user = await storage.db
      .insertInto('users')
      .values({ email: 'bench@example.test', user_code: 'bench', display_name: 'Bench', role: 'admin', password_hash: null, created_at: new Date(), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const actor = { userId: user.id, role: 'admin' as const, email: 'bench@example.test', via: 'token' as const };
    const list = await createList(storage.db, systemClock, actor, { name: 'Bench', defaultRegion: 'US' });
    const deps = { storage, clock: systemClock, limits: { ...defaultLimits }, normaliser };
    const size = fs.statSync(file).size;

    const before = process.memoryUsage().rss;
    const peak = peakRss();
    const t = performance.now();
    const { done } = await startImport(deps, { listId: list.id, actor, file: fs.createReadStream(file, { highWaterMark: 256 * 1024 }), fileName: 'contacts.csv', mapping, encoding: undefined, region: undefined, sizeBytes: size });
    const summary = await done;
    const seconds = (performance.now() - t) / 1000;
    console.log(
      `${engine.padEnd(9)} import: ${summary.rowsRead} rows in ${seconds.toFixed(1)} s = ${Math.round(summary.rowsRead / seconds).toLocaleString('en')} rows/s; ` +
        `imported ${summary.imported}, rejected ${summary.rejected} (duplicates ${summary.duplicates}); ` +
        `peak RSS ${mib(peak())} (${mib(before)} before the import, ${normaliser.threads} worker thread${normaliser.threads === 1 ? '' : 's'}); status ${summary.status}${summary.error ? ` ${summary.error.message}` : ''}`,
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
      `${engine.padEnd(9)} list of ${view.recordCount.toLocaleString('en')}: count in ${countMs.toFixed(0)} ms; get record ${getMs.toFixed(0)} ms; ` +
        `append 10,000 rows (${appended.replaced} replaced) in ${(appendMs / 1000).toFixed(2)} s → ${after.recordCount} records`,
    );
  } finally {
    await normaliser.close();
    await storage.close();
    await drop();
  }
}

/** The process's peak RSS from now on: the kernel's high-water mark (Linux), else sampled. */
function peakRss(): () => number {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM
    return () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
  } catch {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    return () => {
      clearInterval(sampler);
      return peak;
    };
  }
}

/** The embedded database, created and migrated (in a process of its own). */
async function prepare(dir: string) {
  const storage = await openStorage({ dataDir: dir });
  await migrateToLatest(storage);
  await storage.close();
}

async function open(engine: string, dir: string): Promise<{ storage: Storage; drop: () => Promise<void> }> {
  if (engine === 'embedded') {
    const storage = await openStorage({ dataDir: dir });
    await migrateToLatest(storage); // nothing left to do
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

if (values.prepare) await prepare(values.dir!);
else if (values.child) await child(values.engine!, values.file!, values.append!, values.dir!);
else await parent();
