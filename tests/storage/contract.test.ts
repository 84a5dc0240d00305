import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { availableEngines, openTestStorage, type TestStorage } from '../support/storage.js';

/** The storage contract: what every engine must do the same way (foundation §2). */
describe.each(await availableEngines())('storage contract (%s)', (engine) => {
  let s: TestStorage;
  beforeAll(async () => {
    s = await openTestStorage(engine);
  });
  afterAll(() => s?.close());

  it('migrations are forward-only and a second run applies nothing', async () => {
    expect(await migrateToLatest(s)).toEqual([]);
    const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(s.db);
    expect(applied.rows.map((r) => r.name)[0]).toBe('0001-initial');
  });

  it('bigint ids come back as numbers, timestamps as instants, JSON with every script intact', async () => {
    const now = new Date('2026-03-29T00:30:00Z');
    const list = await s.db.insertInto('contact_lists').values({ name: 'Łódź — 名簿', created_at: now }).returning(['id', 'created_at']).executeTakeFirstOrThrow();
    expect(list.created_at.toISOString()).toBe(now.toISOString());
    const imp = await s.db.insertInto('list_imports').values({ list_id: list.id, status: 'committed', mapping: JSON.stringify({ name: '名前' }), error: null, started_at: now }).returning('id').executeTakeFirstOrThrow();
    const rec = await s.db
      .insertInto('contact_records')
      .values({ list_id: list.id, import_id: imp.id, row_number: 1, name: 'Żółć Gęślą', phonetic_name: 'ヤマダ タロウ', phones: JSON.stringify([{ number: '+48221234567', type: 'home', column: 'telefon' }]), custom: JSON.stringify({ 残高: '12000' }) })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(typeof rec.id).toBe('number');
    expect(rec.phones[0]!.number).toBe('+48221234567');
    expect(rec.custom['残高']).toBe('12000');
    expect(rec.phonetic_name).toBe('ヤマダ タロウ');
    const dnc = await s.db.insertInto('dnc_lists').values({ name: 'Internal', created_at: now }).returning('id').executeTakeFirstOrThrow();
    await s.db.insertInto('dnc_numbers').values({ list_id: dnc.id, number: 999999999999999, added_at: now, added_by: null, reason: null }).execute();
    const n = await s.db.selectFrom('dnc_numbers').select('number').executeTakeFirstOrThrow();
    expect(n.number).toBe(999999999999999);
  });

  it('unique rules hold in the database itself, case-insensitively', async () => {
    const now = new Date();
    await s.db.insertInto('queues').values({ name: 'Collections', created_at: now }).execute();
    await expect(s.db.insertInto('queues').values({ name: 'COLLECTIONS', created_at: now }).execute()).rejects.toThrow(/unique|duplicate/i);
  });

  it('a failed transaction leaves nothing behind', async () => {
    const before = await s.db.selectFrom('queues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(
      s.db.transaction().execute(async (tx) => {
        await tx.insertInto('queues').values({ name: 'Half', created_at: new Date() }).execute();
        await tx.insertInto('queues').values({ name: 'half', created_at: new Date() }).execute();
      }),
    ).rejects.toThrow();
    const after = await s.db.selectFrom('queues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('callback notes are capped at 500 characters by the schema itself (C1)', async () => {
    const now = new Date();
    const q = await s.db.insertInto('queues').values({ name: 'Cap', created_at: now }).returning('id').executeTakeFirstOrThrow();
    const c = await s.db.insertInto('campaigns').values({ name: 'Cap', mode: 'preview', queue_id: q.id, settings: '{}', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const rec = await s.db.selectFrom('contact_records').select('id').executeTakeFirstOrThrow();
    const insert = (notes: string) =>
      s.db.insertInto('callbacks').values({ campaign_id: c.id, record_id: rec.id, phone: '+48221234567', window_start: now, window_end: now, time_zone: 'Europe/Warsaw', notes, created_at: now, updated_at: now }).execute();
    await expect(insert('x'.repeat(500))).resolves.toBeDefined();
    await expect(insert('x'.repeat(501))).rejects.toThrow();
  });
});

describe('storage: the embedded database', () => {
  it('keeps its data across restarts under the data directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-data-'));
    try {
      const first = await openStorage({ dataDir: dir });
      await migrateToLatest(first);
      await first.db.insertInto('queues').values({ name: 'Kept', created_at: new Date() }).execute();
      await first.close();
      expect(fs.existsSync(path.join(dir, 'pgdata'))).toBe(true);

      const second = await openStorage({ dataDir: dir });
      expect(await migrateToLatest(second)).toEqual([]);
      const rows = await second.db.selectFrom('queues').select('name').execute();
      expect(rows.map((r) => r.name)).toEqual(['Kept']);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
