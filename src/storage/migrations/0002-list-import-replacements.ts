import type { Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * Lists (L1, L2, O10): an append may replace records whose primary number it repeats.
 * `list_imports.replaced` counts them; the index finds a list's record by its primary number
 * (the first phone), which is what an append matches on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE list_imports ADD COLUMN replaced integer NOT NULL DEFAULT 0;
    CREATE INDEX contact_records_primary_number_idx ON contact_records (list_id, ((phones->0->>'number')));
  `);
}
