import { sql, type Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * The dashboard's record counts (issue 4 point 11; R1, L8 list penetration, O11 per-agent
 * progress). Counting `campaign_records` per campaign reads every row of the campaign — 0.47 s
 * on PostgreSQL and 0.9 s embedded at 1,000,000 records, with or without a covering index
 * (docs/DASHBOARD.md) — too much to repeat every second. Instead the table keeps a journal of
 * counts: after each statement that inserts, updates or deletes campaign records, a statement
 * trigger appends one row per (campaign, owner, status, skipped) it changed, with the change
 * (+n / −n). The counts are the sums; the dashboard compacts the journal (sum and replace,
 * src/dashboard/record-counts.ts) so it stays a few rows per group.
 *
 * Append-only on purpose: a counter row updated in place would be locked by the transaction
 * that changed it — a 1,000,000-record append seeding for 20 s would stall every dial write of
 * the campaign. Appends never wait for each other, and every node sees the same counts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE campaign_record_counts (
      campaign_id  integer NOT NULL,
      owner_id     integer NOT NULL,
      status       text NOT NULL,
      skipped      boolean NOT NULL,
      n            bigint NOT NULL
    );
    CREATE INDEX campaign_record_counts_campaign_idx ON campaign_record_counts (campaign_id);
    INSERT INTO campaign_record_counts (campaign_id, owner_id, status, skipped, n)
      SELECT campaign_id, owner_id, status, skips > 0, count(*) FROM campaign_records GROUP BY 1, 2, 3, 4;
  `);
  // Function bodies are sent whole (runScript splits at line-ending semicolons).
  await sql`
    CREATE FUNCTION campaign_record_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO campaign_record_counts (campaign_id, owner_id, status, skipped, n)
        SELECT campaign_id, owner_id, status, skips > 0, count(*) FROM new_rows GROUP BY 1, 2, 3, 4;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION campaign_record_counts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO campaign_record_counts (campaign_id, owner_id, status, skipped, n)
        SELECT campaign_id, owner_id, status, skips > 0, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION campaign_record_counts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO campaign_record_counts (campaign_id, owner_id, status, skipped, n)
        SELECT campaign_id, owner_id, status, skipped, sum(n) FROM (
          SELECT campaign_id, owner_id, status, skips > 0 AS skipped, 1 AS n FROM new_rows
          UNION ALL
          SELECT campaign_id, owner_id, status, skips > 0, -1 FROM old_rows
        ) change
        GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
      RETURN NULL;
    END $$`.execute(db);
  await runScript(db, `
    CREATE TRIGGER campaign_record_counts_insert AFTER INSERT ON campaign_records
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_record_counts_inserted();
    CREATE TRIGGER campaign_record_counts_delete AFTER DELETE ON campaign_records
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_record_counts_deleted();
    CREATE TRIGGER campaign_record_counts_update AFTER UPDATE ON campaign_records
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_record_counts_updated();
  `);
}
