import type { Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * Lists (L1, issue point 9): every index on contact_records is paid for on each imported row,
 * so the table keeps only the ones a query reads.
 *
 * - The owner index goes: owners are read by scanning a list's records (the O3 error monitor
 *   groups every record by owner) and the dialer reads `campaign_records.owner_id`; with and
 *   without the index those queries take the same time on a 1,000,000-record list, and it cost
 *   ~1 s of every 1,000,000-row import on PostgreSQL (~2 s embedded).
 * - The primary-number index, which an append matches on (equality only), becomes a hash
 *   index: on random numbers a B-tree costs twice as much to fill (~2.5 s of a 1,000,000-row
 *   import on PostgreSQL against ~1.3 s).
 *
 * Kept: the primary key, (list_id, id) for reading a list in order, and import_id for seeding,
 * committing and deleting an import.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    DROP INDEX contact_records_owner_idx;
    DROP INDEX contact_records_primary_number_idx;
    CREATE INDEX contact_records_primary_number_idx ON contact_records USING hash (((phones->0->>'number')));
  `);
}
