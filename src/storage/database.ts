import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

/**
 * Storage is either the embedded engine (PGlite: PostgreSQL compiled to WASM, kept under
 * the data directory) or a PostgreSQL server (DATABASE_URL). Both speak the same SQL and run
 * the same migrations; `raw` gives bulk paths (COPY) to the few use cases that need them.
 */
export type RawConnection = { kind: 'embedded'; pglite: PGlite } | { kind: 'postgres'; pool: pg.Pool };

export interface Storage {
  db: Kysely<Database>;
  raw: RawConnection;
  engine: RawConnection['kind'];
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const toNumber = (v: string): number => Number(v);

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server. */
  databaseUrl?: string;
  /** Directory of the embedded database; omit for an in-memory one (tests). */
  dataDir?: string;
}

export async function openStorage(options: OpenOptions): Promise<Storage> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openEmbedded(options.dataDir);
}

async function openEmbedded(dataDir: string | undefined): Promise<Storage> {
  let dir: string | undefined;
  if (dataDir) {
    dir = path.join(dataDir, 'pgdata');
    fs.mkdirSync(dir, { recursive: true });
  }
  const pglite = await PGlite.create({
    ...(dir ? { dataDir: dir } : {}),
    // A 32 MB buffer pool (PGlite's default is 128 MB) keeps the embedded server's memory in
    // budget during bulk imports; the data sits in the OS page cache either way.
    startParams: [...(PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams, '-c', 'shared_buffers=32MB'],
    parsers: { [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    raw: { kind: 'embedded', pglite },
    engine: 'embedded',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(url: string): Promise<Storage> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID ? toNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that dies (server restart, DROP DATABASE … FORCE while the pool ends)
  // is an 'error' event on the pool; unheard, it would crash the process. The pool replaces it.
  pool.on('error', () => undefined);
  // Fail now, with the address, rather than on the first request.
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, raw: { kind: 'postgres', pool }, engine: 'postgres', close: () => db.destroy() };
}

/** A connection string with its password hidden, fit for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
