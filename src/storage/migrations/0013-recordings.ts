import type { Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * Recorded messages (D5, D6, T2): the abandon message and the message left on a machine, as a
 * supervisor uploads them, kept in the database so that every dialer node plays the same audio.
 * `pcm` is 8 kHz mono 16-bit little-endian linear PCM, what a telephone line carries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE TABLE recordings (
      id           serial PRIMARY KEY,
      name         text NOT NULL,
      pcm          bytea NOT NULL,
      duration_ms  integer NOT NULL,
      created_at   timestamptz NOT NULL,
      created_by   integer REFERENCES users(id) ON DELETE SET NULL
    );
    CREATE UNIQUE INDEX recordings_name_idx ON recordings (lower(name));
  `);
}
