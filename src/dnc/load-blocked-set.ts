import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Storage } from '../storage/database.js';
import { BlockedSet } from './blocked-set.js';

/**
 * L4: builds the in-memory set from the database, streamed: rows go straight into typed
 * arrays, never into 10 million JavaScript objects. PostgreSQL streams one COPY inside a
 * REPEATABLE READ snapshot (so the rows and the version read agree); the embedded engine
 * reads pages by key. Returns the DNC version the set reflects.
 */
export async function loadBlockedSet(storage: Storage): Promise<{ set: BlockedSet; version: number }> {
  return storage.raw.kind === 'postgres' ? loadFromPostgres(storage.raw.pool) : loadFromPglite(storage.raw.pglite);
}

async function loadFromPostgres(pool: pg.Pool): Promise<{ set: BlockedSet; version: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const version = Number((await client.query<{ version: number }>('SELECT version FROM dnc_state')).rows[0]?.version ?? 0);
    const lists = await client.query<{ id: number; number_count: number }>('SELECT id, number_count FROM dnc_lists ORDER BY id');
    const expected = lists.rows.reduce((sum, r) => sum + Number(r.number_count), 0);
    const set = await BlockedSet.build(lists.rows.map((r) => r.id), (add) => copyRows(client, add), expected + 16);
    await client.query('COMMIT');
    return { set, version };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Streams `list_id<TAB>number<LF>` lines and parses the digits straight from the bytes. */
async function copyRows(client: pg.PoolClient, add: (number: number, listId: number) => void): Promise<void> {
  const stream = client.query(copyTo('COPY (SELECT list_id, number FROM dnc_numbers) TO STDOUT'));
  let listId = 0;
  let value = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === 10) {
        add(value, listId);
        value = 0;
      } else if (c === 9) {
        listId = value;
        value = 0;
      } else {
        value = value * 10 + (c - 48);
      }
    }
  }
}

const PAGE = 50_000;

async function loadFromPglite(pglite: PGlite): Promise<{ set: BlockedSet; version: number }> {
  // Read the version first: anything committed later is replayed by DoNotCall's journal.
  const version = Number((await pglite.query<{ version: number }>('SELECT version FROM dnc_state')).rows[0]?.version ?? 0);
  const lists = await pglite.query<{ id: number; number_count: number }>('SELECT id, number_count FROM dnc_lists ORDER BY id');
  const expected = lists.rows.reduce((sum, r) => sum + Number(r.number_count), 0);
  const set = await BlockedSet.build(lists.rows.map((r) => r.id), async (add) => {
    let lastList = 0;
    let lastNumber = 0;
    for (;;) {
      const page = await pglite.query<[number, number]>(
        'SELECT list_id, number FROM dnc_numbers WHERE (list_id, number) > ($1, $2) ORDER BY list_id, number LIMIT $3',
        [lastList, lastNumber, PAGE],
        { rowMode: 'array' },
      );
      for (const [listId, number] of page.rows) add(Number(number), listId);
      if (page.rows.length < PAGE) return;
      const last = page.rows[page.rows.length - 1]!;
      lastList = last[0];
      lastNumber = Number(last[1]);
    }
  }, expected + 16);
  return { set, version };
}
