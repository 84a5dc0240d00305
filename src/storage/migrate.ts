import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Storage } from './database.js';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-list-import-replacements.js';
import * as m0003 from './migrations/0003-dnc-counts-and-version.js';
import * as m0004 from './migrations/0004-campaign-lifecycle.js';
import * as m0005 from './migrations/0005-dialer-runtime.js';
import * as m0006 from './migrations/0006-contact-record-import-indexes.js';
import * as m0008 from './migrations/0008-callback-search-indexes.js';
import * as m0009 from './migrations/0009-campaign-record-counts.js';
import * as m0010 from './migrations/0010-agent-sessions.js';
import * as m0011 from './migrations/0011-setting-templates.js';
import * as m0012 from './migrations/0012-user-sip-uri.js';
import * as m0013 from './migrations/0013-recordings.js';
import * as m0014 from './migrations/0014-attempt-greeting-end.js';

/**
 * The numbered, forward-only migrations, in order. Adding one: create
 * migrations/NNNN-what-it-does.ts with an `up` function and list it here.
 */
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-list-import-replacements': m0002,
  '0003-dnc-counts-and-version': m0003,
  '0004-campaign-lifecycle': m0004,
  '0005-dialer-runtime': m0005,
  '0006-contact-record-import-indexes': m0006,
  '0008-callback-search-indexes': m0008,
  '0009-campaign-record-counts': m0009,
  '0010-agent-sessions': m0010,
  '0011-setting-templates': m0011,
  '0012-user-sip-uri': m0012,
  '0013-recordings': m0013,
  '0014-attempt-greeting-end': m0014,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; run on every start. On PostgreSQL, nodes take a lock first. */
export async function migrateToLatest(storage: Storage): Promise<string[]> {
  const migrator = new Migrator({ db: storage.db, provider, allowUnorderedMigrations: false });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
