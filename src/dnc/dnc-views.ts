import { sql, type Kysely, type Transaction } from 'kysely';
import type { Clock } from '../shared/clock.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { MAX_DNC_LISTS } from './blocked-set.js';
import type { DoNotCall } from './do-not-call.js';

/** What the DNC use cases need, wired in the composition root. */
export interface DncDeps {
  db: Kysely<Database>;
  dnc: DoNotCall;
  clock: Clock;
}

export type DncSource = 'internal' | 'imported';

export interface DncListView {
  id: number;
  name: string;
  source: DncSource;
  numberCount: number;
  createdAt: string;
  updatedAt: string;
}

/** The list a `do_not_call` wrap-up adds to; created on demand. */
export const INTERNAL_LIST_NAME = 'Internal';

type Db = Kysely<Database> | Transaction<Database>;

export async function findDncList(db: Db, id: number): Promise<DncListView | undefined> {
  const row = await db.selectFrom('dnc_lists').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? listView(row) : undefined;
}

export async function requireDncList(db: Db, id: number): Promise<DncListView> {
  const list = await findDncList(db, id);
  if (!list) throw notFound('Do-not-call list', id);
  return list;
}

export function listView(row: { id: number; name: string; source: DncSource; number_count: number; created_at: Date; updated_at: Date }): DncListView {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    numberCount: Number(row.number_count),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Serialises list creation on every node (an advisory lock held to commit) and refuses a list
 * beyond the 32 the in-memory set has room for. One slot stays free for the Internal list
 * that a `do_not_call` wrap-up needs, so a wrap-up can always record its number.
 */
export async function assertRoomForList(trx: Transaction<Database>, forInternal: boolean): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(4474435)`.execute(trx); // 'DNC'
  const rows = await trx.selectFrom('dnc_lists').select(['id', 'name']).execute();
  const internalExists = rows.some((r) => r.name.toLowerCase() === INTERNAL_LIST_NAME.toLowerCase());
  const room = MAX_DNC_LISTS - (internalExists || forInternal ? 0 : 1);
  if (rows.length >= room) {
    throw new AppError(
      'limit_exceeded',
      `There are already ${rows.length} do-not-call lists; at most ${MAX_DNC_LISTS} can exist (one kept for the "${INTERNAL_LIST_NAME}" list of wrap-ups). Delete a list, or import into an existing one.`,
      { lists: rows.length, max: MAX_DNC_LISTS },
    );
  }
}

export async function assertNameFree(db: Db, name: string, exceptId?: number): Promise<void> {
  let query = db.selectFrom('dnc_lists').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const clash = await query.executeTakeFirst();
  if (clash) throw new AppError('conflict', `A do-not-call list named "${name}" already exists; choose another name.`, { listId: clash.id });
}

/** Keeps dnc_lists.number_count in step with a change of `delta` numbers. */
export async function bumpCount(trx: Transaction<Database>, listId: number, delta: number, now: Date): Promise<void> {
  await trx
    .updateTable('dnc_lists')
    .set((eb) => ({ number_count: eb('number_count', '+', delta), updated_at: now }))
    .where('id', '=', listId)
    .execute();
}
