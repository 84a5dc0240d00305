import type { Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * Named settings an administrator keeps for campaigns to start from (issue 6 point 7): wrap-up
 * code sets and contactable-time templates. A campaign takes a copy when it is built or edited,
 * so changing a template never changes the rules of a campaign already dialing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE setting_templates (
      id          serial PRIMARY KEY,
      kind        text NOT NULL CHECK (kind IN ('wrap_up_codes', 'contactable_times')),
      name        text NOT NULL,
      body        jsonb NOT NULL,
      created_at  timestamptz NOT NULL,
      created_by  integer REFERENCES users(id) ON DELETE SET NULL,
      updated_at  timestamptz NOT NULL,
      updated_by  integer REFERENCES users(id) ON DELETE SET NULL
    );
    CREATE UNIQUE INDEX setting_templates_name_idx ON setting_templates (kind, lower(name));
  `);
}
