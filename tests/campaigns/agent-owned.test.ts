import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { appendImport, joinQueue, makeList, makeQueue, makeUser, type RecordSpec } from './helpers.js';

/**
 * Agent-owned preview campaigns (Genesys seed): the owner column (O1), the 200-owner limit
 * (O2), and the error monitor of undeliverable records (O3). Lists and records are written
 * straight into the database as the lists package stores them.
 */
describe.each(await availableEngines())('agent-owned campaigns (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let queueId: number;
  let suzuki: number;
  let tanaka: number;
  let outsider: number;
  let n = 0;
  const OWNER = '担当者メール';
  const ownerMapping = { phones: [{ column: '電話番号', type: 'home' }], name: '名前', owner: OWNER };

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
    queueId = await makeQueue(t, 'Collections');
    suzuki = await makeUser(t, { email: 'suzuki@example.jp', userCode: 'SUZUKI01' });
    tanaka = await makeUser(t, { email: 'tanaka@example.jp', userCode: 'TANAKA01' });
    outsider = await makeUser(t, { email: 'ito@example.jp', userCode: 'ITO01' });
    await joinQueue(t, queueId, suzuki);
    await joinQueue(t, queueId, tanaka);
  });
  afterAll(() => t?.close());

  const createOwned = async (extra: Record<string, unknown> = {}) =>
    admin.call('POST', '/api/campaigns', { name: `Owned ${++n}`, mode: 'agent_owned_preview', ownerColumn: OWNER, queueId, callerId: '+81312345678', ...extra });
  const ownedList = (records: RecordSpec[]) => makeList(t, { name: `Accounts ${++n}`, mapping: ownerMapping, records });

  it('O1 an agent-owned preview campaign needs the owner column; other modes cannot have one', async () => {
    const missing = await admin.call('POST', '/api/campaigns', { name: 'No owner column', mode: 'agent_owned_preview', queueId });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details).toEqual([{ where: 'body', path: 'ownerColumn', problem: expect.stringMatching(/needs ownerColumn: the list column holding each record's owner/) }]);
    const wrongMode = await admin.call('POST', '/api/campaigns', { name: 'Owner on power', mode: 'power', ownerColumn: OWNER, queueId });
    expect(wrongMode.json.error.details[0].problem).toMatch(/ownerColumn applies only to agent_owned_preview/);
    const ok = await createOwned();
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ mode: 'agent_owned_preview', ownerColumn: OWNER, previewCompleteCode: 'bad_record', lockedFields: ['mode', 'queueId', 'ownerColumn'] });
  });

  it('O1 a list must take its owner from the campaign\'s owner column', async () => {
    const other = await makeList(t, { name: `Other owner column ${++n}`, mapping: { ...ownerMapping, owner: 'Agent' }, records: [{ owner: 'suzuki@example.jp' }] });
    const none = await makeList(t, { name: `No owner ${++n}`, mapping: { phones: [{ column: '電話番号' }] }, records: [{}] });
    const c = (await createOwned()).json;
    const res = await admin.call('PUT', `/api/campaigns/${c.id}/lists/${other}`);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/takes its owner from the column "Agent", but this campaign's owner column is "担当者メール" and cannot change \(O7\)/);
    const res2 = await admin.call('PUT', `/api/campaigns/${c.id}/lists/${none}`);
    expect(res2.json.error.message).toMatch(/maps no owner column/);
    const atCreate = await createOwned({ listIds: [other] });
    expect(atCreate.status).toBe(400);
    expect((await admin.call('GET', `/api/campaigns/${c.id}`)).json.lists).toEqual([]);
    const good = await ownedList([{ owner: 'suzuki@example.jp' }]);
    expect((await admin.call('PUT', `/api/campaigns/${c.id}/lists/${good}`)).status).toBe(200);
  });

  it('O6 records are never sorted by the owner column, whatever its case', async () => {
    const res = await createOwned({ sortOrder: [{ column: '残高', direction: 'desc', compareAs: 'number' }, { column: OWNER }] });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ where: 'body', path: 'sortOrder.1.column', problem: expect.stringMatching(/cannot be sorted by the owner column "担当者メール".*Sort by another column/) }]);
    const ok = (await createOwned({ sortOrder: [{ column: '残高', direction: 'desc', compareAs: 'number' }] })).json;
    const patch = await admin.call('PATCH', `/api/campaigns/${ok.id}`, { sortOrder: [{ column: ' 担当者メール ' }] });
    expect(patch.status).toBe(400);
    expect(patch.json.error.message).toMatch(/owner column/);
  });

  it('O2 at most 200 agents may own records: attaching a list with more is refused with the count', async () => {
    const agents = await Promise.all(Array.from({ length: 201 }, (_, i) => makeUser(t, { email: `o2-agent-${i}@example.jp`, userCode: `O2AGENT${i}` })));
    expect(agents).toHaveLength(201);
    const first200 = await ownedList(Array.from({ length: 200 }, (_, i) => ({ owner: `o2-agent-${i}@example.jp` })));
    const c = (await createOwned({ listIds: [first200] })).json;
    expect(c.lists).toHaveLength(1);
    const one = await ownedList([{ owner: 'O2-AGENT-200@example.jp' }, { owner: 'o2-agent-0@example.jp' }]);
    const res = await admin.call('PUT', `/api/campaigns/${c.id}/lists/${one}`);
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: 'limit_exceeded', details: { owners: 201, limit: 200 } });
    expect(res.json.error.message).toMatch(/owned by 201 agents; an agent-owned campaign allows at most 200 \(O2\)/);
    expect((await admin.call('GET', `/api/campaigns/${c.id}`)).json.lists).toHaveLength(1);
    // Unknown owners are errors in the monitor, not agents: they do not count toward the limit.
    const unknown = await ownedList([{ owner: 'nobody-at-all@example.jp' }]);
    expect((await admin.call('PUT', `/api/campaigns/${c.id}/lists/${unknown}`)).status).toBe(200);

    // Records appended later (O10) that push past 200 stop a start.
    await appendImport(t, first200, { mapping: ownerMapping, records: [{ owner: 'o2-agent-200@example.jp' }] });
    const start = await admin.call('POST', `/api/campaigns/${c.id}/start`);
    expect(start.status).toBe(422);
    expect(start.json.error.details).toMatchObject({ owners: 201 });
    expect((await admin.call('GET', `/api/campaigns/${c.id}`)).json.status).toBe('draft');
  });

  it('O3 the error monitor counts undeliverable records by reason and lists them, with records per owner', async () => {
    const disabled = await makeUser(t, { email: 'sleepy@example.jp', userCode: 'SLEEPY', disabled: true });
    await joinQueue(t, queueId, disabled);
    const listA = await ownedList([
      { name: '佐藤', owner: 'suzuki@example.jp' },
      { name: '高橋', owner: 'SUZUKI@EXAMPLE.JP' },
      { name: '伊藤', owner: 'tanaka01' },
      { name: '渡辺', owner: 'ito@example.jp' },
      { name: '山本', owner: 'nobody@example.jp' },
      { name: '中村', owner: 'sleepy@example.jp' },
      { name: '小林', owner: null },
      { name: '加藤', owner: '' },
    ]);
    const listB = await ownedList([{ name: '吉田', owner: 'nobody@example.jp' }, { name: '山田', owner: 'ito@example.jp' }]);
    // Not counted: an import still running, and a deleted list.
    await appendImport(t, listA, { mapping: ownerMapping, status: 'running', records: [{ owner: 'ghost@example.jp' }] });
    const deleted = await ownedList([{ owner: 'ghost2@example.jp' }]);
    const c = (await createOwned({ listIds: [listA, listB, deleted] })).json;
    await t.storage.db.updateTable('contact_lists').set({ deleted_at: t.clock.now() }).where('id', '=', deleted).execute();

    const res = await admin.call('GET', `/api/campaigns/${c.id}/owner-errors`);
    expect(res.status).toBe(200);
    const m = res.json;
    expect(m).toMatchObject({ campaignId: c.id, ownerColumn: OWNER, queueId, maxOwners: 200, owningAgents: 4 });
    expect(m.counts).toEqual({ ownedRecords: 8, unownedRecords: 2, deliverableRecords: 3, errorRecords: 5, byProblem: { unknown_owner: 2, not_in_queue: 2, owner_disabled: 1 } });
    expect(m.owners.items).toEqual([
      { ownerRef: 'ito@example.jp', records: 2, userId: outsider, displayName: 'ito', problem: 'not_in_queue' },
      { ownerRef: 'nobody@example.jp', records: 2, userId: null, displayName: null, problem: 'unknown_owner' },
      { ownerRef: 'sleepy@example.jp', records: 1, userId: disabled, displayName: 'sleepy', problem: 'owner_disabled' },
      { ownerRef: expect.stringMatching(/^suzuki@example\.jp$/i), records: 2, userId: suzuki, displayName: 'suzuki', problem: null },
      { ownerRef: 'tanaka01', records: 1, userId: tanaka, displayName: 'tanaka', problem: null },
    ]);
    expect(m.owners).toMatchObject({ total: 5, truncated: false });
    expect(m.records.total).toBe(5);
    expect(m.records.items.map((r: any) => [r.listId, r.rowNumber, r.name, r.problem])).toEqual([
      [listA, 5, '渡辺', 'not_in_queue'],
      [listA, 6, '山本', 'unknown_owner'],
      [listA, 7, '中村', 'owner_disabled'],
      [listB, 2, '吉田', 'unknown_owner'],
      [listB, 3, '山田', 'not_in_queue'],
    ]);

    const page = await admin.call('GET', `/api/campaigns/${c.id}/owner-errors?problem=unknown_owner&limit=1&offset=1`);
    expect(page.json.records).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ name: '吉田', ownerRef: 'nobody@example.jp', problem: 'unknown_owner' }] });

    // The supervisor adds the missing agent to the queue: his records are no longer errors.
    await joinQueue(t, queueId, outsider);
    const after = (await admin.call('GET', `/api/campaigns/${c.id}/owner-errors`)).json;
    expect(after.counts.byProblem).toEqual({ unknown_owner: 2, not_in_queue: 0, owner_disabled: 1 });
    expect(after.counts.deliverableRecords).toBe(5);
    await t.storage.db.deleteFrom('queue_members').where('queue_id', '=', queueId).where('user_id', '=', outsider).execute();
  });

  it('O3 the monitor is for agent-owned campaigns, and staff only', async () => {
    const plain = (await admin.call('POST', '/api/campaigns', { name: `Plain ${++n}`, mode: 'preview', queueId })).json;
    const res = await admin.call('GET', `/api/campaigns/${plain.id}/owner-errors`);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/owner error monitor is for agent_owned_preview campaigns only/);
    const c = (await createOwned()).json;
    const sup = await t.signInAs('supervisor');
    expect((await sup.call('GET', `/api/campaigns/${c.id}/owner-errors`)).status).toBe(200);
    const agent = await t.signInAs('agent');
    expect((await agent.call('GET', `/api/campaigns/${c.id}/owner-errors`)).status).toBe(403);
    expect((await admin.call('GET', '/api/campaigns/99999/owner-errors')).status).toBe(404);
    const empty = (await admin.call('GET', `/api/campaigns/${c.id}/owner-errors`)).json;
    expect(empty.counts).toEqual({ ownedRecords: 0, unownedRecords: 0, deliverableRecords: 0, errorRecords: 0, byProblem: { unknown_owner: 0, not_in_queue: 0, owner_disabled: 0 } });
  });

  it('O1 O7 an agent-owned campaign with owned records starts; its mode and owner column stay locked', async () => {
    const list = await ownedList([{ owner: 'suzuki@example.jp' }, { owner: 'tanaka@example.jp' }]);
    const c = (await createOwned({ listIds: [list] })).json;
    const started = await admin.call('POST', `/api/campaigns/${c.id}/start`);
    expect(started.status).toBe(200);
    expect(started.json.status).toBe('running');
    const change = await admin.call('PATCH', `/api/campaigns/${c.id}`, { mode: 'preview' });
    expect(change.json.error.code).toBe('immutable_field');
  });
});
