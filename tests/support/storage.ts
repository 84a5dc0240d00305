import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStorage, redactUrl, type Storage } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

/**
 * The storage tier runs every contract test against both engines: the embedded one (PGlite,
 * in memory) and a real PostgreSQL server (a fresh database per test file, dropped after).
 * Without a reachable PostgreSQL the postgres half is skipped loudly — and fails under CI=true.
 */
export type Engine = 'embedded' | 'postgres';

export const ADMIN_URL = process.env.PACER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let reachable: Promise<boolean> | undefined;

export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (err) {
      const message = `PostgreSQL is not reachable at ${redactUrl(ADMIN_URL)} (${(err as Error).message}).`;
      if (process.env.CI) throw new Error(`${message} CI needs it: the storage tests run on both engines.`);
      process.stderr.write(`\n*** WARNING: ${message} The PostgreSQL half of the storage tests is SKIPPED. Start PostgreSQL or set PACER_TEST_DATABASE_URL. ***\n\n`);
      return false;
    }
  })();
  return reachable;
}

/** The engines to run against, for describe.each. */
export const engines: Engine[] = ['embedded', 'postgres'];

export interface TestStorage extends Storage {
  /** For postgres: the URL of this test's own database (the CLI and other processes can use it). */
  url: string | undefined;
}

export async function openTestStorage(engine: Engine, options: { migrate?: boolean } = {}): Promise<TestStorage> {
  const migrate = options.migrate ?? true;
  if (engine === 'embedded') {
    const storage = await openStorage({});
    if (migrate) await migrateToLatest(storage);
    return { ...storage, url: undefined };
  }
  const name = `pacer_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const storage = await openStorage({ databaseUrl: url.toString() });
  if (migrate) await migrateToLatest(storage);
  return {
    ...storage,
    url: url.toString(),
    close: async () => {
      await storage.close();
      const dropper = new pg.Client({ connectionString: ADMIN_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * The engines this run can use: postgres drops out (loudly) only outside CI. While working on
 * one test, PACER_TEST_ENGINE=embedded (or postgres) runs it on that engine alone; CI ignores it.
 */
export async function availableEngines(): Promise<Engine[]> {
  const usable: Engine[] = (await postgresReachable()) ? engines : ['embedded'];
  const only = process.env.CI ? undefined : process.env.PACER_TEST_ENGINE;
  return only ? usable.filter((e) => e === only) : usable;
}
