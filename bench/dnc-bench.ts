/**
 * L4 do-not-call set: build time, memory and lookups per second for 10 million numbers, and
 * the time to load them from PostgreSQL (COPY, streamed). Targets: ≥ 5 million lookups/s on
 * one core, < 128 MiB for the set.
 *
 *   npm run bench:dnc                       # 10 million numbers, with the PostgreSQL load
 *   npm run bench:dnc -- --count 1000000 --no-postgres
 *
 * PostgreSQL: PACER_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres);
 * a scratch database is created and dropped.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { isValidPhoneNumber } from 'libphonenumber-js';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BlockedSet } from '../src/dnc/blocked-set.js';
import { loadBlockedSet } from '../src/dnc/load-blocked-set.js';
import { e164Digits } from '../src/dnc/normalise-number.js';
import { openStorage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { seededRandom } from '../src/engine/random.js';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '10000000' }, 'no-postgres': { type: 'boolean', default: false }, lists: { type: 'string', default: '4' } },
});
const COUNT = Number(values.count);
const LISTS = Number(values.lists);
if (!(LISTS >= 1 && LISTS <= 7)) throw new Error('--lists must be 1 to 7 (the PostgreSQL setup packs the list into 3 bits).');
const MiB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

/** The project's seeded generator (src/engine/random.ts) as a plain function: the same numbers every run. */
function rng(seed: number): () => number {
  const random = seededRandom(seed);
  return () => random.next();
}
const random = rng(20260302);
const digit = (from = 0) => from + Math.floor(random() * (10 - from));
const digits = (n: number) => {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 10 + digit();
  return v;
};

/** Area codes in service (a random NPA is often unassigned). */
const NPA = [201, 202, 206, 212, 213, 214, 303, 305, 310, 312, 404, 408, 415, 503, 512, 602, 617, 646, 702, 713, 718, 786, 801, 818, 832, 917, 949, 972];

/** Random numbers from valid ranges: US/CA NANP, Japanese, British, German and French mobiles. */
function randomNumber(): number {
  const r = random();
  if (r < 0.4) return 1e10 + NPA[Math.floor(random() * NPA.length)]! * 1e7 + (digit(2) * 100 + digits(2)) * 1e4 + digits(4); // +1 NPA NXX XXXX
  if (r < 0.6) return 81e10 + [70, 80, 90][Math.floor(random() * 3)]! * 1e8 + digits(8); // +81 90 XXXX XXXX
  if (r < 0.8) return 447e9 + [4, 5, 7, 8, 9][Math.floor(random() * 5)]! * 1e8 + digits(8); // +44 7[45789]XX XXXXXX
  if (r < 0.9) return 49e10 + [151, 152, 160, 170, 171, 172, 175][Math.floor(random() * 7)]! * 1e7 + digits(7); // +49 17X XXXXXXX
  return 33e9 + (6 + Math.floor(random() * 2)) * 1e8 + digits(8); // +33 6/7 XX XX XX XX
}

function memory() {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss };
}

function report(label: string, before: ReturnType<typeof memory>, after: ReturnType<typeof memory>, setBytes: number) {
  console.log(`  ${label}`);
  console.log(`    typed arrays of the set: ${mib(setBytes)} (${(setBytes / COUNT).toFixed(2)} bytes a number)`);
  console.log(`    Δ heap ${mib(after.heap - before.heap)}, Δ external ${mib(after.external - before.external)}, Δ array buffers ${mib(after.arrayBuffers - before.arrayBuffers)}, Δ RSS ${mib(after.rss - before.rss)}`);
  console.log(`    process now: heap ${mib(after.heap)}, external ${mib(after.external)}, array buffers ${mib(after.arrayBuffers)}, RSS ${mib(after.rss)}`);
}

console.log(`L4 do-not-call set benchmark — ${fmt(COUNT)} numbers on ${LISTS} lists; node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);

// ── the numbers ───────────────────────────────────────────────────────────────────────
const numbers = new Float64Array(COUNT);
const listOf = new Uint8Array(COUNT);
for (let i = 0; i < COUNT; i++) {
  numbers[i] = randomNumber();
  listOf[i] = Math.floor(random() * LISTS) + 1;
}
let valid = 0;
const SAMPLE = 20_000;
for (let i = 0; i < SAMPLE; i++) if (isValidPhoneNumber(`+${numbers[Math.floor(random() * COUNT)]}`)) valid++;
console.log(`  generated; libphonenumber-js says ${((valid / SAMPLE) * 100).toFixed(1)}% of a ${fmt(SAMPLE)} sample are valid numbers`);

// ── build ─────────────────────────────────────────────────────────────────────────────
const m0 = memory();
let t = performance.now();
const set = await BlockedSet.build(Array.from({ length: LISTS }, (_, i) => i + 1), (add) => {
  for (let i = 0; i < COUNT; i++) add(numbers[i]!, listOf[i]!);
}, COUNT);
const buildMs = performance.now() - t;
const m1 = memory();
const stats = set.stats();
console.log(`\nBuild: ${fmt(buildMs)} ms for ${fmt(COUNT)} rows → ${fmt(stats.numbers)} distinct numbers (${fmt((COUNT / buildMs) * 1000)} rows/s)`);
report('memory', m0, m1, stats.bytes);

// ── lookups ───────────────────────────────────────────────────────────────────────────
const Q = 5_000_000;
const queries = new Float64Array(Q);
for (let i = 0; i < Q; i++) queries[i] = random() < 0.5 ? numbers[Math.floor(random() * COUNT)]! : randomNumber();
const runs: number[] = [];
let hits = 0;
for (let round = 0; round < 5; round++) {
  hits = 0;
  t = performance.now();
  for (let i = 0; i < Q; i++) if (set.maskOf(queries[i]!) !== 0) hits++;
  runs.push((Q / (performance.now() - t)) * 1000);
}
runs.sort((a, b) => a - b);
console.log(`\nLookups (digits, random order, ${((hits / Q) * 100).toFixed(1)}% hits): median ${fmt(runs[2]!)}/s, best ${fmt(runs[4]!)}/s over 5 × ${fmt(Q)}`);

const S = 1_000_000;
const strings = Array.from({ length: S }, (_, i) => `+${queries[i]}`);
const campaignMask = set.maskOfLists([1, 2]);
const stringRuns: number[] = [];
for (let round = 0; round < 5; round++) {
  let blocked = 0;
  t = performance.now();
  for (let i = 0; i < S; i++) if ((set.maskOf(e164Digits(strings[i]!)!) & campaignMask) !== 0) blocked++;
  stringRuns.push((S / (performance.now() - t)) * 1000);
  if (blocked < 0) console.log(blocked);
}
stringRuns.sort((a, b) => a - b);
console.log(`Lookups from E.164 text against a campaign's 2 lists (the dialer's path): median ${fmt(stringRuns[2]!)}/s, best ${fmt(stringRuns[4]!)}/s`);

let falseNegatives = 0;
for (let i = 0; i < COUNT; i += 7) if ((set.maskOf(numbers[i]!) & (1 << (listOf[i]! - 1))) === 0) falseNegatives++;
console.log(`Exactness: ${falseNegatives} false negatives over ${fmt(Math.ceil(COUNT / 7))} stored (number, list) pairs checked`);

// ── changes ───────────────────────────────────────────────────────────────────────────
t = performance.now();
const extra = new Float64Array(100_000).map(() => randomNumber());
set.add(1, extra);
console.log(`\nBulk add of 100,000 numbers (an import; merges into the index): ${fmt(performance.now() - t)} ms`);
t = performance.now();
for (let i = 0; i < 10_000; i++) set.add(2, [randomNumber()]);
console.log(`10,000 single adds (API, wrap-ups): ${fmt(performance.now() - t)} ms total`);

// ── PostgreSQL load ───────────────────────────────────────────────────────────────────
if (!values['no-postgres']) await postgresLoad();

async function postgresLoad(): Promise<void> {
  const adminUrl = process.env.PACER_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `pacer_bench_dnc_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`\nPostgreSQL load skipped: cannot reach ${adminUrl} (${(err as Error).message})`);
    return;
  }
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const storage = await openStorage({ databaseUrl: url.toString() });
  try {
    await migrateToLatest(storage);
    const pool = storage.raw.kind === 'postgres' ? storage.raw.pool : undefined;
    if (!pool) return;
    for (let l = 1; l <= LISTS; l++) await pool.query("INSERT INTO dnc_lists (name, source) OVERRIDING SYSTEM VALUE VALUES ($1, 'imported')", [`Bench ${l}`]);

    console.log(`\nPostgreSQL: writing ${fmt(COUNT)} rows with COPY (setup, not measured as load) …`);
    t = performance.now();
    const client = await pool.connect();
    // Load without the secondary index, then build it, like a bulk import would.
    await client.query('DROP INDEX dnc_numbers_number_idx');
    const stream = client.query(copyFrom('COPY dnc_numbers (list_id, number) FROM STDIN'));
    // (list, number) pairs must be unique: sort packed keys and skip repeats.
    const keys = new Float64Array(COUNT);
    for (let k = 0; k < COUNT; k++) keys[k] = numbers[k]! * 8 + listOf[k]!;
    keys.sort();
    const CHUNK = 50_000;
    for (let i = 0; i < COUNT; i += CHUNK) {
      let text = '';
      for (let k = i; k < Math.min(COUNT, i + CHUNK); k++) {
        if (k > 0 && keys[k] === keys[k - 1]) continue;
        const list = keys[k]! % 8;
        text += `${list}\t${(keys[k]! - list) / 8}\n`;
      }
      if (!stream.write(text)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
    await client.query('CREATE INDEX dnc_numbers_number_idx ON dnc_numbers (number)');
    await client.query('UPDATE dnc_lists SET number_count = c.n FROM (SELECT list_id, count(*) AS n FROM dnc_numbers GROUP BY list_id) c WHERE c.list_id = dnc_lists.id');
    await client.query('VACUUM ANALYZE dnc_numbers');
    client.release();
    console.log(`  written in ${fmt((performance.now() - t) / 1000)} s`);

    const rows = Number((await pool.query('SELECT count(*) AS n FROM dnc_numbers')).rows[0].n);
    const l0 = memory();
    t = performance.now();
    const { set: loaded } = await loadBlockedSet(storage);
    const loadMs = performance.now() - t;
    const l1 = memory();
    console.log(`Load from PostgreSQL (COPY TO STDOUT, streamed into typed arrays): ${fmt(loadMs)} ms for ${fmt(rows)} rows (${fmt((rows / loadMs) * 1000)} rows/s)`);
    report('memory of the loaded set', l0, l1, loaded.stats().bytes);
    let missing = 0;
    for (let i = 0; i < COUNT; i += 13) if ((loaded.maskOf(numbers[i]!) & loaded.maskOfLists([listOf[i]!])) === 0) missing++;
    console.log(`  exactness after load: ${missing} false negatives over ${fmt(Math.ceil(COUNT / 13))} checked`);
  } finally {
    await storage.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
