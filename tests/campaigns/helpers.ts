import type { TestApp } from '../support/app.js';

/**
 * Test data for the campaign tests, written straight into the database: the lists package
 * owns imports, so these tests build committed imports and records the way it stores them.
 */
export async function makeQueue(t: TestApp, name: string): Promise<number> {
  const row = await t.storage.db.insertInto('queues').values({ name, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function makeUser(t: TestApp, opts: { email: string; userCode?: string; role?: 'agent' | 'supervisor' | 'admin'; disabled?: boolean }): Promise<number> {
  const now = t.clock.now();
  const row = await t.storage.db
    .insertInto('users')
    .values({
      email: opts.email,
      user_code: opts.userCode ?? opts.email.split('@')[0]!,
      display_name: opts.email.split('@')[0]!,
      role: opts.role ?? 'agent',
      password_hash: null,
      disabled: opts.disabled ?? false,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function joinQueue(t: TestApp, queueId: number, userId: number): Promise<void> {
  await t.storage.db.insertInto('queue_members').values({ queue_id: queueId, user_id: userId, added_at: t.clock.now() }).execute();
}

export interface RecordSpec {
  name?: string;
  owner?: string | null;
  custom?: Record<string, string>;
}

let phoneCounter = 0;

/** A list with one import (committed unless said otherwise) holding the given records. */
export async function makeList(
  t: TestApp,
  opts: { name: string; mapping?: Record<string, unknown>; records?: RecordSpec[]; status?: 'committed' | 'running' | 'failed' },
): Promise<number> {
  const db = t.storage.db;
  const now = t.clock.now();
  const list = await db.insertInto('contact_lists').values({ name: opts.name, created_at: now }).returning('id').executeTakeFirstOrThrow();
  await appendImport(t, list.id, { mapping: opts.mapping ?? { phones: [{ column: 'phone', type: 'home' }], name: 'name' }, records: opts.records ?? [], status: opts.status ?? 'committed' });
  return list.id;
}

export async function appendImport(
  t: TestApp,
  listId: number,
  opts: { mapping: Record<string, unknown>; records: RecordSpec[]; status?: 'committed' | 'running' | 'failed' },
): Promise<number> {
  const db = t.storage.db;
  const imp = await db
    .insertInto('list_imports')
    .values({ list_id: listId, status: opts.status ?? 'committed', mapping: JSON.stringify(opts.mapping), error: null, started_at: t.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (opts.records.length > 0) {
    await db
      .insertInto('contact_records')
      .values(
        opts.records.map((r, i) => ({
          list_id: listId,
          import_id: imp.id,
          row_number: i + 2,
          name: r.name ?? `Contact ${i + 1}`,
          owner_ref: r.owner ?? null,
          phones: JSON.stringify([{ number: `+1202555${String(1000 + (phoneCounter++ % 9000)).padStart(4, '0')}`, type: 'home', column: 'phone' }]),
          custom: JSON.stringify(r.custom ?? {}),
        })),
      )
      .execute();
  }
  return imp.id;
}
