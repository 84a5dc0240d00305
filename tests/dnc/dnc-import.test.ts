import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoNotCall } from '../../src/dnc/do-not-call.js';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { upload } from './upload.js';

/** L4: CSV import of numbers into a DNC list — streamed, reported row by row, all or nothing. */
describe.each(await availableEngines())('L4 do-not-call CSV import (%s)', (engine) => {
  let t: TestApp;
  let supervisor: Session;

  beforeAll(async () => {
    t = await startTestApp(engine, { limits: { maxFileBytes: 400_000, maxColumns: 200, maxCellChars: 4096, maxRecordsPerList: 5_000_000 } });
    supervisor = await t.signInAs('supervisor');
  });
  afterAll(() => t?.close());

  const newList = async (name: string) => (await supervisor.call('POST', '/api/dnc/lists', { name, source: 'imported' })).json.id as number;
  const count = async (id: number) => (await supervisor.call('GET', `/api/dnc/lists/${id}`)).json.numberCount as number;
  const stored = async (id: number) =>
    Number((await t.storage.db.selectFrom('dnc_numbers').select((eb) => eb.fn.countAll<number>().as('n')).where('list_id', '=', id).executeTakeFirstOrThrow()).n);

  it('L4 imports the column named by its header; invalid rows are reported with row, column, value and reason', async () => {
    const id = await newList('Regulator file');
    const csv = ['name,phone,note', 'Sato,03-1234-5678,a', 'Suzuki,+81 6 1234 5678,b', 'Bad,12,c', 'Empty,,d', 'Tanaka,090-1234-5678,e', 'Again,0312345678,dup'].join('\n');
    const res = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import?column=Phone&region=JP`, csv);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ listId: id, rowsRead: 6, imported: 3, duplicates: 1, rejected: 2, errorsTruncated: false });
    expect(res.json.errors).toEqual([
      { row: 4, line: 4, column: 'column "phone"', value: '12', reason: expect.stringMatching(/too short|possible length/) },
      { row: 5, line: 5, column: 'column "phone"', value: '', reason: expect.stringMatching(/^is empty/) },
    ]);
    expect(await count(id)).toBe(3);
    for (const n of ['+81312345678', '+81612345678', '+819012345678']) expect(t.dnc.isBlocked(n, [id])).toBe(true);
  });

  it('L4 without a column name the first column is used, and a header is detected (or not)', async () => {
    const id = await newList('First column');
    const withHeader = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import`, 'Phone number;Name\n+12015550101;A\n+12015550102;B\n');
    expect(withHeader.json).toMatchObject({ rowsRead: 2, imported: 2 });
    const noHeader = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import?region=US`, '(201) 555-0103\n201-555-0101\n\n');
    expect(noHeader.json).toMatchObject({ rowsRead: 2, imported: 1, duplicates: 1 });
    expect(await count(id)).toBe(3);
    expect(t.dnc.isBlocked('+12015550103')).toBe(true);
  });

  it('L4 a Shift_JIS file with a Japanese header imports with encoding=shift_jis', async () => {
    const id = await newList('Shift JIS');
    const bytes = iconv.encode('氏名,電話番号\r\n佐藤,03-1111-2222\r\n', 'shift_jis');
    const res = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import?column=${encodeURIComponent('電話番号')}&region=JP&encoding=shift_jis`, bytes);
    expect(res.status).toBe(200);
    expect(res.json.imported).toBe(1);
    expect(t.dnc.isBlocked('+81311112222')).toBe(true);
  });

  it('L4 an unknown column name is refused, naming the columns the file has', async () => {
    const id = await newList('Wrong column');
    const res = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import?column=mobile`, 'name,phone\nA,+12015550111\n');
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/no column "mobile"; its columns are "name", "phone"/);
    expect(await stored(id)).toBe(0);
  });

  it('L4 an empty file, a header with no rows and a file of only bad numbers are refused, nothing added', async () => {
    const id = await newList('Empty files');
    const empty = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import`, '');
    expect(empty.status).toBe(422);
    expect(empty.json.error).toMatchObject({ code: 'invalid_file', message: expect.stringMatching(/file is empty/) });
    const headerOnly = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import`, 'phone\n');
    expect(headerOnly.status).toBe(422);
    expect(headerOnly.json.error.message).toMatch(/header row but no numbers/);
    const allBad = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import`, '2015550123\n2015550124\n');
    expect(allBad.status).toBe(422);
    expect(allBad.json.error.message).toMatch(/None of the 2 row\(s\).*check the column and the region/);
    expect(allBad.json.error.details.errors[0]).toMatchObject({ row: 1, value: '2015550123', reason: expect.stringMatching(/no country code/) });
    expect(await stored(id)).toBe(0);
  });

  it('L4 malformed CSV midway (after 12,000 good rows) adds nothing — in the database, in memory, after a reload', async () => {
    const id = await newList('Broken upload');
    const good = Array.from({ length: 12_000 }, (_, i) => `+1201${String(5_000_000 + i)}`);
    const csv = `phone\n${good.join('\n')}\n"+12025550100,unclosed quote\n+12025550101\n`;
    const res = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import`, csv);
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: 'invalid_file', message: expect.stringMatching(/not valid CSV.*nothing was imported/) });
    expect(await stored(id)).toBe(0);
    expect(await count(id)).toBe(0);
    for (const n of [good[0]!, good[6_000]!, good[11_999]!]) expect(t.dnc.isBlocked(n)).toBe(false);
    const reloaded = await DoNotCall.load(t.storage);
    for (const n of [good[0]!, good[11_999]!]) expect(reloaded.isBlocked(n)).toBe(false);
  });

  it('L4 a database failure midway through writing (third batch of 5,000) adds nothing, in the database or in memory', async () => {
    const id = await newList('Database fails');
    const good = Array.from({ length: 14_000 }, (_, i) => `+1305${String(5_000_000 + i)}`);
    // A real database error on the 12,001st row in write order (numbers are written ascending).
    await sql.raw(`
      CREATE FUNCTION pacer_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.number = 13055012000 THEN RAISE EXCEPTION 'disk full (simulated)'; END IF;
        RETURN NEW;
      END $$`).execute(t.storage.db);
    await sql.raw('CREATE TRIGGER pacer_test_fail BEFORE INSERT ON dnc_numbers FOR EACH ROW EXECUTE FUNCTION pacer_test_fail()').execute(t.storage.db);
    try {
      const res = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import`, good.join('\n'));
      expect(res.status).toBe(500);
    } finally {
      await sql.raw('DROP TRIGGER pacer_test_fail ON dnc_numbers').execute(t.storage.db);
      await sql.raw('DROP FUNCTION pacer_test_fail()').execute(t.storage.db);
    }
    expect(await stored(id)).toBe(0);
    expect(await count(id)).toBe(0);
    for (const n of [good[0]!, good[5_000]!, good[11_999]!]) expect(t.dnc.isBlocked(n)).toBe(false);
    expect((await DoNotCall.load(t.storage)).isBlocked(good[0]!)).toBe(false);
    const retry = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import`, good.join('\n'));
    expect(retry.json).toMatchObject({ imported: 14_000 });
    expect(t.dnc.isBlocked(good[13_999]!, [id])).toBe(true);
  });

  it('L4 an upload larger than the size limit fails with 413 and adds nothing', async () => {
    const id = await newList('Too big');
    const rows = Array.from({ length: 40_000 }, (_, i) => `+1303${String(5_000_000 + i)}`).join('\n'); // ~520 kB > 400 kB
    const res = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import`, rows);
    expect(res.status).toBe(413);
    expect(await stored(id)).toBe(0);
    expect(t.dnc.isBlocked('+13035000000')).toBe(false);
  });

  it('L4 strict mode refuses the whole file when any row is invalid', async () => {
    const id = await newList('Strict');
    const res = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import?strict=true`, '+12015550150\nnonsense\n+12015550151\n');
    expect(res.status).toBe(422);
    expect(res.json.error.details.errors).toEqual([expect.objectContaining({ row: 2, value: 'nonsense' })]);
    expect(await stored(id)).toBe(0);
    expect(t.dnc.isBlocked('+12015550150')).toBe(false);
  });

  it('L4 a large import (20,000 rows, many repeated) lands whole and every number is blocked', async () => {
    const id = await newList('Large');
    const numbers = Array.from({ length: 20_000 }, (_, i) => `+4420${String(70_000_000 + (i % 15_000))}`);
    const res = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import`, numbers.join('\n'));
    expect(res.json).toMatchObject({ rowsRead: 20_000, imported: 15_000, duplicates: 5_000, rejected: 0 });
    expect(await stored(id)).toBe(15_000);
    expect(numbers.every((n) => t.dnc.isBlocked(n, [id]))).toBe(true);
    const again = await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import`, numbers.slice(0, 100).join('\n'));
    expect(again.json).toMatchObject({ imported: 0, duplicates: 100 });
  });

  it('L4 bad requests: not multipart (415), unknown list (404), unknown region or encoding (400), agents (403)', async () => {
    const id = await newList('Bad requests');
    const json = await supervisor.call('POST', `/api/dnc/lists/${id}/import`, { numbers: ['+12015550123'] });
    expect(json.status).toBe(415);
    expect((await upload(t, supervisor.cookie, '/api/dnc/lists/99999/import', '+12015550123\n')).status).toBe(404);
    expect((await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import?region=ZZ`, '+12015550123\n')).status).toBe(400);
    expect((await upload(t, supervisor.cookie, `/api/dnc/lists/${id}/import?encoding=klingon`, '+12015550123\n')).status).toBe(400);
    const agent = await t.signInAs('agent');
    expect((await upload(t, agent.cookie, `/api/dnc/lists/${id}/import`, '+12015550123\n')).status).toBe(403);
    expect(await stored(id)).toBe(0);
  });
});
