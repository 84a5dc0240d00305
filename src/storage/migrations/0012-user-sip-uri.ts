import type { Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * Each agent's phone line (issue 8 point 3): the SIP URI of her softphone or desk phone, where the
 * SIP carrier (T2) rings her when a customer answers. Null until an administrator sets it — the
 * simulated carrier needs none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE users ADD COLUMN sip_uri text;
  `);
}
