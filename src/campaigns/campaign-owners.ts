import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/**
 * Who owns the records of an agent-owned campaign (O1–O3). A record's owner is the value of
 * its owner column (`contact_records.owner_ref`), matched case-insensitively against a user's
 * email, then user ID. Only records of committed imports of live lists count.
 */
export const MAX_OWNERS = 200;

export type OwnerProblem = 'unknown_owner' | 'owner_disabled' | 'not_in_queue';
export const ownerProblems: readonly OwnerProblem[] = ['unknown_owner', 'owner_disabled', 'not_in_queue'];

export interface OwnerRow {
  ownerRef: string;
  records: number;
  userId: number | null;
  displayName: string | null;
  problem: OwnerProblem | null;
}

/** Records with an owner in the given lists (committed imports, live lists). */
function ownedRecords(db: Kysely<Database>, listIds: readonly number[]) {
  return db
    .selectFrom('contact_records as r')
    .innerJoin('contact_lists as l', 'l.id', 'r.list_id')
    .innerJoin('list_imports as i', 'i.id', 'r.import_id')
    .where('r.list_id', 'in', listIds.length > 0 ? [...listIds] : [-1])
    .where('l.deleted_at', 'is', null)
    .where('i.status', '=', 'committed')
    .where('r.owner_ref', 'is not', null)
    .where(sql<boolean>`btrim(r.owner_ref) <> ''`);
}

/**
 * Each distinct owner with their record count, the user it resolves to and what is wrong
 * with it (null: deliverable). `ownerKey` is lower(owner_ref), as routing compares it.
 */
function classifiedOwners(db: Kysely<Database>, listIds: readonly number[], queueId: number) {
  return db
    .with('owners', () =>
      ownedRecords(db, listIds)
        .select([sql<string>`lower(r.owner_ref)`.as('owner_key'), sql<string>`min(r.owner_ref)`.as('owner_ref'), sql<number>`count(*)`.as('records')])
        .groupBy(sql`lower(r.owner_ref)`),
    )
    .with('resolved', (qb) =>
      qb.selectFrom('owners as o').select([
        'o.owner_key',
        'o.owner_ref',
        'o.records',
        sql<number | null>`coalesce(
          (SELECT u.id FROM users u WHERE lower(u.email) = o.owner_key),
          (SELECT u.id FROM users u WHERE lower(u.user_code) = o.owner_key))`.as('user_id'),
      ]),
    )
    .with('classified', (qb) =>
      qb
        .selectFrom('resolved as c')
        .leftJoin('users as u', 'u.id', 'c.user_id')
        .select([
          'c.owner_key',
          'c.owner_ref',
          'c.records',
          'c.user_id',
          'u.display_name',
          sql<OwnerProblem | null>`CASE
            WHEN c.user_id IS NULL THEN 'unknown_owner'
            WHEN u.disabled THEN 'owner_disabled'
            WHEN NOT EXISTS (SELECT 1 FROM queue_members qm WHERE qm.queue_id = ${queueId} AND qm.user_id = c.user_id) THEN 'not_in_queue'
          END`.as('problem'),
        ]),
    );
}

export async function listOwners(db: Kysely<Database>, listIds: readonly number[], queueId: number, limit = 1000): Promise<{ owners: OwnerRow[]; total: number }> {
  const base = classifiedOwners(db, listIds, queueId);
  const [rows, count] = await Promise.all([
    base.selectFrom('classified').selectAll().orderBy('owner_key').limit(limit).execute(),
    base.selectFrom('classified').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    owners: rows.map((r) => ({ ownerRef: r.owner_ref, records: Number(r.records), userId: r.user_id, displayName: r.display_name, problem: r.problem })),
    total: Number(count.n),
  };
}

/** O2: how many distinct users own records in these lists (unknown owners are errors, not agents). */
export async function countOwningAgents(db: Kysely<Database>, listIds: readonly number[], queueId: number): Promise<number> {
  const row = await classifiedOwners(db, listIds, queueId)
    .selectFrom('classified')
    .select(sql<number>`count(DISTINCT user_id)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface OwnerErrorCounts {
  ownedRecords: number;
  unownedRecords: number;
  deliverableRecords: number;
  byProblem: Record<OwnerProblem, number>;
}

export async function countOwnerErrors(db: Kysely<Database>, listIds: readonly number[], queueId: number): Promise<OwnerErrorCounts> {
  const [byProblem, unowned] = await Promise.all([
    classifiedOwners(db, listIds, queueId)
      .selectFrom('classified')
      .select(['problem', sql<number>`sum(records)`.as('n')])
      .groupBy('problem')
      .execute(),
    db
      .selectFrom('contact_records as r')
      .innerJoin('contact_lists as l', 'l.id', 'r.list_id')
      .innerJoin('list_imports as i', 'i.id', 'r.import_id')
      .where('r.list_id', 'in', listIds.length > 0 ? [...listIds] : [-1])
      .where('l.deleted_at', 'is', null)
      .where('i.status', '=', 'committed')
      .where(sql<boolean>`coalesce(btrim(r.owner_ref), '') = ''`)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const counts: OwnerErrorCounts = { ownedRecords: 0, unownedRecords: Number(unowned.n), deliverableRecords: 0, byProblem: { unknown_owner: 0, owner_disabled: 0, not_in_queue: 0 } };
  for (const row of byProblem) {
    const n = Number(row.n);
    counts.ownedRecords += n;
    if (row.problem === null) counts.deliverableRecords += n;
    else counts.byProblem[row.problem] = n;
  }
  return counts;
}

export interface OwnerErrorRecord {
  recordId: number;
  listId: number;
  rowNumber: number;
  name: string | null;
  ownerRef: string;
  problem: OwnerProblem;
}

/** The records that will not be delivered, by list and row (paginated), optionally of one problem. */
export async function listOwnerErrorRecords(
  db: Kysely<Database>,
  listIds: readonly number[],
  queueId: number,
  filter: { problem?: OwnerProblem | undefined; limit: number; offset: number },
): Promise<{ items: OwnerErrorRecord[]; total: number }> {
  const base = classifiedOwners(db, listIds, queueId)
    .with('bad', (qb) => {
      let q = qb.selectFrom('classified').select(['owner_key', 'problem']).where('problem', 'is not', null);
      if (filter.problem) q = q.where('problem', '=', filter.problem);
      return q;
    });
  const recordsOf = () =>
    base
      .selectFrom('contact_records as r')
      .innerJoin('contact_lists as l', 'l.id', 'r.list_id')
      .innerJoin('list_imports as i', 'i.id', 'r.import_id')
      .innerJoin('bad', (join) => join.on(sql`lower(r.owner_ref)`, '=', sql.ref('bad.owner_key')))
      .where('r.list_id', 'in', listIds.length > 0 ? [...listIds] : [-1])
      .where('l.deleted_at', 'is', null)
      .where('i.status', '=', 'committed');
  const [rows, count] = await Promise.all([
    recordsOf()
      .select(['r.id', 'r.list_id', 'r.row_number', 'r.name', 'r.owner_ref', 'bad.problem'])
      .orderBy('r.list_id')
      .orderBy('r.row_number')
      .orderBy('r.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    recordsOf().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ recordId: r.id, listId: r.list_id, rowNumber: r.row_number, name: r.name, ownerRef: r.owner_ref ?? '', problem: r.problem as OwnerProblem })),
    total: Number(count.n),
  };
}
