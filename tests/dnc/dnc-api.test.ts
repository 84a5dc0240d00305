import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToDoNotCall } from '../../src/dnc/add-to-do-not-call.js';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';

/** L4: do-not-call lists through the API; the dialer's check answers from the same set. */
describe.each(await availableEngines())('L4 do-not-call lists API (%s)', (engine) => {
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

  const createList = async (name: string, who = supervisor) => {
    const res = await who.call('POST', '/api/dnc/lists', { name });
    expect(res.status).toBe(201);
    return res.json.id as number;
  };

  it('L4 a supervisor creates, renames and lists DNC lists; names are unique regardless of case', async () => {
    const res = await supervisor.call('POST', '/api/dnc/lists', { name: 'Complaints', source: 'internal' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: 'Complaints', source: 'internal', numberCount: 0 });
    const clash = await admin.call('POST', '/api/dnc/lists', { name: 'complaints' });
    expect(clash.status).toBe(409);
    expect(clash.json.error.message).toMatch(/already exists; choose another name/);
    const renamed = await admin.call('PATCH', `/api/dnc/lists/${res.json.id}`, { name: 'Customer complaints', source: 'imported' });
    expect(renamed.json).toMatchObject({ name: 'Customer complaints', source: 'imported' });
    const all = await supervisor.call('GET', '/api/dnc/lists');
    expect(all.json.map((l: { name: string }) => l.name)).toContain('Customer complaints');
  });

  it('L4 a number added to a list is blocked at once, on that list only, and counted', async () => {
    const a = await createList('Regulator A');
    const b = await createList('Regulator B');
    const add = await supervisor.call('POST', `/api/dnc/lists/${a}/numbers`, { number: '03-1234-5678', region: 'JP', reason: 'asked on the phone' });
    expect(add.status).toBe(201);
    expect(add.json).toEqual({ number: '+81312345678', added: true, listId: a });
    const again = await supervisor.call('POST', `/api/dnc/lists/${a}/numbers`, { number: '+81 3 1234 5678' });
    expect(again.status).toBe(200);
    expect(again.json.added).toBe(false);

    const check = await supervisor.call('GET', '/api/dnc/check?number=%2B81312345678');
    expect(check.json).toEqual({ number: '+81312345678', blocked: true, lists: [{ id: a, name: 'Regulator A' }] });
    const onlyB = await supervisor.call('GET', `/api/dnc/check?number=0312345678&region=JP&listIds=${b}`);
    expect(onlyB.json.blocked).toBe(false);
    expect(t.dnc.isBlocked('+81312345678')).toBe(true);
    expect(t.dnc.isBlocked('+81312345678', [b])).toBe(false);
    expect(t.dnc.isBlocked('+81312345679')).toBe(false);
    expect((await supervisor.call('GET', `/api/dnc/lists/${a}`)).json.numberCount).toBe(1);
  });

  it('L4 removing a number unblocks it for that list only', async () => {
    const a = await createList('Remove A');
    const b = await createList('Remove B');
    for (const id of [a, b]) await supervisor.call('POST', `/api/dnc/lists/${id}/numbers`, { number: '+12015550188' });
    const del = await supervisor.call('DELETE', `/api/dnc/lists/${a}/numbers/%2B12015550188`);
    expect(del.status).toBe(204);
    expect(t.dnc.check('+12015550188', [a, b])).toEqual({ blocked: true, listIds: [b] });
    const digitsOnly = await supervisor.call('DELETE', `/api/dnc/lists/${b}/numbers/12015550188`);
    expect(digitsOnly.status).toBe(204);
    expect(t.dnc.isBlocked('+12015550188')).toBe(false);
    const missing = await supervisor.call('DELETE', `/api/dnc/lists/${b}/numbers/12015550188`);
    expect(missing.status).toBe(404);
    expect((await supervisor.call('GET', `/api/dnc/lists/${b}`)).json.numberCount).toBe(0);
  });

  it('L4 listing a list pages through its numbers in numeric order and searches by leading digits', async () => {
    const id = await createList('Paged');
    const numbers = ['+12015550101', '+12015550102', '+12125550103', '+81312345678', '+442079460958'];
    for (const number of numbers) await admin.call('POST', `/api/dnc/lists/${id}/numbers`, { number });
    const first = await supervisor.call('GET', `/api/dnc/lists/${id}/numbers?limit=2&offset=0`);
    expect(first.json).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(first.json.items.map((i: { number: string }) => i.number)).toEqual(['+12015550101', '+12015550102']);
    expect(first.json.items[0]).toMatchObject({ addedBy: admin.userId, addedByName: expect.any(String) });
    const rest = await supervisor.call('GET', `/api/dnc/lists/${id}/numbers?limit=10&offset=2`);
    expect(rest.json.items.map((i: { number: string }) => i.number)).toEqual(['+12125550103', '+81312345678', '+442079460958']); // numeric order of the digits
    const search = await supervisor.call('GET', `/api/dnc/lists/${id}/numbers?q=${encodeURIComponent('+1 201')}`);
    expect(search.json.total).toBe(2);
    expect(search.json.items.map((i: { number: string }) => i.number)).toEqual(['+12015550101', '+12015550102']);
    const bad = await supervisor.call('GET', `/api/dnc/lists/${id}/numbers?q=abc`);
    expect(bad.status).toBe(400);
  });

  it('L4 invalid numbers are refused with what is wrong and how to fix it', async () => {
    const id = await createList('Strict numbers');
    const noRegion = await supervisor.call('POST', `/api/dnc/lists/${id}/numbers`, { number: '201 555 0123' });
    expect(noRegion.status).toBe(400);
    expect(noRegion.json.error).toMatchObject({ code: 'validation_failed', details: { field: 'number', value: '201 555 0123' } });
    expect(noRegion.json.error.message).toMatch(/no country code.*give a region/);
    const short = await supervisor.call('POST', `/api/dnc/lists/${id}/numbers`, { number: '12', region: 'US' });
    expect(short.status).toBe(400);
    const letters = await supervisor.call('POST', `/api/dnc/lists/${id}/numbers`, { number: 'not a number', region: 'US' });
    expect(letters.json.error.message).toMatch(/is not a phone number/);
    const badRegion = await supervisor.call('POST', `/api/dnc/lists/${id}/numbers`, { number: '2015550123', region: 'USA' });
    expect(badRegion.status).toBe(400);
    const check = await supervisor.call('GET', '/api/dnc/check?number=12345');
    expect(check.status).toBe(400);
    expect(() => t.dnc.isBlocked('2015550123')).toThrow(/not an E\.164 number/);
    expect((await supervisor.call('GET', `/api/dnc/lists/${id}`)).json.numberCount).toBe(0);
  });

  it('L4 an unknown list is 404 everywhere', async () => {
    expect((await supervisor.call('GET', '/api/dnc/lists/99999')).status).toBe(404);
    expect((await supervisor.call('PATCH', '/api/dnc/lists/99999', { name: 'x' })).status).toBe(404);
    expect((await supervisor.call('DELETE', '/api/dnc/lists/99999')).status).toBe(404);
    expect((await supervisor.call('GET', '/api/dnc/lists/99999/numbers')).status).toBe(404);
    expect((await supervisor.call('POST', '/api/dnc/lists/99999/numbers', { number: '+12015550123' })).status).toBe(404);
    expect((await supervisor.call('DELETE', '/api/dnc/lists/99999/numbers/12015550123')).status).toBe(404);
    const check = await supervisor.call('GET', '/api/dnc/check?number=%2B12015550123&listIds=99999');
    expect(check.status).toBe(404);
    expect(() => t.dnc.isBlocked('+12015550123', [99999])).toThrow(/does not exist/);
  });

  it('L4 agents may not read or edit DNC lists (403), nor check numbers', async () => {
    const id = await createList('Secret');
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/dnc/lists'],
      ['GET', `/api/dnc/lists/${id}`],
      ['GET', `/api/dnc/lists/${id}/numbers`],
      ['POST', '/api/dnc/lists', { name: 'Mine' }],
      ['PATCH', `/api/dnc/lists/${id}`, { name: 'Renamed' }],
      ['DELETE', `/api/dnc/lists/${id}`],
      ['POST', `/api/dnc/lists/${id}/numbers`, { number: '+12015550123' }],
      ['DELETE', `/api/dnc/lists/${id}/numbers/12015550123`],
      ['GET', '/api/dnc/check?number=%2B12015550123'],
    ];
    for (const [method, url, body] of calls) {
      const res = await agent.call(method, url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    }
    expect((await supervisor.call('GET', `/api/dnc/lists/${id}`)).json.name).toBe('Secret');
    expect((await t.app.inject({ method: 'GET', url: '/api/dnc/lists' })).statusCode).toBe(401);
  });

  it('L4 a do_not_call wrap-up puts the number on the Internal list, created on demand', async () => {
    const before = (await supervisor.call('GET', '/api/dnc/lists')).json as Array<{ name: string }>;
    expect(before.some((l) => l.name === 'Internal')).toBe(false);
    const deps = { db: t.storage.db, dnc: t.dnc, clock: t.clock };
    const first = await addToDoNotCall(deps, { number: '+12015550199', reason: 'wrap-up: do not call' }, { userId: agent.userId });
    expect(first.added).toBe(true);
    const second = await addToDoNotCall(deps, { number: '(201) 555-0198', region: 'US', reason: 'wrap-up: do not call' }, { userId: agent.userId });
    expect(second.listId).toBe(first.listId);
    expect(t.dnc.check('+12015550199')).toEqual({ blocked: true, listIds: [first.listId] });
    expect(t.dnc.isBlocked('+12015550198', [first.listId])).toBe(true);
    const list = await supervisor.call('GET', `/api/dnc/lists/${first.listId}`);
    expect(list.json).toMatchObject({ name: 'Internal', source: 'internal', numberCount: 2 });
    const numbers = await supervisor.call('GET', `/api/dnc/lists/${first.listId}/numbers`);
    expect(numbers.json.items[0]).toMatchObject({ addedBy: agent.userId, reason: 'wrap-up: do not call' });
  });

  it('L4 the DNC routes are in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/dnc/lists', '/api/dnc/lists/{id}', '/api/dnc/lists/{id}/numbers', '/api/dnc/lists/{id}/numbers/{number}', '/api/dnc/lists/{id}/import', '/api/dnc/check']),
    );
    expect(doc.paths['/api/dnc/check'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['number', 'region', 'listIds']));
  });

  it('L4 deleting a list unblocks its numbers; a list a live campaign uses cannot be deleted', async () => {
    const id = await createList('Temporary');
    await supervisor.call('POST', `/api/dnc/lists/${id}/numbers`, { number: '+12015550177' });
    const now = t.clock.now();
    const queue = await t.storage.db.insertInto('queues').values({ name: `Q${id}`, created_at: now }).returning('id').executeTakeFirstOrThrow();
    const campaign = await t.storage.db
      .insertInto('campaigns')
      .values({ name: `C${id}`, mode: 'preview', queue_id: queue.id, settings: '{}', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.storage.db.insertInto('campaign_dnc_lists').values({ campaign_id: campaign.id, dnc_list_id: id }).execute();
    const refused = await supervisor.call('DELETE', `/api/dnc/lists/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(new RegExp(`campaign "C${id}"; detach it`));
    expect(t.dnc.isBlocked('+12015550177')).toBe(true);

    await t.storage.db.updateTable('campaigns').set({ deleted_at: now }).where('id', '=', campaign.id).execute();
    expect((await supervisor.call('DELETE', `/api/dnc/lists/${id}`)).status).toBe(204);
    expect(t.dnc.isBlocked('+12015550177')).toBe(false);
    expect((await supervisor.call('GET', `/api/dnc/lists/${id}`)).status).toBe(404);
  });
});
