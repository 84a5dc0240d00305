import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { basicMapping, createList, multipartBody, upload, visibleRecords } from './support.js';

/** L1, L2, O10: the list API — lists, uploads, progress, errors, roles, encodings, duplicates and appends. */
describe.each(await availableEngines())('L1 lists API (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let supervisor: Session;
  let agent: Session;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
    supervisor = await t.signInAs('supervisor');
    agent = await t.signInAs('agent');
  });
  afterAll(() => t?.close());

  it('L1 create, list (paginated, with record counts), get and soft-delete a list', async () => {
    const created = await supervisor.call('POST', '/api/lists', { name: 'Tokyo renewals', defaultRegion: 'jp', defaultTimeZone: 'Asia/Tokyo' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Tokyo renewals', defaultRegion: 'JP', defaultTimeZone: 'Asia/Tokyo', recordCount: 0 });
    const id = created.json.id;
    expect((await supervisor.call('POST', '/api/lists', { name: 'tokyo RENEWALS' })).status).toBe(409);
    expect((await supervisor.call('POST', '/api/lists', { name: 'X', defaultRegion: 'ZZ' })).json.error.message).toMatch(/country code/);
    expect((await supervisor.call('POST', '/api/lists', { name: 'Y', defaultTimeZone: 'Mars/Olympus' })).json.error.message).toMatch(/IANA/);
    await upload(t, supervisor, id, 'name,phone\nA,03-1234-5678\nB,03-1234-5679\n', { mapping: basicMapping });
    const page = await admin.call('GET', '/api/lists?limit=1&q=tokyo');
    expect(page.json).toMatchObject({ total: 1, limit: 1, offset: 0, items: [{ id, recordCount: 2, importCount: 1 }] });
    expect((await admin.call('GET', `/api/lists/${id}`)).json.recordCount).toBe(2);
    expect((await admin.call('DELETE', `/api/lists/${id}`)).status).toBe(204);
    expect((await admin.call('GET', `/api/lists/${id}`)).status).toBe(404);
    expect((await admin.call('GET', '/api/lists?q=tokyo')).json.total).toBe(0);
  });

  it('L1 agents may not see, create or import into lists (403)', async () => {
    const listId = await createList(admin);
    expect((await agent.call('GET', '/api/lists')).status).toBe(403);
    expect((await agent.call('POST', '/api/lists', { name: 'Mine' })).status).toBe(403);
    const res = await upload(t, agent, listId, 'name,phone\nA,+81312345678\n', { mapping: basicMapping });
    expect(res.status).toBe(403);
    expect(await visibleRecords(t, listId)).toHaveLength(0);
    expect((await t.app.inject({ method: 'GET', url: `/api/lists/${listId}` })).statusCode).toBe(401);
  });

  it('L1 an upload answers 202 at once with the import ID; progress shows rows and bytes until committed', async () => {
    const listId = await createList(supervisor);
    const csv = 'name,phone\n' + Array.from({ length: 300 }, (_, i) => `P${i},(602) 555-${String(1000 + i)}`).join('\n');
    const res = await upload(t, supervisor, listId, csv, { mapping: basicMapping, wait: false });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ listId, status: 'running', importId: expect.any(Number) });
    let view;
    for (let i = 0; i < 200; i++) {
      view = (await supervisor.call('GET', `/api/lists/${listId}/imports/${res.json.importId}`)).json;
      if (view.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(view).toMatchObject({ status: 'committed', rowsRead: 300, imported: 300, rejected: 0, bytesRead: Buffer.byteLength(csv), error: null });
    const history = await supervisor.call('GET', `/api/lists/${listId}/imports`);
    expect(history.json.items.map((i: { id: number }) => i.id)).toEqual([res.json.importId]);
  });

  it('L1 per-row errors as paginated JSON and as a CSV download with a BOM (row, column, value, reason)', async () => {
    const listId = await createList(supervisor);
    const csv = 'name,phone\nGood,(602) 555-0100\nBad,"=1+2"\nShort\nEmpty,\n';
    const res = await upload(t, supervisor, listId, csv, { mapping: basicMapping });
    expect(res.json).toMatchObject({ status: 'committed', rowsRead: 4, imported: 1, rejected: 3, errorCount: 3 });
    const page = await supervisor.call('GET', `/api/lists/${listId}/imports/${res.json.importId}/errors?limit=2`);
    expect(page.json).toMatchObject({ total: 3, limit: 2 });
    expect(page.json.items).toEqual([
      { row: 3, column: 'phone', value: '=1+2', reason: expect.stringMatching(/valid phone number/) },
      { row: 4, column: null, value: null, reason: expect.stringMatching(/1 cells but the header has 2 columns/) },
    ]);
    const download = await t.app.inject({ method: 'GET', url: `/api/lists/${listId}/imports/${res.json.importId}/errors.csv`, headers: { cookie: supervisor.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toMatch(/text\/csv/);
    expect(download.headers['content-disposition']).toMatch(/attachment/);
    expect(download.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = download.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('row,column,value,reason');
    expect(lines[1]).toMatch(/^3,phone,'=1\+2,/); // a formula is defused for Excel
    expect(lines).toHaveLength(4);
    expect((await supervisor.call('GET', `/api/lists/${listId}/imports/999999/errors`)).status).toBe(404);
  });

  it('L1 mapping: up to 10 typed phone columns, name from several columns, owner, region per row, all else kept in custom', async () => {
    const listId = await createList(supervisor, { defaultRegion: 'US' });
    const csv = ['imię,nazwisko,komórka,praca,kraj,opiekun,uwagi', 'Łukasz,Nowak,601 234 567,22 123 45 67,PL,agent.a@example.test,"tak, proszę"'].join('\n');
    const mapping = { phones: [{ column: 'komórka', type: 'mobile' }, { column: 'praca', type: 'work' }], name: ['imię', 'nazwisko'], region: 'kraj', owner: 'opiekun' };
    const res = await upload(t, supervisor, listId, csv, { mapping });
    expect(res.json).toMatchObject({ status: 'committed', imported: 1 });
    const [record] = await visibleRecords(t, listId);
    expect(record).toMatchObject({ name: 'Łukasz Nowak', region: 'PL', owner_ref: 'agent.a@example.test', time_zone: 'Europe/Warsaw', time_zone_source: 'phone', custom: { uwagi: 'tak, proszę' } });
    expect(record!.phones).toEqual([
      { number: '+48601234567', type: 'mobile', column: 'komórka' },
      { number: '+48221234567', type: 'work', column: 'praca' },
    ]);
    const eleven = { phones: Array.from({ length: 11 }, (_, i) => ({ column: `p${i}`, type: 'other' })) };
    expect((await upload(t, supervisor, listId, csv, { mapping: eleven })).status).toBe(400);
  });

  it('L1 a mapped column missing from the header → 422 naming it; duplicate header names → 422; nothing stored', async () => {
    const listId = await createList(supervisor);
    const missing = await upload(t, supervisor, listId, 'name,tel\nA,+81312345678\n', { mapping: basicMapping });
    expect(missing.status).toBe(422);
    expect(missing.json.error).toMatchObject({ code: 'invalid_file', details: { column: 'phone' } });
    expect(missing.json.error.message).toMatch(/"phone".*no such column/);
    const dup = await upload(t, supervisor, listId, 'name,phone,phone\nA,+81312345678,+81312345679\n', { mapping: basicMapping });
    expect(dup.status).toBe(422);
    expect(dup.json.error.message).toMatch(/"phone" twice \(columns 2 and 3\)/);
    const badJson = await upload(t, supervisor, listId, 'name,phone\nA,1\n', { mapping: undefined, path: '?wait=true' });
    expect(badJson.status).toBe(200); // no mapping: guessed from the header
    const { body, contentType } = multipartBody({ mapping: '{"phones": [' }, 'name,phone\n');
    const broken = await t.app.inject({ method: 'POST', url: `/api/lists/${listId}/imports?wait=true`, headers: { cookie: supervisor.cookie, 'content-type': contentType }, payload: body });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid_json');
    const imports = await supervisor.call('GET', `/api/lists/${listId}/imports`);
    expect(imports.json.items.filter((i: { status: string }) => i.status === 'committed')).toHaveLength(1);
  });

  it('L1 preview: the first rows and a mapping guessed from English, Japanese and Polish headers', async () => {
    const listId = await createList(supervisor);
    const csv = '名前,フリガナ,電話番号,携帯番号,郵便番号,担当者メール,メモ\n山田太郎,ヤマダタロウ,03-1234-5678,090-1234-5678,100-0001,agent@example.test,x\n';
    const { body, contentType } = multipartBody({}, iconv.encode(csv, 'shift_jis'));
    const res = await t.app.inject({ method: 'POST', url: `/api/lists/${listId}/imports/preview?rows=5`, headers: { cookie: supervisor.cookie, 'content-type': contentType }, payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      encoding: 'shift_jis',
      delimiter: ',',
      header: ['名前', 'フリガナ', '電話番号', '携帯番号', '郵便番号', '担当者メール', 'メモ'],
      rows: [['山田太郎', 'ヤマダタロウ', '03-1234-5678', '090-1234-5678', '100-0001', 'agent@example.test', 'x']],
      mapping: {
        phones: [{ column: '電話番号', type: 'other' }, { column: '携帯番号', type: 'mobile' }],
        name: '名前',
        phoneticName: 'フリガナ',
        postalCode: '郵便番号',
        owner: '担当者メール',
      },
    });
    const mismatched = await t.app.inject({ method: 'POST', url: `/api/lists/${listId}/imports/preview`, headers: { cookie: supervisor.cookie, 'content-type': multipartBody({}, 'x').contentType }, payload: body });
    expect(mismatched.statusCode).toBe(400); // a body whose boundary does not match its Content-Type
    const one = multipartBody({}, 'First Name;Last Name;Mobile Phone;Home Phone;ZIP;Agent Email;Email\nAnn;Lee;(602) 555-0100;;85001;a@x.test;ann@x.test\n');
    const en2 = await t.app.inject({ method: 'POST', url: `/api/lists/${listId}/imports/preview`, headers: { cookie: supervisor.cookie, 'content-type': one.contentType }, payload: one.body });
    expect(en2.json()).toMatchObject({ delimiter: ';', mapping: { phones: [{ column: 'Mobile Phone', type: 'mobile' }, { column: 'Home Phone', type: 'home' }], name: ['First Name', 'Last Name'], postalCode: 'ZIP', owner: 'Agent Email' } });
    expect(await visibleRecords(t, listId)).toHaveLength(0);
  });

  it('L1 encodings: UTF-8, UTF-8 with BOM, Shift_JIS and Windows-1250 detected; a named encoding that does not fit → 422', async () => {
    const jp = '名前,電話番号\n山田太郎,03-1234-5678\n';
    const pl = 'imię,telefon\nŁukasz Żółć,+48 22 123 45 67\nGrzegorz Brzęczyszczykiewicz,601 234 567\n';
    const cases: Array<[string, Buffer, string, string]> = [
      ['utf-8', Buffer.from(jp), 'utf-8', '山田太郎'],
      ['utf-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(jp)]), 'utf-8', '山田太郎'],
      ['shift_jis', iconv.encode(jp, 'shift_jis'), 'shift_jis', '山田太郎'],
      ['windows-1250', iconv.encode(pl, 'windows-1250'), 'windows-1250', 'Łukasz Żółć'],
    ];
    for (const [label, bytes, encoding, name] of cases) {
      const listId = await createList(supervisor, { defaultRegion: label === 'windows-1250' ? 'PL' : 'JP' });
      const res = await upload(t, supervisor, listId, bytes, { mapping: { phones: [{ column: label === 'windows-1250' ? 'telefon' : '電話番号', type: 'other' }], name: label === 'windows-1250' ? 'imię' : '名前' } });
      expect(res.json, label).toMatchObject({ status: 'committed', encoding });
      const records = await visibleRecords(t, listId);
      expect(records[0]!.name, label).toBe(name);
    }
    const listId = await createList(supervisor);
    const wrong = await upload(t, supervisor, listId, iconv.encode(jp, 'shift_jis'), { encoding: 'utf-8', mapping: { phones: [{ column: '電話番号', type: 'other' }] } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error.message).toMatch(/not valid UTF-8/);
    const unknown = await upload(t, supervisor, listId, jp, { encoding: 'ebcdic', mapping: basicMapping });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toMatch(/utf-8, shift_jis or windows-1250/);
  });

  it('L1 time zone: column, then US ZIP, then the number, then the default — with its source stored', async () => {
    const listId = await createList(supervisor, { defaultRegion: 'US', defaultTimeZone: 'America/Chicago' });
    const csv = [
      'name,phone,tz,zip',
      'column,(212) 555-0101,Asia/Tokyo,',
      'zip,(212) 555-0102,,85001',
      'phone,(602) 555-0103,,',
      'bad tz,(303) 555-0104,Mars/Base,',
      'default,+1 800 555 0105,,',
    ].join('\n');
    const res = await upload(t, supervisor, listId, csv, { mapping: { phones: [{ column: 'phone', type: 'home' }], name: 'name', timeZone: 'tz', postalCode: 'zip' } });
    expect(res.json).toMatchObject({ status: 'committed', imported: 5, errorCount: 1 });
    const zones = Object.fromEntries((await visibleRecords(t, listId)).map((r) => [r.name, [r.time_zone, r.time_zone_source]]));
    expect(zones).toEqual({
      column: ['Asia/Tokyo', 'column'],
      zip: ['America/Phoenix', 'postal_code'],
      phone: ['America/Phoenix', 'phone'],
      'bad tz': ['America/Denver', 'phone'],
      default: ['America/Chicago', 'default'],
    });
  });

  it('L1 duplicates within a file: a later row with the same primary number is rejected as "duplicate of row N"', async () => {
    const listId = await createList(supervisor, { defaultRegion: 'JP' });
    const csv = 'name,phone\nFirst,03-1234-5678\nSecond,+81 3 1234 5678\nThird,03-1234-5679\n';
    const res = await upload(t, supervisor, listId, csv, { mapping: basicMapping });
    expect(res.json).toMatchObject({ imported: 2, rejected: 1, duplicates: 1 });
    const errors = await supervisor.call('GET', `/api/lists/${listId}/imports/${res.json.importId}/errors`);
    expect(errors.json.items).toEqual([{ row: 3, column: 'phone', value: '+81 3 1234 5678', reason: expect.stringMatching(/^Duplicate of row 2/) }]);
  });

  it('L2 O10 append: a second import adds records; a row repeating a primary number replaces that record in place (fixing its owner)', async () => {
    const listId = await createList(supervisor, { defaultRegion: 'JP' });
    const mapping = { ...basicMapping, owner: 'owner' };
    const first = await upload(t, supervisor, listId, 'name,phone,owner\nA,03-1111-0001,nobody@example.test\nB,03-1111-0002,agent.b@example.test\n', { mapping });
    expect(first.json).toMatchObject({ imported: 2, replaced: 0 });
    const before = await visibleRecords(t, listId);
    const idOfA = before.find((r) => r.name === 'A')!.id;
    // A campaign is running on the list: appending is still allowed.
    const now = t.clock.now();
    const queue = await t.storage.db.insertInto('queues').values({ name: `Q${listId}`, created_at: now }).returning('id').executeTakeFirstOrThrow();
    const campaign = await t.storage.db
      .insertInto('campaigns')
      .values({ name: `Running ${listId}`, mode: 'agent_owned_preview', queue_id: queue.id, owner_column: 'owner', status: 'running', settings: '{}', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.storage.db.insertInto('campaign_lists').values({ campaign_id: campaign.id, list_id: listId }).execute();

    const second = await upload(t, supervisor, listId, 'name,phone,owner\nA fixed,+81 3 1111 0001,agent.a@example.test\nC,03-1111-0003,agent.c@example.test\n', { mapping });
    expect(second.json).toMatchObject({ status: 'committed', imported: 2, replaced: 1 });
    const after = await visibleRecords(t, listId);
    expect(after.map((r) => r.name).sort()).toEqual(['A fixed', 'B', 'C']);
    const a = after.find((r) => r.name === 'A fixed')!;
    expect(a.id).toBe(idOfA);
    expect(a.owner_ref).toBe('agent.a@example.test');
    expect((await supervisor.call('GET', `/api/lists/${listId}`)).json.recordCount).toBe(3);
    // The console shows the newest import, the campaigns using the list, and who uploaded each file.
    const shown = (await supervisor.call('GET', '/api/lists?limit=100')).json.items.find((l: { id: number }) => l.id === listId);
    expect(shown).toMatchObject({ lastImport: { id: second.json.importId, status: 'committed', finishedAt: expect.any(String) }, campaigns: [{ id: campaign.id, name: `Running ${listId}`, status: 'running' }] });
    const history = (await supervisor.call('GET', `/api/lists/${listId}/imports`)).json.items;
    const uploader = (await t.storage.db.selectFrom('users').select('display_name').where('id', '=', supervisor.userId).executeTakeFirstOrThrow()).display_name;
    expect(history.map((i: { id: number; startedBy: string }) => [i.id, i.startedBy])).toEqual([[second.json.importId, uploader], [first.json.importId, uploader]]);
    // The list cannot be deleted while the campaign runs.
    expect((await supervisor.call('DELETE', `/api/lists/${listId}`)).status).toBe(409);
  });

  it('L1 the list and import routes are in the OpenAPI document, the upload as multipart/form-data', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/lists', '/api/lists/{id}', '/api/lists/{id}/imports', '/api/lists/{id}/imports/{importId}', '/api/lists/{id}/imports/{importId}/errors', '/api/lists/{id}/imports/{importId}/errors.csv', '/api/lists/{id}/imports/preview']),
    );
    const uploadOp = doc.paths['/api/lists/{id}/imports'].post;
    expect(uploadOp.description).toMatch(/multipart\/form-data/);
    expect(Object.keys(uploadOp.responses)).toEqual(expect.arrayContaining(['200', '202', '413', '422']));
  });
});
