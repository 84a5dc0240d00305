import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCampaign } from '../../src/campaigns/change-campaign-status.js';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { makeList, makeQueue } from './helpers.js';

/** L8 (start, pause, stop), L7 (recycle): the campaign lifecycle as a state machine. */
describe.each(await availableEngines())('campaign lifecycle (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let queueId: number;
  let listId: number;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
    queueId = await makeQueue(t, 'Renewals');
    listId = await makeList(t, { name: 'Customers', records: [{ name: 'Anna Nowak' }, { name: 'Jan Kowalski' }] });
  });
  afterAll(() => t?.close());

  const ready = async (extra: Record<string, unknown> = {}) => {
    const res = await admin.call('POST', '/api/campaigns', { name: `Lifecycle ${++n}`, mode: 'progressive', queueId, callerId: '+12025550143', listIds: [listId], ...extra });
    expect(res.status).toBe(201);
    return res.json.id as number;
  };
  const act = (id: number, action: string, who: Session = admin) => who.call('POST', `/api/campaigns/${id}/${action}`);

  it('L8 start refuses a campaign without lists or caller ID, listing everything missing', async () => {
    const bare = (await admin.call('POST', '/api/campaigns', { name: 'Bare', mode: 'power', queueId, regulatoryProfile: 'us' })).json;
    const res = await act(bare.id, 'start');
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('invalid_state');
    expect(res.json.error.message).toMatch(/cannot start yet: no contact list is attached.*no caller ID is set.*abandoned calls \(abandonMessage\)/);
    expect(res.json.error.details.missing.map((m: any) => m.field)).toEqual(['lists', 'callerId', 'abandonMessage']);
    expect((await admin.call('GET', `/api/campaigns/${bare.id}`)).json.status).toBe('draft');

    const emptyList = await makeList(t, { name: 'Still importing', status: 'running', records: [{ name: 'Not yet' }] });
    await admin.call('PUT', `/api/campaigns/${bare.id}/lists/${emptyList}`);
    const stillEmpty = await act(bare.id, 'start');
    expect(stillEmpty.json.error.details.missing[0]).toMatchObject({ field: 'lists', problem: expect.stringMatching(/no imported records yet/) });
  });

  it('L8 start, pause, resume and stop, each recorded with its time', async () => {
    const id = await ready();
    const started = await act(id, 'start');
    expect(started.status).toBe(200);
    expect(started.json).toMatchObject({ status: 'running', allowedActions: ['pause', 'stop', 'recycle'], firstStartedAt: t.clock.now().toISOString(), statusChangedAt: t.clock.now().toISOString() });
    const firstStart = started.json.firstStartedAt;

    t.clock.advance(60_000);
    const paused = await act(id, 'pause');
    expect(paused.json).toMatchObject({ status: 'paused', allowedActions: ['start', 'stop', 'recycle'], statusChangedAt: t.clock.now().toISOString() });
    t.clock.advance(60_000);
    expect((await act(id, 'start')).json).toMatchObject({ status: 'running', firstStartedAt: firstStart });
    t.clock.advance(60_000);
    expect((await act(id, 'stop')).json).toMatchObject({ status: 'stopped', allowedActions: ['start', 'recycle'] });
    expect((await act(id, 'start')).json.status).toBe('running');

    const history = await t.storage.db.selectFrom('campaign_status_changes').select(['action', 'from_status', 'to_status', 'actor_id']).where('campaign_id', '=', id).orderBy('id').execute();
    expect(history.map((h) => `${h.action}:${h.from_status}→${h.to_status}`)).toEqual(['start:draft→running', 'pause:running→paused', 'start:paused→running', 'stop:running→stopped', 'start:stopped→running']);
    expect(history.every((h) => h.actor_id === admin.userId)).toBe(true);
  });

  it('L8 an illegal move answers 409 invalid_state naming the current state and the allowed actions', async () => {
    const id = await ready();
    const pause = await act(id, 'pause');
    expect(pause.status).toBe(409);
    expect(pause.json.error).toMatchObject({ code: 'invalid_state', details: { status: 'draft', action: 'pause', allowedActions: ['start'] } });
    expect(pause.json.error.message).toBe('Cannot pause a campaign that is draft; from draft you can start.');
    expect((await act(id, 'stop')).json.error.details.status).toBe('draft');
    expect((await act(id, 'recycle')).status).toBe(409);
    await act(id, 'start');
    const again = await act(id, 'start');
    expect(again.json.error).toMatchObject({ code: 'invalid_state', details: { status: 'running', allowedActions: ['pause', 'stop', 'recycle'] } });
    expect((await act(id, 'launch')).status).toBe(404);
  });

  it('L7 O8 recycle restarts the lists from the top, keeping the status; a complete campaign recycles to stopped', async () => {
    const id = await ready();
    await act(id, 'start');
    const recycled = await act(id, 'recycle');
    expect(recycled.json).toMatchObject({ status: 'running', recycleCount: 1, lastRecycledAt: t.clock.now().toISOString() });
    await act(id, 'pause');
    expect((await act(id, 'recycle')).json).toMatchObject({ status: 'paused', recycleCount: 2 });
    await act(id, 'start');

    await completeCampaign(t.storage.db, t.clock, id);
    const complete = (await admin.call('GET', `/api/campaigns/${id}`)).json;
    expect(complete).toMatchObject({ status: 'complete', allowedActions: ['recycle'] });
    expect((await act(id, 'start')).json.error.message).toBe('Cannot start a campaign that is complete; from complete you can recycle.');
    expect((await act(id, 'recycle')).json).toMatchObject({ status: 'stopped', recycleCount: 3 });
    expect((await act(id, 'start')).json.status).toBe('running');
  });

  it('L8 a running campaign cannot be deleted or lose its last list; stopped, it can', async () => {
    const id = await ready();
    await act(id, 'start');
    const del = await admin.call('DELETE', `/api/campaigns/${id}`);
    expect(del.status).toBe(409);
    expect(del.json.error).toMatchObject({ code: 'invalid_state', details: { status: 'running' } });
    expect(del.json.error.message).toMatch(/running and cannot be deleted; pause or stop it first/);
    const detach = await admin.call('DELETE', `/api/campaigns/${id}/lists/${listId}`);
    expect(detach.status).toBe(409);
    expect(detach.json.error.message).toMatch(/only list of running campaign/);

    const second = await makeList(t, { name: `Second ${n}`, records: [{ name: 'Ewa' }] });
    expect((await admin.call('PUT', `/api/campaigns/${id}/lists/${second}`)).json.lists.map((l: any) => l.id)).toEqual([listId, second]);
    expect((await admin.call('DELETE', `/api/campaigns/${id}/lists/${listId}`)).json.lists.map((l: any) => l.id)).toEqual([second]);

    await act(id, 'stop');
    expect((await admin.call('DELETE', `/api/campaigns/${id}`)).status).toBe(204);
    const row = await t.storage.db.selectFrom('campaigns').select(['deleted_at', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect((await act(id, 'start')).status).toBe(404);
  });

  it('L8 lists and do-not-call lists attach and detach; attaching twice changes nothing', async () => {
    const id = await ready();
    const dnc = await t.storage.db.insertInto('dnc_lists').values({ name: `Internal DNC ${n}`, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
    const once = await admin.call('PUT', `/api/campaigns/${id}/dnc-lists/${dnc.id}`);
    expect(once.json.dncLists).toEqual([{ id: dnc.id, name: `Internal DNC ${n}` }]);
    expect((await admin.call('PUT', `/api/campaigns/${id}/dnc-lists/${dnc.id}`)).json.dncLists).toHaveLength(1);
    expect((await admin.call('PUT', `/api/campaigns/${id}/lists/${listId}`)).json.lists).toHaveLength(1);
    expect((await admin.call('PUT', `/api/campaigns/${id}/lists/99999`)).status).toBe(404);
    expect((await admin.call('PUT', `/api/campaigns/${id}/dnc-lists/99999`)).status).toBe(404);
    expect((await admin.call('DELETE', `/api/campaigns/${id}/dnc-lists/${dnc.id}`)).json.dncLists).toEqual([]);
    expect((await admin.call('DELETE', `/api/campaigns/${id}/dnc-lists/${dnc.id}`)).status).toBe(404);
  });

  it('A1 a supervisor drives the lifecycle only of campaigns granted to them', async () => {
    const id = await ready();
    const sup = await t.signInAs('supervisor');
    expect((await act(id, 'start', sup)).status).toBe(403);
    await admin.call('PUT', `/api/campaigns/${id}/grants/${sup.userId}`);
    expect((await act(id, 'start', sup)).json.status).toBe('running');
    expect((await act(id, 'pause', sup)).json.status).toBe('paused');
    const agent = await t.signInAs('agent');
    expect((await act(id, 'start', agent)).status).toBe(403);
  });
});
