/**
 * Issue 4 point 11 (R1, O11): what the dashboard's record counts cost, and what keeping them
 * costs the writers. For each engine and size: a campaign of that many `campaign_records`
 * (mixed statuses, 200 owners) on a fresh database, then
 *   - the direct grouped count over `campaign_records` (what migration 0009 avoids),
 *   - the count from the journal (src/dashboard/record-counts.ts), after 2,000 status changes,
 *   - the writers' cost: seeding the records, 2,000 one-row status updates and 20 updates of
 *     100 rows, each with the journal's triggers and without them (ALTER TABLE … DISABLE TRIGGER).
 *
 * Run: node --import tsx bench/dashboard-counts.ts [--sizes 100000,1000000] [--engines embedded,postgres]
 */
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { compactRecordCounts, countCampaignRecords } from '../src/dashboard/record-counts.js';
import type { Database } from '../src/storage/schema.js';
import { openTestStorage, type Engine } from '../tests/support/storage.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000,1000000' }, engines: { type: 'string', default: 'embedded,postgres' } } });
const SIZES = values.sizes.split(',').map(Number);
const ENGINES = values.engines.split(',') as Engine[];
const STATUSES = `(ARRAY['pending','pending','pending','pending','done','done','set_aside','in_progress','callback','pending'])`;

const ms = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const median = async (runs: number, fn: () => Promise<unknown>): Promise<number> => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await ms(fn));
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
};
const triggers = (db: Kysely<Database>, on: boolean) => sql.raw(`ALTER TABLE campaign_records ${on ? 'ENABLE' : 'DISABLE'} TRIGGER USER`).execute(db);

async function seed(db: Kysely<Database>, campaignId: number, size: number): Promise<number> {
  return ms(() => sql`INSERT INTO campaign_records (campaign_id, record_id, list_id, batch, status, owner_id, zone_key, sort_key, skips, updated_at)
    SELECT ${campaignId}::int, g, 1, 1, (${sql.raw(STATUSES)})[1 + g % 10], g % 200, 'America/New_York|US', '\\x00'::bytea, CASE WHEN g % 13 = 0 THEN 1 ELSE 0 END, now()
      FROM generate_series(1, ${size}::int) AS g`.execute(db));
}

async function updates(db: Kysely<Database>, campaignId: number, offset: number): Promise<{ single: number; batch: number }> {
  const single = await ms(async () => {
    for (let i = 0; i < 2_000; i++) {
      await sql`UPDATE campaign_records SET status = 'done', updated_at = now() WHERE campaign_id = ${campaignId} AND record_id = ${offset + i * 7}`.execute(db);
    }
  });
  const batch = await ms(async () => {
    for (let i = 0; i < 20; i++) {
      const ids = Array.from({ length: 100 }, (_, k) => offset + 20_000 + (i * 100 + k) * 3);
      await sql`UPDATE campaign_records SET status = 'set_aside', reason = 'bench', updated_at = now() WHERE campaign_id = ${campaignId} AND record_id = ANY(${ids}::bigint[])`.execute(db);
    }
  });
  return { single: single / 2_000, batch: batch / 20 };
}

async function run(engine: Engine, size: number): Promise<void> {
  const storage = await openTestStorage(engine);
  const { db } = storage;
  try {
    await sql`INSERT INTO queues (name) VALUES ('bench')`.execute(db);
    await sql`INSERT INTO contact_lists (name) VALUES ('bench')`.execute(db);
    await sql`INSERT INTO list_imports (list_id, status, mapping) VALUES (1, 'committed', '{}')`.execute(db);
    await sql`INSERT INTO campaigns (name, mode, status, queue_id, settings) VALUES ('with', 'agent_owned_preview', 'running', 1, '{}'), ('without', 'agent_owned_preview', 'running', 1, '{}')`.execute(db);
    await sql`INSERT INTO contact_records (list_id, import_id, row_number, name, phones, custom)
              SELECT 1, 1, g + 1, 'C' || g, '[]', '{}' FROM generate_series(1, ${size}::int) AS g`.execute(db);
    const seedWith = await seed(db, 1, size);
    await triggers(db, false);
    const seedWithout = await seed(db, 2, size);
    await sql`VACUUM ANALYZE campaign_records`.execute(db);
    const without = await updates(db, 2, 1);
    await triggers(db, true);
    const withTriggers = await updates(db, 1, 1);
    const direct = await median(5, () => sql`SELECT owner_id, status, skips > 0, count(*) FROM campaign_records WHERE campaign_id = 1 GROUP BY 1, 2, 3`.execute(db));
    const journalRows = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM campaign_record_counts WHERE campaign_id = 1`.execute(db)).rows[0]!.n);
    const journal = await median(21, () => countCampaignRecords(db, [1]));
    const compact = await ms(() => compactRecordCounts(db));
    const compacted = await median(21, () => countCampaignRecords(db, [1]));
    const f = (x: number) => x.toFixed(x < 10 ? 2 : 0);
    console.log(
      `${engine} ${size.toLocaleString('en')}: seed ${f(seedWith)} ms with triggers / ${f(seedWithout)} ms without; ` +
        `one-row update ${f(withTriggers.single)} / ${f(without.single)} ms; 100-row update ${f(withTriggers.batch)} / ${f(without.batch)} ms; ` +
        `direct grouped count ${f(direct)} ms; journal count ${f(journal)} ms over ${journalRows} rows, ${f(compacted)} ms after compaction (${f(compact)} ms)`,
    );
  } finally {
    await storage.close();
  }
}

for (const engine of ENGINES) for (const size of SIZES) await run(engine, size);
