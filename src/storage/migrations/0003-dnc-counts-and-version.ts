import type { Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * L4 do-not-call lists: a kept count of numbers per list (no scan of millions of rows to show
 * a list), and one version counter that every DNC change bumps in its own transaction, so
 * each server process can tell whether its in-memory set is behind the database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE dnc_lists ADD COLUMN number_count bigint NOT NULL DEFAULT 0;
    ALTER TABLE dnc_lists ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    UPDATE dnc_lists SET number_count = (SELECT count(*) FROM dnc_numbers WHERE dnc_numbers.list_id = dnc_lists.id);

    -- One row. The last statement of every DNC change is "version = version + 1": its row
    -- lock orders DNC commits across all nodes, and the value tells a node what it has seen.
    CREATE TABLE dnc_state (
      id       boolean PRIMARY KEY DEFAULT true CHECK (id),
      version  bigint NOT NULL DEFAULT 0
    );
    INSERT INTO dnc_state (id, version) VALUES (true, 0);
  `);
}
