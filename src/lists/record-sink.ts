import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Storage } from '../storage/database.js';
import { RECORD_COLUMNS } from './copy-format.js';

/**
 * Where an import's records go, in bulk: PostgreSQL COPY FROM STDIN on a server, COPY from a
 * blob on the embedded engine. Rows written here stay invisible until the import commits.
 */
export interface RecordSink {
  /** COPY text: whole lines, each ending in \n. */
  write(copy: Uint8Array): Promise<void>;
  /** Everything written is stored. */
  finish(): Promise<void>;
  /** Stop; what was written may be left for the caller to delete. */
  abort(err: Error): Promise<void>;
  /** After the commit: let go of the connection (and of the import's claim on it). */
  close(): Promise<void>;
}

/**
 * On PostgreSQL a running import holds a session advisory lock (IMPORT_LOCK_CLASS, import ID)
 * on its COPY connection until it commits: a node starting up sweeps only imports whose lock
 * it can take, i.e. whose process died (see sweep-unfinished-imports.ts).
 */
export const IMPORT_LOCK_CLASS = 0x4c31; // 'L1'

/**
 * Every row of an import carries the list and import IDs the importer itself created (and
 * holds), so the per-row foreign-key checks of contact_records are skipped for the COPY —
 * they were most of its cost. SET LOCAL: only inside the COPY's own transaction.
 */
const SKIP_FOREIGN_KEY_CHECKS = 'SET LOCAL session_replication_role = replica';

const copySql = (source: string) => `COPY contact_records (${RECORD_COLUMNS.join(', ')}) FROM ${source}`;

export async function openRecordSink(storage: Storage, importId: number): Promise<RecordSink> {
  if (storage.raw.kind === 'embedded') return embeddedSink(storage.raw.pglite);
  const client = await storage.raw.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [IMPORT_LOCK_CLASS, importId]);
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
  try {
    await client.query('BEGIN');
    await client.query('SAVEPOINT checks');
    // Needs a superuser (or PostgreSQL 15+ with the parameter granted); otherwise the checks stay on.
    await client.query(SKIP_FOREIGN_KEY_CHECKS).catch(() => client.query('ROLLBACK TO SAVEPOINT checks'));
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
  return postgresSink(client, importId);
}

/**
 * PGlite: one COPY from a blob per chunk of records (~2 MiB of COPY text, ~7,500 records; one
 * statement, so all or none of it). PGlite runs on the main thread and blocks it while it
 * copies: short statements let the workers' results keep flowing (8 MiB ones were 15% slower).
 */
function embeddedSink(pglite: Extract<Storage['raw'], { kind: 'embedded' }>['pglite']): RecordSink {
  return {
    async write(copy) {
      if (copy.length === 0) return;
      const blob = new Blob([copy as Uint8Array<ArrayBuffer>]);
      await pglite.transaction(async (tx) => {
        await tx.exec(SKIP_FOREIGN_KEY_CHECKS);
        await tx.query(copySql(`'/dev/blob'`), [], { blob });
      });
    },
    async finish() {},
    async abort() {},
    async close() {},
  };
}

/** PostgreSQL: one COPY FROM STDIN stream for the whole import, in one transaction, with backpressure. */
function postgresSink(client: PoolClient, importId: number): RecordSink {
  const stream = client.query(copyFrom(copySql('STDIN')));
  let failure: Error | undefined;
  stream.on('error', (err: Error) => {
    failure ??= err;
  });
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  return {
    async write(copy) {
      if (failure) throw failure;
      if (copy.length === 0) return;
      if (!stream.write(Buffer.from(copy.buffer, copy.byteOffset, copy.length))) await drained(stream);
      if (failure) throw failure;
    },
    async finish() {
      try {
        if (failure) throw failure;
        stream.end();
        await finished(stream);
        await client.query('COMMIT');
      } catch (err) {
        release(err as Error);
        throw err;
      }
    },
    async abort(err) {
      if (!stream.destroyed) stream.destroy(err);
      // The connection was mid-COPY: drop it (and its lock) rather than hand it back to the pool.
      release(err);
    },
    async close() {
      if (released) return;
      try {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [IMPORT_LOCK_CLASS, importId]);
        release();
      } catch (err) {
        release(err as Error);
      }
    },
  };
}

/** Waits for 'drain', or rejects on 'error', leaving no listener behind. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    stream.on('drain', onDrain);
    stream.on('error', done);
  });
}
