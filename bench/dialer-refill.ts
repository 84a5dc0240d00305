/**
 * Issue 4 point 4: the record buffer's refill must cost the same at 1,000,000 records as at
 * 100,000. For each size: a list of that many records (custom "Balance" sort column, contacts
 * in eight time zones) written straight into a fresh PostgreSQL database, seeded into a campaign
 * (sort key and zone computed once), then the two refill queries — fresh records in the
 * supervisor's order from the open zones, and due retries — EXPLAIN ANALYZEd (in a transaction
 * rolled back, since they claim) and timed. Then the same for a campaign ordered by answer
 * likelihood (D4): the candidate queries, and whole likelihood refills (a 3× candidate window
 * read with the candidates' own tries, the likeliest claimed) with 2% of the records tried before.
 * Prints the plans and the figures.
 *
 * Run: node --import tsx bench/dialer-refill.ts [--sizes 100000,1000000] [--limit 100]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadCampaignDefinition } from '../src/campaigns/load-campaign-definition.js';
import { zoneTable } from '../src/compliance/zone-table.js';
import { emptyTallies, localSlot, slotIndex } from '../src/dialer/answer-likelihood.js';
import { AnswerStats } from '../src/dialer/answer-stats.js';
import { claimFreshRecords, dueClaimSql, freshClaimSql } from '../src/dialer/claim-records.js';
import { claimByLikelihood, dueCandidatesSql, freshCandidatesSql } from '../src/dialer/order-by-likelihood.js';
import { campaignZones, ensureBatch, seedCampaignRecords } from '../src/dialer/seed-campaign-records.js';
import { openStorage, type Storage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000,1000000' }, limit: { type: 'string', default: '100' } } });
const SIZES = values.sizes.split(',').map(Number);
const LIMIT = Number(values.limit);
const ADMIN_URL = process.env.PACER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'Asia/Tokyo', 'Europe/Warsaw', 'Europe/London'];

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function fresh(name: string): Promise<{ storage: Storage; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const storage = await openStorage({ databaseUrl: url.toString() });
  await migrateToLatest(storage);
  return {
    storage,
    drop: async () => {
      await storage.close();
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

async function explain(pool: pg.Pool, query: { sql: string; parameters: readonly unknown[] }): Promise<{ plan: string; ms: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const res = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${query.sql}`, query.parameters as unknown[]);
    await client.query('ROLLBACK');
    const plan = res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
    return { plan, ms };
  } finally {
    client.release();
  }
}

async function run(size: number): Promise<void> {
  const { storage, drop } = await fresh(`pacer_bench_refill_${size}`);
  try {
    const db = storage.db;
    const pool = (storage.raw as { pool: pg.Pool }).pool;
    const now = new Date('2026-01-05T15:00:00Z'); // 10:00 in New York: the American zones are open, Tokyo is not
    let t = performance.now();
    await pool.query(`INSERT INTO queues (name) VALUES ('bench')`);
    await pool.query(`INSERT INTO contact_lists (name) VALUES ('bench')`);
    await pool.query(`INSERT INTO list_imports (list_id, status, mapping) VALUES (1, 'committed', '{"phones":[{"column":"phone","type":"home"}],"name":"name"}')`);
    await pool.query(
      `INSERT INTO contact_records (list_id, import_id, row_number, name, time_zone, region, phones, custom)
       SELECT 1, 1, g + 1, 'Contact ' || g, ($2::text[])[1 + g % 8], CASE WHEN g % 8 = 5 THEN 'JP' WHEN g % 8 >= 6 THEN 'PL' ELSE 'US' END,
              jsonb_build_array(jsonb_build_object('number', '+1212' || lpad(g::text, 7, '0'), 'type', 'home', 'column', 'phone')),
              jsonb_build_object('Balance', ((g::bigint * 7919) % 1000003)::text)
         FROM generate_series(1, $1::int) AS g`,
      [size, ZONES],
    );
    console.log(`\n== ${size.toLocaleString('en')} records: written in ${secs(performance.now() - t)}`);
    const settings = { sortOrder: [{ column: 'Balance', direction: 'desc', compareAs: 'number' }], contactableTimes: { defaultTimeZone: 'America/New_York' } };
    await pool.query(`INSERT INTO campaigns (name, mode, queue_id, settings, status) VALUES ('bench', 'progressive', 1, $1, 'running')`, [JSON.stringify(settings)]);
    await pool.query(`INSERT INTO campaign_lists (campaign_id, list_id) VALUES (1, 1)`);
    const { definition } = await loadCampaignDefinition(db, 1);
    t = performance.now();
    await ensureBatch(db, 1, 1, now);
    const seeded = await seedCampaignRecords(db, { campaignId: 1, batch: 1, definition, listIds: [1] }, now);
    console.log(`seeded ${seeded.toLocaleString('en')} campaign records (sort key, zone) in ${secs(performance.now() - t)}`);
    // Some records were tried before and are due again now, others later.
    await pool.query(`UPDATE campaign_records SET next_attempt_at = $1::timestamptz - ((record_id % 600) || ' minutes')::interval + interval '5 hours' WHERE record_id % 50 = 0`, [now]);
    await pool.query('ANALYZE');
    const zones = (await campaignZones(db, 1)).filter((z) => !z.startsWith('Asia/Tokyo') && !z.startsWith('Europe/'));
    const args = { campaignId: 1, ownerId: 0, nodeId: 'bench', now, limit: LIMIT };
    const freshPlan = await explain(pool, freshClaimSql({ ...args, zones }).compile(db));
    const duePlan = await explain(pool, dueClaimSql(args).compile(db));
    console.log(`fresh-records claim, ${LIMIT} records from ${zones.length} open zones of ${(await campaignZones(db, 1)).length}: ${freshPlan.ms.toFixed(2)} ms\n${freshPlan.plan}`);
    console.log(`due-records claim, up to ${LIMIT}: ${duePlan.ms.toFixed(2)} ms\n${duePlan.plan}`);
    // Steady state: consecutive refills walk down the index.
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      const got = await claimFreshRecords(db, { ...args, zones });
      times.push(performance.now() - s);
      if (got.length !== LIMIT) throw new Error(`refill ${i} returned ${got.length}`);
    }
    times.sort((a, b) => a - b);
    console.log(`20 consecutive refills of ${LIMIT} (claim + contact data, round trip): median ${times[10]!.toFixed(2)} ms, max ${times[19]!.toFixed(2)} ms`);
    await likelihood(pool, storage, now, zones, args);
  } finally {
    await drop();
  }
}

/** D4: the answer-likelihood refill on the same list. */
async function likelihood(pool: pg.Pool, storage: Storage, now: Date, zones: string[], args: { campaignId: number; ownerId: number; nodeId: string; now: Date; limit: number }): Promise<void> {
  const db = storage.db;
  // The records scheduled above were each tried once before (no answer, or an answer for every fifth).
  await pool.query(`UPDATE campaign_records SET attempts = 1 WHERE next_attempt_at IS NOT NULL`);
  await pool.query(
    `INSERT INTO dial_attempts (id, campaign_id, batch, record_id, number_dialed, origin, node_id, queued_at, dialed_at, ended_at, system_result)
     SELECT 'b' || record_id, 1, 1, record_id, '+1', 'dialer', 'bench', t, t, t + interval '30 seconds', CASE WHEN record_id % 250 = 0 THEN 'connected' ELSE 'no_answer' END
       FROM (SELECT record_id, $1::timestamptz - ((record_id % 4000) || ' minutes')::interval - interval '1 day' AS t FROM campaign_records WHERE next_attempt_at IS NOT NULL) AS x`,
    [now],
  );
  await pool.query('ANALYZE');
  const stats = new AnswerStats();
  let t = performance.now();
  await stats.refresh(db, 1, 'America/New_York', now, true);
  const tries = stats.tallies.reduce((n, x) => n + x.tries, 0);
  console.log(`answer statistics loaded from ${tries.toLocaleString('en')} stored tries (28 days) in ${(performance.now() - t).toFixed(1)} ms`);
  // Six hours later every scheduled record is due; that hour in New York answers best.
  const later = new Date(now.getTime() + 6 * 3_600_000);
  const tallies = emptyTallies();
  tallies[slotIndex(localSlot(zoneTable('America/New_York')!, later.getTime()))] = { tries: 1000, live: 600 };
  const ranks = zones.map((z) => (z.startsWith('America/New_York') ? 0 : 1));
  const freshPlan = await explain(pool, freshCandidatesSql(args, zones, ranks).compile(db));
  console.log(`fresh candidates, zones ranked by likelihood, ${LIMIT}: ${freshPlan.ms.toFixed(2)} ms\n${freshPlan.plan}`);
  const duePlan = await explain(pool, dueCandidatesSql({ ...args, now: later, limit: 3 * LIMIT }).compile(db));
  console.log(`due candidates, ${3 * LIMIT}: ${duePlan.ms.toFixed(2)} ms\n${duePlan.plan}`);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    const got = await claimByLikelihood({ db, tallies, defaultTimeZone: 'America/New_York' }, { ...args, now: later }, zones);
    times.push(performance.now() - t);
    if (got.length !== LIMIT) throw new Error(`likelihood refill ${i} returned ${got.length}`);
  }
  times.sort((a, b) => a - b);
  console.log(`20 consecutive likelihood refills of ${LIMIT} (${3 * LIMIT} due + ${LIMIT} fresh candidates read with their tries, scored, ${LIMIT} claimed; round trip): median ${times[10]!.toFixed(2)} ms, max ${times[19]!.toFixed(2)} ms`);
}

for (const size of SIZES) await run(size);
