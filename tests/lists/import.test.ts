import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { basicMapping, createList, upload, visibleRecords } from './support.js';

/** L1: CSV import with column mapping, per-row errors, E.164, time zones. */
describe.each(await availableEngines())('L1 list import (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let supervisor: Session;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
    supervisor = await t.signInAs('supervisor');
  });
  afterAll(() => t?.close());

  it('L1 imports a mapped file: numbers to E.164, custom columns kept, per-row errors listed', async () => {
    const listId = await createList(supervisor, { defaultRegion: 'JP' });
    const csv = [
      'name,furigana,phone,home,zip,note',
      'Sato Ichiro,サトウイチロウ,03-1234-5678,,100-0001,VIP',
      'Bad Number,,12,,,x',
      'Two Numbers,,090-1234-5678,not a number,,y',
    ].join('\n');
    const res = await upload(t, supervisor, listId, csv, {
      mapping: { phones: [{ column: 'phone', type: 'work' }, { column: 'home', type: 'home' }], name: 'name', phoneticName: 'furigana', postalCode: 'zip' },
    });
    expect(res.status, res.body).toBe(200);
    expect(res.json).toMatchObject({ status: 'committed', rowsRead: 3, imported: 2, rejected: 1, duplicates: 0, encoding: 'utf-8' });
    const records = await visibleRecords(t, listId);
    expect(records.map((r) => r.name)).toEqual(['Sato Ichiro', 'Two Numbers']);
    expect(records[0]).toMatchObject({ phonetic_name: 'サトウイチロウ', postal_code: '100-0001', time_zone: 'Asia/Tokyo', region: 'JP', custom: { note: 'VIP' } });
    expect(records[0]!.phones).toEqual([{ number: '+81312345678', type: 'work', column: 'phone' }]);
    const errors = await supervisor.call('GET', `/api/lists/${listId}/imports/${res.json.importId}/errors`);
    expect(errors.json.items).toEqual([
      { row: 3, column: 'phone', value: '12', reason: expect.stringMatching(/not a valid phone number/i) },
      { row: 4, column: 'home', value: 'not a number', reason: expect.stringMatching(/not a valid phone number/i) },
    ]);
    const list = await supervisor.call('GET', `/api/lists/${listId}`);
    expect(list.json).toMatchObject({ recordCount: 2, importCount: 1 });
  });
});
