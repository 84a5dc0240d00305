import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { addCallback, ids, makeFloor, type Floor } from './fixtures.js';

/** C2, C3 (and A1 for callbacks): the supervisor's callback search, its results and alerts. */
describe.each(await availableEngines())('C2 C3 callback search (%s)', (engine) => {
  const BASE = '2026-03-02T09:00:00Z';
  let t: TestApp;
  let f: Floor;
  let admin: Session;
  const cb = {} as Record<'overdue' | 'due' | 'approaching' | 'tomorrow' | 'other' | 'oldList' | 'done', number>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    f = await makeFloor(t);
    admin = await t.signInAs('admin');
    const A = f.campaignId;
    const { sato, suzuki, tanaka, old } = f.records;
    cb.overdue = await addCallback(t, { campaignId: A, recordId: sato, inMinutes: -120, assigneeId: f.agentA.userId, notes: 'Call about invoice 42' });
    cb.due = await addCallback(t, { campaignId: A, recordId: suzuki, inMinutes: -30, assigneeId: f.agentB.userId, notes: 'Prefers mornings', batch: '2' });
    cb.approaching = await addCallback(t, { campaignId: A, recordId: tanaka, inMinutes: 5, minutes: 30 });
    cb.tomorrow = await addCallback(t, { campaignId: A, recordId: sato, inMinutes: 24 * 60, assigneeId: f.agentA.userId, batch: '2', phone: '+81312340000' });
    cb.other = await addCallback(t, { campaignId: f.otherCampaignId, recordId: tanaka, inMinutes: 60, assigneeId: f.agentC.userId, notes: 'renewal invoice' });
    cb.oldList = await addCallback(t, { campaignId: A, recordId: old, inMinutes: 120, assigneeId: f.agentA.userId });
    cb.done = await addCallback(t, { campaignId: A, recordId: suzuki, inMinutes: -300, assigneeId: f.agentA.userId, status: 'done' });
  });
  afterAll(() => t?.close());

  const search = async (who: Session, query: string) => {
    const res = await who.call('GET', `/api/callbacks?${query}`);
    expect(res.status, res.body).toBe(200);
    return res.json as { items: Array<Record<string, unknown> & { id: number }>; total: number };
  };

  it('C3 every result carries ID, window, alert, campaign, batch, list, dial group, name, phonetic name, phone, assignee, notes, created/updated at and by', async () => {
    t.clock.set(BASE);
    const one = (await search(admin, `campaignId=${f.campaignId}&name=${encodeURIComponent('鈴木')}&status=pending`)).items;
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      id: cb.due,
      windowStart: '2026-03-02T08:30:00.000Z',
      windowEnd: '2026-03-02T09:30:00.000Z',
      alert: 'due',
      campaignId: f.campaignId,
      campaignName: 'Spring collections',
      batch: '2',
      listId: f.listId,
      listName: 'Tokyo accounts',
      dialGroup: 'Collections',
      name: '鈴木 花子',
      phoneticName: 'スズキ ハナコ',
      phone: '+81398765432',
      assigneeId: f.agentB.userId,
      assigneeName: expect.any(String),
      notes: 'Prefers mornings',
      createdAt: BASE.replace('Z', '.000Z'),
      updatedAt: BASE.replace('Z', '.000Z'),
    });
    expect(one[0]).toHaveProperty('updatedBy');
  });

  it('C2 alert filter: overdue (window ended), due (inside it), approaching (starts within 10 minutes); done callbacks have none', async () => {
    t.clock.set(BASE);
    expect(ids(await search(admin, 'alert=overdue'))).toEqual([cb.overdue]);
    expect(ids(await search(admin, 'alert=due'))).toEqual([cb.due]);
    expect(ids(await search(admin, 'alert=approaching'))).toEqual([cb.approaching]);
    expect(ids(await search(admin, 'alert=overdue,due'))).toEqual([cb.overdue, cb.due]);
    const all = await search(admin, 'limit=500');
    const alertOf = (id: number) => all.items.find((c) => c.id === id)!.alert;
    expect([alertOf(cb.tomorrow), alertOf(cb.done), alertOf(cb.other)]).toEqual([null, null, null]);
    expect((await admin.call('GET', '/api/callbacks?alert=late')).status).toBe(400);
  });

  it('C2 period: start and end in a time zone; an end of 24:00 is the end of that day', async () => {
    t.clock.set(BASE);
    const wholeDay = ids(await search(admin, 'from=2026-03-02&to=2026-03-02T24:00&timeZone=UTC'));
    expect(wholeDay).toEqual([cb.overdue, cb.due, cb.approaching, cb.other, cb.oldList, cb.done].sort((a, b) => a - b));
    expect(ids(await search(admin, 'from=2026-03-02&to=2026-03-02&timeZone=UTC'))).toEqual(wholeDay);
    expect(ids(await search(admin, 'to=2026-03-02T09:00&timeZone=UTC'))).toEqual([cb.overdue, cb.due, cb.done]);
    // 18:00 to 24:00 in Tokyo is 09:00 to 15:00 UTC.
    expect(ids(await search(admin, `from=${encodeURIComponent('2026-03-02T18:00')}&to=2026-03-02T24:00&timeZone=Asia/Tokyo`))).toEqual([cb.approaching, cb.other, cb.oldList]);
    expect(ids(await search(admin, `from=${encodeURIComponent('2026-03-03T00:00:00+09:00')}`))).toEqual([cb.tomorrow]);
    const refused = await admin.call('GET', '/api/callbacks?from=2026-03-02T24:00');
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(/only the end/);
    expect((await admin.call('GET', '/api/callbacks?from=2026-03-04&to=2026-03-02')).status).toBe(400);
  });

  it('C2 campaign, batch, list, dial group, name, phonetic name, phone, assignee and notes filters', async () => {
    t.clock.set(BASE);
    const A = f.campaignId;
    expect(ids(await search(admin, `campaignId=${f.otherCampaignId}`))).toEqual([cb.other]);
    expect(ids(await search(admin, `campaignId=${A}&batch=2`))).toEqual([cb.due, cb.tomorrow]);
    expect(ids(await search(admin, `listId=${f.oldListId}`))).toEqual([cb.oldList]);
    expect(ids(await search(admin, 'dialGroup=Renewals'))).toEqual([cb.other]);
    expect(ids(await search(admin, `name=${encodeURIComponent('佐藤')}`))).toEqual([cb.overdue, cb.tomorrow]);
    expect(ids(await search(admin, 'name=tanaka'))).toEqual([cb.approaching, cb.other]);
    expect(ids(await search(admin, `phoneticName=${encodeURIComponent('スズキ')}`))).toEqual([cb.due, cb.done]);
    // Issue 6 point 8: the phonetic name in hiragana, half-width katakana or without its space finds the katakana.
    for (const kana of ['すずき', 'ｽｽﾞｷ', 'スズキハナコ', 'すずき　はなこ']) expect(ids(await search(admin, `phoneticName=${encodeURIComponent(kana)}`)), kana).toEqual([cb.due, cb.done]);
    expect(ids(await search(admin, 'phone=03-1234-5678'))).toEqual([cb.overdue]);
    expect(ids(await search(admin, `phone=${encodeURIComponent('+81 3 1234')}`))).toEqual([cb.overdue, cb.tomorrow]);
    expect(ids(await search(admin, `assigneeId=${f.agentB.userId}`))).toEqual([cb.due]);
    expect(ids(await search(admin, 'assigneeId=anyone'))).toEqual([cb.approaching]);
    expect(ids(await search(admin, 'notes=INVOICE'))).toEqual([cb.overdue, cb.other]);
    expect(ids(await search(admin, `notes=invoice&campaignId=${A}`))).toEqual([cb.overdue]);
    expect((await search(admin, 'notes=100%25')).total).toBe(0); // % is a character, not a wildcard
    expect(ids(await search(admin, 'status=done'))).toEqual([cb.done]);
  });

  it('C3 a deleted list is hidden: no list shown, and searching for it finds nothing', async () => {
    t.clock.set(BASE);
    await t.storage.db.updateTable('contact_lists').set({ deleted_at: t.clock.now() }).where('id', '=', f.oldListId).execute();
    const row = (await admin.call('GET', `/api/callbacks/${cb.oldList}`)).json;
    expect(row).toMatchObject({ id: cb.oldList, listId: null, listName: null, name: 'Old Contact' });
    expect((await search(admin, `listId=${f.oldListId}`)).total).toBe(0);
    await t.storage.db.updateTable('contact_lists').set({ deleted_at: null }).where('id', '=', f.oldListId).execute();
  });

  it('C3 sorted and paginated: sort, order, limit, offset and total', async () => {
    t.clock.set(BASE);
    const first = await search(admin, 'sort=windowStart&order=desc&limit=3');
    expect(first.total).toBe(7);
    expect(first.items.map((c) => c.id)).toEqual([cb.tomorrow, cb.oldList, cb.other]);
    const second = await search(admin, 'sort=windowStart&order=desc&limit=3&offset=3');
    expect(second.items.map((c) => c.id)).toEqual([cb.approaching, cb.due, cb.overdue]);
    const byName = await search(admin, `campaignId=${f.campaignId}&status=pending&sort=name&order=asc`);
    expect(byName.items.map((c) => c.name)).toEqual(['Old Contact', 'Tanaka Ken', '佐藤 一郎', '佐藤 一郎', '鈴木 花子']);
    const byCampaign = await search(admin, 'sort=campaign&order=desc&limit=1');
    expect(byCampaign.items[0]!.campaignName).toBe('Winter renewals');
    const byAssignee = await search(admin, `campaignId=${f.campaignId}&sort=assignee&order=asc`);
    expect(byAssignee.items.at(-1)!.assigneeId).toBeNull(); // anyone in the queue sorts last
  });

  it('A1 C2 an agent finds only callbacks assigned to them', async () => {
    t.clock.set(BASE);
    expect(ids(await search(f.agentA, ''))).toEqual([cb.overdue, cb.tomorrow, cb.oldList, cb.done].sort((a, b) => a - b));
    expect((await search(f.agentA, `assigneeId=${f.agentB.userId}`)).total).toBe(0);
    expect((await f.agentA.call('GET', `/api/callbacks/${cb.due}`)).status).toBe(404);
  });

  it('A1 C2 a supervisor without a grant finds nothing and is refused the campaign (403); with a grant, only that campaign', async () => {
    t.clock.set(BASE);
    const supervisor = await t.signInAs('supervisor');
    expect((await search(supervisor, '')).total).toBe(0);
    const refused = await supervisor.call('GET', `/api/callbacks?campaignId=${f.campaignId}`);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('forbidden');
    expect((await supervisor.call('GET', `/api/callbacks/${cb.due}`)).status).toBe(403);
    expect((await admin.call('PUT', `/api/campaigns/${f.otherCampaignId}/grants/${supervisor.userId}`)).status).toBe(204);
    expect(ids(await search(supervisor, ''))).toEqual([cb.other]);
    expect((await supervisor.call('GET', `/api/callbacks?campaignId=${f.campaignId}`)).status).toBe(403);
  });

  it('C2 C3 the alert follows the clock: none, approaching 10 minutes before, due inside the window, overdue after it, none once done', async () => {
    t.clock.set(BASE);
    const id = await addCallback(t, { campaignId: f.otherCampaignId, recordId: f.records.sato, inMinutes: 15, minutes: 30 });
    const alert = async () => (await admin.call('GET', `/api/callbacks/${id}`)).json.alert;
    expect(await alert()).toBeNull();
    t.clock.advance(4 * 60_000 + 59_000);
    expect(await alert()).toBeNull();
    t.clock.advance(1000); // 10 minutes before the window
    expect(await alert()).toBe('approaching');
    expect(ids(await search(admin, 'alert=approaching'))).toContain(id);
    t.clock.advance(10 * 60_000);
    expect(await alert()).toBe('due');
    t.clock.advance(30 * 60_000); // the window's last moment
    expect(await alert()).toBe('due');
    t.clock.advance(1000);
    expect(await alert()).toBe('overdue');
    expect(ids(await search(admin, 'alert=overdue'))).toContain(id);
    await t.storage.db.updateTable('callbacks').set({ status: 'done' }).where('id', '=', id).execute();
    expect(await alert()).toBeNull();
    expect(ids(await search(admin, 'alert=overdue'))).not.toContain(id);
  });

  it('C3 callbacks of a deleted campaign are gone from the search and from reading', async () => {
    t.clock.set(BASE);
    await t.storage.db.updateTable('campaigns').set({ deleted_at: t.clock.now() }).where('id', '=', f.otherCampaignId).execute();
    expect(ids(await search(admin, 'limit=500'))).not.toContain(cb.other);
    expect((await admin.call('GET', `/api/callbacks/${cb.other}`)).status).toBe(404);
  });
});
