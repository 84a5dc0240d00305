import type { Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * D6: when the called person's greeting ended, as answering-machine detection heard it. The law
 * counts the 2 seconds to reach an agent from there (16 CFR 310.4(b)(1)(iv), 47 CFR
 * 64.1200(a)(7)), and the safe harbor asks for records of it; null without AMD (the answer is
 * the reference then) and for calls nobody answered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    ALTER TABLE dial_attempts ADD COLUMN greeting_ended_at timestamptz;
  `);
}
