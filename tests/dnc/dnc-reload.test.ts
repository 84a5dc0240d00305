import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToDoNotCall } from '../../src/dnc/add-to-do-not-call.js';
import { DoNotCall } from '../../src/dnc/do-not-call.js';
import { addDncNumber } from '../../src/dnc/manage-dnc-numbers.js';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { upload } from './upload.js';

/** L4: the in-memory set always agrees with the database — after a restart, across nodes, after errors. */
describe.each(await availableEngines())('L4 do-not-call set and the database (%s)', (engine) => {
  let t: TestApp;
  let supervisor: Session;

  beforeAll(async () => {
    t = await startTestApp(engine);
    supervisor = await t.signInAs('supervisor');
  });
  afterAll(() => t?.close());

  const newList = async (name: string) => (await supervisor.call('POST', '/api/dnc/lists', { name })).json.id as number;

  it('L4 after a restart the set reloaded from the database answers exactly as before', async () => {
    const a = await newList('Restart A');
    const b = await newList('Restart B');
    const gone = await newList('Restart gone');
    const probes: string[] = [];
    for (let i = 0; i < 30; i++) probes.push(`+1415555${String(1000 + i)}`);
    for (const n of probes.slice(0, 20)) await supervisor.call('POST', `/api/dnc/lists/${a}/numbers`, { number: n });
    await upload(t, supervisor.cookie, `/api/dnc/lists/${b}/import`, probes.slice(10, 30).join('\n'));
    for (const n of probes.slice(0, 5)) await supervisor.call('DELETE', `/api/dnc/lists/${a}/numbers/${encodeURIComponent(n)}`);
    await supervisor.call('POST', `/api/dnc/lists/${gone}/numbers`, { number: '+14155559999' });
    await supervisor.call('DELETE', `/api/dnc/lists/${gone}`);
    await addToDoNotCall({ db: t.storage.db, dnc: t.dnc, clock: t.clock }, { number: '+14155558888', reason: 'wrap-up' }, { userId: supervisor.userId });
    probes.push('+14155559999', '+14155558888', '+14155550000');

    const restarted = await DoNotCall.load(t.storage);
    for (const n of probes) expect(restarted.check(n), n).toEqual(t.dnc.check(n));
    expect(restarted.check(probes[0]!)).toEqual({ blocked: false, listIds: [] });
    expect(restarted.check(probes[12]!)).toEqual({ blocked: true, listIds: [a, b] });
    expect(restarted.isBlocked('+14155559999')).toBe(false);
    expect(restarted.isBlocked('+14155558888')).toBe(true);
    expect(restarted.stats().numbers).toBe(t.dnc.stats().numbers);
  });

  it('L4 a second node learns of changes through the version check, both ways', async () => {
    const id = await newList('Two nodes');
    const other = await DoNotCall.load(t.storage);
    expect(await other.refreshIfChanged()).toBe(false);

    await supervisor.call('POST', `/api/dnc/lists/${id}/numbers`, { number: '+14155557777' });
    expect(other.isBlocked('+14155557777')).toBe(false); // not yet: it has not looked
    expect(await other.refreshIfChanged()).toBe(true);
    expect(other.isBlocked('+14155557777', [id])).toBe(true);

    await addDncNumber({ db: t.storage.db, dnc: other, clock: t.clock }, id, { number: '+14155557778' }, { userId: supervisor.userId });
    expect(other.isBlocked('+14155557778')).toBe(true);
    expect(await t.dnc.refreshIfChanged()).toBe(true);
    expect(t.dnc.isBlocked('+14155557778', [id])).toBe(true);
    expect(await t.dnc.refreshIfChanged()).toBe(false);
    expect(await other.refreshIfChanged()).toBe(false);
  });

  it('L4 changes made while the set reloads are not lost', async () => {
    const id = await newList('During reload');
    const numbers = Array.from({ length: 25 }, (_, i) => `+1628555${String(1000 + i)}`);
    await Promise.all([
      t.dnc.reload(),
      ...numbers.map((number) => supervisor.call('POST', `/api/dnc/lists/${id}/numbers`, { number })),
      t.dnc.reload(),
    ]);
    for (const n of numbers) expect(t.dnc.isBlocked(n, [id]), n).toBe(true);
  });

  it('L4 fail closed: if memory misses a committed change, checks refuse to answer until a reload', async () => {
    const id = await newList('Fail closed');
    await t.dnc.change(async (trx) => {
      await trx.insertInto('dnc_numbers').values({ list_id: id, number: 14155556666, added_at: t.clock.now(), added_by: null, reason: null }).execute();
      return { result: undefined, apply: () => { throw new Error('simulated failure to apply'); } };
    });
    expect(() => t.dnc.isBlocked('+14155556666')).toThrow(/reloading after an error/);
    await t.dnc.reload();
    expect(t.dnc.isBlocked('+14155556666', [id])).toBe(true);
  });
});

describe.each(await availableEngines())('L4 do-not-call list limit (%s)', (engine) => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('L4 at most 32 lists, one kept for the Internal list of wrap-ups', async () => {
    t = await startTestApp(engine);
    const admin = await t.signInAs('admin');
    for (let i = 1; i <= 31; i++) expect((await admin.call('POST', '/api/dnc/lists', { name: `List ${i}` })).status).toBe(201);
    const refused = await admin.call('POST', '/api/dnc/lists', { name: 'List 32' });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: 'limit_exceeded', message: expect.stringMatching(/at most 32.*Delete a list/) });
    const wrapUp = await addToDoNotCall({ db: t.storage.db, dnc: t.dnc, clock: t.clock }, { number: '+14155551234', reason: 'wrap-up' }, { userId: admin.userId });
    expect(wrapUp.added).toBe(true);
    expect(t.dnc.isBlocked('+14155551234')).toBe(true);
    expect((await admin.call('GET', '/api/dnc/lists')).json).toHaveLength(32);
    expect((await admin.call('POST', '/api/dnc/lists', { name: 'List 33' })).status).toBe(422);
  });
});
