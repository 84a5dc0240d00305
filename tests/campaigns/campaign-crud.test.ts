import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { makeList, makeQueue } from './helpers.js';

/** Campaign administration: create, read, list, change and delete, with every rule checked on the server. */
describe.each(await availableEngines())('campaign administration (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let queueId: number;
  let otherQueueId: number;
  let n = 0;
  const uniqueName = (base: string) => `${base} ${++n}`;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
    queueId = await makeQueue(t, 'Renewals');
    otherQueueId = await makeQueue(t, 'Collections');
  });
  afterAll(() => t?.close());

  const create = (body: Record<string, unknown>, who: Session = admin) => who.call('POST', '/api/campaigns', { name: uniqueName('Campaign'), queueId, ...body });
  const problems = (json: any): string[] => (json.error.details ?? []).map((d: any) => `${d.path}: ${d.problem}`);

  it('L8 a new preview campaign starts in draft with the system defaults filled in and its locked fields shown', async () => {
    const res = await create({ name: 'Spring renewals', mode: 'preview', callerId: '+12025550143' });
    expect(res.status).toBe(201);
    const c = res.json;
    expect(c).toMatchObject({ name: 'Spring renewals', mode: 'preview', status: 'draft', queueId, queueName: 'Renewals', ownerColumn: null, callerId: '+12025550143', regulatoryProfile: 'none' });
    expect(c.lockedFields).toEqual(['mode', 'queueId', 'ownerColumn']);
    expect(c.allowedActions).toEqual(['start']);
    expect(c.canEdit).toBe(true);
    expect(c.wrapUpCodes.map((w: any) => w.label)).toEqual(['Answering machine', 'Busy', 'Fax', 'No answer', 'Sale', 'Voicemail', 'Bad record']);
    expect(c.wrapUpCodes.every((w: any) => w.system)).toBe(true);
    expect(c.previewCompleteCode).toBe('bad_record');
    expect(c.preview).toEqual({ autoAccept: false, reviewTimeoutSeconds: null, skipAllowed: true, maxSkipsPerRecord: null });
    expect(c.amd).toBeNull();
    expect(c.linesPerAgent).toBeNull();
    expect(c.contactableTimes.weekly.mon).toEqual([{ start: '09:00', end: '21:00' }]);
    expect(c.contactableTimes.weekly.sat).toEqual([{ start: '10:00', end: '18:00' }]);
    expect(c.contactableTimes.weekly.sun).toEqual([]);
    expect(c.retryRules.results.fax).toEqual({ action: 'final' });
    expect(c.retryRules.maxAttemptsPerRecord).toBe(10);

    const got = await admin.call('GET', `/api/campaigns/${c.id}`);
    expect(got.status).toBe(200);
    expect(got.json).toEqual(c);
  });

  it('L8 names are unique among live campaigns, ignoring case; a deleted campaign frees its name', async () => {
    const first = await create({ name: 'Winback', mode: 'progressive' });
    expect(first.status).toBe(201);
    const clash = await create({ name: 'WINBACK', mode: 'preview' });
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe('conflict');
    expect(clash.json.error.message).toMatch(/"WINBACK" already exists.*choose another name/);
    expect((await admin.call('DELETE', `/api/campaigns/${first.json.id}`)).status).toBe(204);
    expect((await admin.call('GET', `/api/campaigns/${first.json.id}`)).status).toBe(404);
    expect((await create({ name: 'Winback', mode: 'preview' })).status).toBe(201);
  });

  it('L8 the list is paginated and filters by status, mode, queue and name', async () => {
    const prefix = `Filter ${Date.now()}`;
    for (const [i, mode] of (['preview', 'power', 'power', 'predictive'] as const).entries()) {
      const res = await admin.call('POST', '/api/campaigns', { name: `${prefix} ${i}`, mode, queueId: i === 3 ? otherQueueId : queueId });
      expect(res.status).toBe(201);
    }
    const power = await admin.call('GET', `/api/campaigns?mode=power&search=${encodeURIComponent(prefix)}`);
    expect(power.json.total).toBe(2);
    expect(power.json.items.every((c: any) => c.mode === 'power')).toBe(true);
    const byQueue = await admin.call('GET', `/api/campaigns?queueId=${otherQueueId}&search=${encodeURIComponent(prefix)}`);
    expect(byQueue.json.items.map((c: any) => c.name)).toEqual([`${prefix} 3`]);
    const page = await admin.call('GET', `/api/campaigns?limit=2&offset=2&search=${encodeURIComponent(prefix)}`);
    expect(page.json).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect(page.json.items.map((c: any) => c.name)).toEqual([`${prefix} 2`, `${prefix} 3`]);
    expect((await admin.call('GET', '/api/campaigns?status=running&search=' + encodeURIComponent(prefix))).json.total).toBe(0);
    expect((await admin.call('GET', '/api/campaigns?status=sleeping')).status).toBe(400);
  });

  it('L8 unknown queue, list or do-not-call list answers 400 naming the field', async () => {
    const badQueue = await create({ mode: 'preview', queueId: 99999 });
    expect(badQueue.status).toBe(400);
    expect(problems(badQueue.json)).toEqual([expect.stringMatching(/^queueId: Queue 99999 does not exist/)]);
    const badList = await create({ mode: 'preview', listIds: [99999] });
    expect(badList.status).toBe(400);
    expect(problems(badList.json)[0]).toMatch(/^listIds\.0: Contact list 99999 does not exist/);
    const badDnc = await create({ mode: 'preview', dncListIds: [99999] });
    expect(problems(badDnc.json)[0]).toMatch(/^dncListIds\.0: Do-not-call list 99999 does not exist/);
    const deletedList = await makeList(t, { name: uniqueName('Deleted list') });
    await t.storage.db.updateTable('contact_lists').set({ deleted_at: t.clock.now() }).where('id', '=', deletedList).execute();
    const res = await create({ mode: 'preview', listIds: [deletedList] });
    expect(problems(res.json)[0]).toMatch(/has been deleted/);
    expect((await admin.call('GET', `/api/campaigns?search=Campaign ${n}`)).json.total).toBe(0);
  });

  it('L8 a change replaces the fields sent, keeps the rest, and is refused whole when any rule fails', async () => {
    const c = (await create({ mode: 'power', linesPerAgent: 2, callerId: '+12025550143', wrapUpTimeoutSeconds: 30 })).json;
    const res = await admin.call('PATCH', `/api/campaigns/${c.id}`, { name: uniqueName('Renamed'), linesPerAgent: 3 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ linesPerAgent: 3, callerId: '+12025550143', wrapUpTimeoutSeconds: 30 });
    const bad = await admin.call('PATCH', `/api/campaigns/${c.id}`, { name: 'Should not stick', callGuide: { questions: [{ id: 'q1', text: 'Hi', answers: [{ id: 'a', text: 'A', next: 'q2' }] }] } });
    expect(bad.status).toBe(400);
    const after = await admin.call('GET', `/api/campaigns/${c.id}`);
    expect(after.json.name).toBe(res.json.name);
    expect(after.json.callGuide).toBeNull();
    expect((await admin.call('PATCH', `/api/campaigns/${c.id}`, { surprise: true })).status).toBe(400);
    expect((await admin.call('PATCH', '/api/campaigns/99999', { name: 'Nope' })).status).toBe(404);
  });

  it('O7 the dialing mode, queue and owner column cannot change: 409 immutable_field naming the field', async () => {
    const c = (await create({ mode: 'progressive' })).json;
    const mode = await admin.call('PATCH', `/api/campaigns/${c.id}`, { mode: 'predictive' });
    expect(mode.status).toBe(409);
    expect(mode.json.error).toMatchObject({ code: 'immutable_field', details: { field: 'mode', current: 'progressive', requested: 'predictive' } });
    expect(mode.json.error.message).toMatch(/dialing mode.*cannot change.*Create a new campaign/);
    const queue = await admin.call('PATCH', `/api/campaigns/${c.id}`, { queueId: otherQueueId });
    expect(queue.json.error).toMatchObject({ code: 'immutable_field', details: { field: 'queueId' } });
    const owner = await admin.call('PATCH', `/api/campaigns/${c.id}`, { ownerColumn: 'agent' });
    expect(owner.json.error).toMatchObject({ code: 'immutable_field', details: { field: 'ownerColumn' } });
    const same = await admin.call('PATCH', `/api/campaigns/${c.id}`, { mode: 'progressive', queueId, ownerColumn: null, wrapUpTimeoutSeconds: 45 });
    expect(same.status).toBe(200);
    expect(same.json.wrapUpTimeoutSeconds).toBe(45);
    expect((await admin.call('GET', `/api/campaigns/${c.id}`)).json.mode).toBe('progressive');
  });

  it('O7 an agent-owned campaign can never become non-agent-owned', async () => {
    const c = (await create({ mode: 'agent_owned_preview', ownerColumn: '担当者メール' })).json;
    expect(c.ownerColumn).toBe('担当者メール');
    for (const patch of [{ mode: 'preview' }, { ownerColumn: null }, { ownerColumn: 'other' }]) {
      const res = await admin.call('PATCH', `/api/campaigns/${c.id}`, patch);
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('immutable_field');
      expect(res.json.error.message).toMatch(/agent-owned campaign can never become a non-agent-owned one/);
    }
    const after = (await admin.call('GET', `/api/campaigns/${c.id}`)).json;
    expect(after).toMatchObject({ mode: 'agent_owned_preview', ownerColumn: '担当者メール' });
  });

  it('A1 supervisors create campaigns and are granted them; without a grant they read but cannot change', async () => {
    const sato = await t.signInAs('supervisor');
    const yamada = await t.signInAs('supervisor');
    const mine = await create({ mode: 'preview' }, sato);
    expect(mine.status).toBe(201);
    expect(mine.json.canEdit).toBe(true);
    const grants = await admin.call('GET', `/api/campaigns/${mine.json.id}/grants`);
    expect(grants.json.map((g: any) => g.userId)).toEqual([sato.userId]);
    expect((await sato.call('PATCH', `/api/campaigns/${mine.json.id}`, { wrapUpTimeoutSeconds: 20 })).status).toBe(200);

    const read = await yamada.call('GET', `/api/campaigns/${mine.json.id}`);
    expect(read.status).toBe(200);
    expect(read.json.canEdit).toBe(false);
    const listed = await yamada.call('GET', `/api/campaigns?search=${encodeURIComponent(mine.json.name)}`);
    expect(listed.json.items[0]).toMatchObject({ id: mine.json.id, canEdit: false });
    for (const [method, url, body] of [
      ['PATCH', `/api/campaigns/${mine.json.id}`, { wrapUpTimeoutSeconds: 10 }],
      ['DELETE', `/api/campaigns/${mine.json.id}`, undefined],
      ['POST', `/api/campaigns/${mine.json.id}/start`, undefined],
    ] as const) {
      const res = await yamada.call(method, url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.json.error.message).toMatch(/no grant on campaign/);
    }
    expect((await admin.call('PATCH', `/api/campaigns/${mine.json.id}`, { wrapUpTimeoutSeconds: 10 })).status).toBe(200);
  });

  it('A1 agents list only the campaigns of their own queues, with minimal fields, and change nothing', async () => {
    const agent = await t.signInAs('agent');
    const agentQueue = await makeQueue(t, uniqueName('Agent queue'));
    await t.storage.db.insertInto('queue_members').values({ queue_id: agentQueue, user_id: agent.userId, added_at: t.clock.now() }).execute();
    const visible = (await create({ mode: 'progressive', queueId: agentQueue })).json;
    await create({ mode: 'progressive' });
    const res = await agent.call('GET', '/api/campaigns');
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([{ id: visible.id, name: visible.name, mode: 'progressive', status: 'draft', queueId: agentQueue, queueName: visible.queueName }]);
    expect(res.json.total).toBe(1);
    for (const [method, url, body] of [
      ['POST', '/api/campaigns', { name: 'Mine', mode: 'preview', queueId: agentQueue }],
      ['GET', `/api/campaigns/${visible.id}`, undefined],
      ['PATCH', `/api/campaigns/${visible.id}`, { name: 'Mine' }],
      ['DELETE', `/api/campaigns/${visible.id}`, undefined],
      ['POST', `/api/campaigns/${visible.id}/start`, undefined],
      ['PUT', `/api/campaigns/${visible.id}/lists/1`, undefined],
      ['GET', `/api/campaigns/${visible.id}/owner-errors`, undefined],
    ] as const) {
      expect((await agent.call(method, url, body)).status, `${method} ${url}`).toBe(403);
    }
  });

  it('L8 the defaults of a mode are offered before creating', async () => {
    const res = await admin.call('GET', '/api/campaigns/defaults?mode=power');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ mode: 'power', linesPerAgent: 1, preview: null, amd: { onMachine: 'hang_up_retry' } });
    expect(res.json.wrapUpCodes).toHaveLength(7);
  });

  it('L8 the OpenAPI document describes the campaign routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/campaigns', '/api/campaigns/{id}', '/api/campaigns/{id}/start', '/api/campaigns/{id}/owner-errors', '/api/campaigns/{id}/lists/{listId}']));
    expect(JSON.stringify(doc.components.schemas)).toMatch(/linesPerAgent/);
  });
});
