import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLimits } from '../../src/config.js';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { basicMapping, createList, upload, visibleRecords } from './support.js';

/** L1: malformed files and limits get clear 4xx or per-row errors; nothing is half-written; the server keeps serving. */
describe.each(await availableEngines())('L1 malformed files and limits (%s)', (engine) => {
  let t: TestApp;
  let small: TestApp;
  let supervisor: Session;
  let smallSupervisor: Session;

  beforeAll(async () => {
    t = await startTestApp(engine);
    supervisor = await t.signInAs('supervisor');
    small = await startTestApp(engine, { limits: { ...defaultLimits, maxFileBytes: 10_000, maxColumns: 5, maxCellChars: 50, maxRecordsPerList: 5 } });
    smallSupervisor = await small.signInAs('supervisor');
  });
  afterAll(async () => {
    await t?.close();
    await small?.close();
  });

  /** Nothing of the list is visible, no staged row is left, and the server still answers. */
  async function expectNothingWritten(app: TestApp, who: Session, listId: number) {
    expect(await visibleRecords(app, listId)).toHaveLength(0);
    const staged = await app.storage.db.selectFrom('contact_records').select((eb) => eb.fn.countAll<number>().as('n')).where('list_id', '=', listId).executeTakeFirstOrThrow();
    expect(Number(staged.n)).toBe(0);
    expect((await who.call('GET', `/api/lists/${listId}`)).status).toBe(200);
  }

  const cases: Array<[string, Buffer | string, RegExp, number]> = [
    ['an empty file', '', /empty/, 422],
    ['a header only', 'name,phone\n', /no data rows/, 422],
    ['an unbalanced quote', 'name,phone\nA,+81312345678\n"B,+81312345679\nC,+81312345670\n', /malformed at row 3.*quote/, 422],
    ['a binary file', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), randomBytes(4000)]), /binary|malformed|not valid/, 422],
    ['a 50 MB cell', `name,phone\n"${'x'.repeat(50 * 1024 * 1024)}",+81312345678\n`, /malformed at row 2.*too long/, 422],
  ];
  for (const [label, file, message, status] of cases) {
    it(`L1 ${label} → ${status} with a clear message; nothing written; the server keeps serving`, async () => {
      const listId = await createList(supervisor);
      const res = await upload(t, supervisor, listId, file, { mapping: basicMapping });
      expect(res.status, res.body.slice(0, 300)).toBe(status);
      expect(res.json.error.message).toMatch(message);
      await expectNothingWritten(t, supervisor, listId);
    });
  }

  it('L1 ragged rows (more or fewer cells than the header) are per-row errors with the row number', async () => {
    const listId = await createList(supervisor, { defaultRegion: 'JP' });
    const res = await upload(t, supervisor, listId, 'name,phone\nA,03-1234-5678\nB,03-1234-5679,extra\nC\nD,03-1234-5670\n', { mapping: basicMapping });
    expect(res.json).toMatchObject({ status: 'committed', imported: 2, rejected: 2 });
    const errors = (await supervisor.call('GET', `/api/lists/${listId}/imports/${res.json.importId}/errors`)).json.items;
    expect(errors).toEqual([
      { row: 3, column: null, value: null, reason: expect.stringMatching(/^The row has 3 cells but the header has 2 columns/) },
      { row: 4, column: null, value: null, reason: expect.stringMatching(/^The row has 1 cells but the header has 2 columns/) },
    ]);
  });

  it('L1 a file that breaks after 25,000 good rows leaves nothing visible and no staged records', async () => {
    const listId = await createList(supervisor, { defaultRegion: 'US' });
    const good = Array.from({ length: 25_000 }, (_, i) => `P${i},(602) ${200 + Math.floor(i / 10000)}-${String(i % 10000).padStart(4, '0')}`);
    const res = await upload(t, supervisor, listId, `name,phone\n${good.join('\n')}\n"broken,(602) 555-0100\n`, { mapping: basicMapping });
    expect(res.status).toBe(422);
    expect(res.json.error.details).toMatchObject({ row: 25_002, importId: expect.any(Number) });
    await expectNothingWritten(t, supervisor, listId);
    const view = await supervisor.call('GET', `/api/lists/${listId}/imports/${res.json.error.details.importId}`);
    expect(view.json).toMatchObject({ status: 'failed', imported: 0, error: { code: 'invalid_file' } });
    expect((await supervisor.call('GET', `/api/lists/${listId}`)).json.recordCount).toBe(0);
  });

  it('L1 limits: file size → 413, columns → 422, cell length → per-row error, records per list → 422; each with its env var', async () => {
    const listId = await createList(smallSupervisor);
    const big = `name,phone\n${Array.from({ length: 600 }, (_, i) => `P${i},+8131234${String(i).padStart(4, '0')}`).join('\n')}\n`;
    const tooBig = await upload(small, smallSupervisor, listId, big, { mapping: basicMapping });
    expect(tooBig.status, tooBig.body).toBe(413);
    expect(tooBig.json.error.message).toMatch(/PACER_MAX_FILE_BYTES/);
    const huge = await upload(small, smallSupervisor, listId, 'x'.repeat(1_100_000), { mapping: basicMapping });
    expect(huge.status).toBe(413);

    const wide = await upload(small, smallSupervisor, listId, 'name,phone,a,b,c,d\nA,+81312345678,1,2,3,4\n', { mapping: basicMapping });
    expect(wide.status).toBe(422);
    expect(wide.json.error.message).toMatch(/6 columns; the limit is 5 \(PACER_MAX_COLUMNS\)/);

    const longCell = await upload(small, smallSupervisor, listId, `name,phone\n${'n'.repeat(60)},+81312345678\nOK,+81312345679\n`, { mapping: basicMapping });
    expect(longCell.json).toMatchObject({ status: 'committed', imported: 1, rejected: 1 });
    const cellErrors = (await smallSupervisor.call('GET', `/api/lists/${listId}/imports/${longCell.json.importId}/errors`)).json.items;
    expect(cellErrors[0]).toMatchObject({ row: 2, column: 'name', reason: expect.stringMatching(/60 characters; the limit is 50 \(PACER_MAX_CELL_CHARS\)/) });

    const five = `name,phone\n${Array.from({ length: 5 }, (_, i) => `Q${i},+8131111000${i}`).join('\n')}\n`;
    const full = await upload(small, smallSupervisor, listId, five, { mapping: basicMapping });
    expect(full.status).toBe(422);
    expect(full.json.error).toMatchObject({ code: 'limit_exceeded', details: { records: 6, limit: 5 } });
    expect(full.json.error.message).toMatch(/PACER_MAX_RECORDS_PER_LIST/);
    expect((await smallSupervisor.call('GET', `/api/lists/${listId}`)).json.recordCount).toBe(1);
    expect((await smallSupervisor.call('GET', '/api/lists')).status).toBe(200);
  });
});
