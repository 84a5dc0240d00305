/**
 * C2, C5, C6: the callback search at size. For each engine and size: a fresh database with that
 * many callbacks (20 campaigns, 200 agents, one contact per two callbacks, windows spread over
 * the 53 days before and 7 after now; those from a day ago on, and 2% of older ones, still
 * open — about 15%), written with SQL; then the searches a supervisor and
 * an agent make, through the real use cases, each run 5 times (median shown), and the count.
 *
 * `--without-0008` drops the search indexes of migration 0008 first, for a before/after.
 *
 * Run: node --import tsx bench/callbacks-search.ts [--sizes 200000,1000000] [--engines postgres,embedded] [--without-0008] [--explain]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Actor } from '../src/access/actor.js';
import { searchQuery } from '../src/callbacks/callback-schemas.js';
import { listMyCallbacksToday } from '../src/callbacks/list-my-callbacks-today.js';
import { filterCallbacks, searchCallbacks } from '../src/callbacks/search-callbacks.js';
import { ManualClock } from '../src/shared/clock.js';
import type { Storage } from '../src/storage/database.js';
import { openTestStorage, type Engine } from '../tests/support/storage.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '200000,1000000' }, engines: { type: 'string', default: 'postgres,embedded' }, explain: { type: 'boolean', default: false }, 'without-0008': { type: 'boolean', default: false } } });
const NOW = new Date('2026-03-02T09:00:00Z');
const clock = new ManualClock(NOW);

async function seed(storage: Storage, size: number): Promise<void> {
  const db = storage.db;
  const now = NOW.toISOString();
  await sql`INSERT INTO users (email, user_code, display_name, role, created_at, updated_at, time_zone)
    SELECT 'agent' || i || '@bench.test', 'agent' || i, 'Agent ' || i, CASE WHEN i <= 5 THEN 'supervisor' ELSE 'agent' END, ${now}, ${now}, 'Asia/Tokyo'
    FROM generate_series(1, 200) i`.execute(db);
  await sql`INSERT INTO queues (name, created_at) SELECT 'Queue ' || i, ${now} FROM generate_series(1, 20) i`.execute(db);
  await sql`INSERT INTO campaigns (name, mode, queue_id, settings, created_at, updated_at) SELECT 'Campaign ' || i, 'preview', i, '{}', ${now}, ${now} FROM generate_series(1, 20) i`.execute(db);
  await sql`INSERT INTO campaign_grants (campaign_id, user_id) SELECT c, 1 FROM generate_series(1, 5) c`.execute(db);
  await sql`INSERT INTO contact_lists (name, created_at) VALUES ('Bench list', ${now})`.execute(db);
  await sql`INSERT INTO list_imports (list_id, status, mapping, started_at) VALUES (1, 'committed', '{}', ${now})`.execute(db);
  const contacts = Math.ceil(size / 2);
  await sql`INSERT INTO contact_records (list_id, import_id, row_number, name, phonetic_name, phones, custom)
    SELECT 1, 1, i + 1, 'Contact ' || i, 'コンタクト ' || i, jsonb_build_array(jsonb_build_object('number', '+8190' || lpad(i::text, 8, '0'), 'type', 'mobile', 'column', 'phone')), '{}'
    FROM generate_series(1, ${contacts}) i`.execute(db);
  await sql`INSERT INTO callbacks (campaign_id, record_id, batch, phone, window_start, window_end, time_zone, assignee_id, notes, status, created_at, updated_at)
    SELECT 1 + i % 20, 1 + i % ${contacts}, '1', '+8190' || lpad((1 + i % ${contacts})::text, 8, '0'),
           ${now}::timestamptz + m * interval '1 minute', ${now}::timestamptz + (m + 60) * interval '1 minute',
           'Asia/Tokyo', CASE WHEN i % 10 = 0 THEN NULL ELSE 6 + i % 195 END,
           CASE WHEN i % 50 = 0 THEN 'asked about invoice ' || i ELSE '' END,
           CASE WHEN m > -1440 OR i % 50 = 1 THEN 'pending' ELSE 'done' END, ${now}, ${now}
    FROM (SELECT i, 7 * 1440 - ((i::bigint * 7919) % (60 * 1440))::int AS m FROM generate_series(1, ${size}) i) s`.execute(db);
  if (values['without-0008']) await sql`DROP INDEX callbacks_window_idx, callbacks_open_idx`.execute(db);
  await sql`ANALYZE`.execute(db);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(run: () => Promise<unknown>): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const admin: Actor = { userId: 200, role: 'admin', email: 'a', via: 'session' };
const supervisor: Actor = { userId: 1, role: 'supervisor', email: 's', via: 'session' };
const agent: Actor = { userId: 42, role: 'agent', email: 'g', via: 'session' };
const q = (s: string) => searchQuery.parse(Object.fromEntries(new URLSearchParams(s)));

const searches: Array<[string, Actor, string]> = [
  ['admin, no filter, by window start', admin, ''],
  ['admin, one day (24:00 end)', admin, 'from=2026-03-02&to=2026-03-02T24:00&timeZone=Asia/Tokyo'],
  ['admin, overdue', admin, 'alert=overdue'],
  ['admin, due or approaching', admin, 'alert=due,approaching'],
  ['admin, one campaign, pending', admin, 'campaignId=7&status=pending'],
  ['admin, name contains', admin, 'name=Contact%2012345'],
  ['admin, phone digits', admin, 'phone=090-0001-2345'],
  ['admin, notes contain', admin, 'notes=invoice%2015'],
  ['admin, one assignee', admin, 'assigneeId=77'],
  ['admin, sort by name, page 100', admin, 'sort=name&offset=4950'],
  ['supervisor (5 of 20 campaigns), no filter', supervisor, ''],
  ['supervisor, overdue', supervisor, 'alert=overdue'],
  ['agent, own callbacks', agent, ''],
];

for (const engine of values.engines.split(',') as Engine[]) {
  for (const size of values.sizes.split(',').map(Number)) {
    const storage = await openTestStorage(engine); // a fresh database, dropped on close
    const t0 = performance.now();
    await seed(storage, size);
    process.stdout.write(`\n${engine}, ${size.toLocaleString('en')} callbacks${values['without-0008'] ? ', without the 0008 indexes' : ''} (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    for (const [label, actor, query] of searches) {
      let total = 0;
      const ms = await time(async () => (total = (await searchCallbacks(storage.db, clock, actor, q(query))).total));
      process.stdout.write(`  ${label.padEnd(45)} ${ms.toFixed(1).padStart(8)} ms  (${total.toLocaleString('en')} found)\n`);
      if (values.explain) {
        const { filtered } = await filterCallbacks(storage.db, actor, q(query), NOW);
        const plan = await filtered.select((eb) => eb.fn.countAll().as('n')).explain('text', sql`analyze`);
        process.stdout.write(plan.map((r) => `      ${String(Object.values(r)[0])}`).join('\n') + '\n');
      }
    }
    const ms = await time(() => listMyCallbacksToday(storage.db, clock, agent));
    process.stdout.write(`  ${'agent, my callbacks today (C5)'.padEnd(45)} ${ms.toFixed(1).padStart(8)} ms\n`);
    await storage.close();
  }
}
