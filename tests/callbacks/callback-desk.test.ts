import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { addCallback, makeFloor, type Floor } from './fixtures.js';

/** C4 edit, C5 my callbacks today, C6 CSV download, C8 bulk reassign. */
describe.each(await availableEngines())('C4 C5 C6 C8 callback desk (%s)', (engine) => {
  const BASE = '2026-03-02T09:00:00Z';
  let t: TestApp;
  let f: Floor;
  let admin: Session;
  let supervisor: Session;

  beforeAll(async () => {
    t = await startTestApp(engine);
    f = await makeFloor(t);
    admin = await t.signInAs('admin');
    supervisor = await t.signInAs('supervisor');
    expect((await admin.call('PUT', `/api/campaigns/${f.campaignId}/grants/${supervisor.userId}`)).status).toBe(204);
  });
  afterAll(() => t?.close());

  const download = async (who: Session, query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/callbacks.csv?${query}`, headers: { cookie: who.cookie } });
    return { status: res.statusCode, bytes: res.rawPayload, type: String(res.headers['content-type']), disposition: String(res.headers['content-disposition']) };
  };
  const assigneeOf = async (id: number) => (await admin.call('GET', `/api/callbacks/${id}`)).json.assigneeId;

  it('C6 CSV of the current search: UTF-8 with a BOM, times in the search zone, formulas defused', async () => {
    t.clock.set(BASE);
    const id = await addCallback(t, { campaignId: f.campaignId, recordId: f.records.sato, inMinutes: 30, assigneeId: f.agentA.userId, notes: '=HYPERLINK("http://evil.test","click"), then call' });
    await addCallback(t, { campaignId: f.otherCampaignId, recordId: f.records.tanaka, inMinutes: 30, notes: 'not in this search' });
    const res = await download(supervisor, `campaignId=${f.campaignId}&timeZone=Asia/Tokyo`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.disposition).toMatch(/attachment; filename="callbacks-\d{12}\.csv"/);
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'ID,window start (Asia/Tokyo),window end (Asia/Tokyo),alert,campaign,batch,list,dial group,name,phonetic name,phone,assignee,notes,created at (Asia/Tokyo),updated at (Asia/Tokyo),updated by,status,callback\'s time zone',
    );
    expect(lines).toHaveLength(2);
    const cells = lines[1]!;
    expect(cells.startsWith(`${id},2026-03-02 18:30,2026-03-02 19:30,,Spring collections,1,Tokyo accounts,Collections,佐藤 一郎,サトウ イチロウ,+81312345678,`)).toBe(true);
    expect(cells).toContain(`,"'=HYPERLINK(""http://evil.test"",""click""), then call",`);
    const some = await download(supervisor, `campaignId=${f.campaignId}&columns=id,phone,notes`);
    expect(some.bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe('ID,phone,notes');
  });

  it('C6 CSV in Shift_JIS on request: no BOM, Japanese names as Shift_JIS bytes', async () => {
    t.clock.set(BASE);
    const res = await download(supervisor, `campaignId=${f.campaignId}&encoding=shift_jis&columns=name,phoneticName`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/charset=shift_jis/);
    expect(res.bytes[0]).not.toBe(0xef);
    expect(res.bytes.includes(Buffer.from([0x8d, 0xb2, 0x93, 0xa1]))).toBe(true); // 佐藤
    expect(res.bytes.includes(Buffer.from('佐藤', 'utf8'))).toBe(false);
    expect(iconv.decode(res.bytes, 'shift_jis')).toBe('name,phonetic name\r\n佐藤 一郎,サトウ イチロウ\r\n');
  });

  it('C6 A1 the CSV keeps to what the caller may see: 403 for a campaign without a grant, agents refused', async () => {
    expect((await download(supervisor, `campaignId=${f.otherCampaignId}`)).status).toBe(403);
    expect((await download(f.agentA, '')).status).toBe(403);
    expect((await download(supervisor, 'encoding=latin1')).status).toBe(400);
  });

  it('C8 bulk reassign is all or nothing: one callback without a grant refuses the batch and says which', async () => {
    t.clock.set(BASE);
    const mine1 = await addCallback(t, { campaignId: f.campaignId, recordId: f.records.sato, inMinutes: 60, assigneeId: f.agentA.userId });
    const mine2 = await addCallback(t, { campaignId: f.campaignId, recordId: f.records.suzuki, inMinutes: 90, assigneeId: f.agentA.userId });
    const theirs = await addCallback(t, { campaignId: f.otherCampaignId, recordId: f.records.tanaka, inMinutes: 60, assigneeId: f.agentC.userId });
    const refused = await supervisor.call('POST', '/api/callbacks/reassign', { callbackIds: [mine1, theirs, mine2], assigneeId: f.agentB.userId });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(/Nothing was reassigned: 1 of 3/);
    expect(refused.json.error.details.refused).toEqual([{ callbackId: theirs, campaignId: f.otherCampaignId, reason: 'no_grant', message: expect.stringMatching(/grant/) }]);
    expect([await assigneeOf(mine1), await assigneeOf(mine2), await assigneeOf(theirs)]).toEqual([f.agentA.userId, f.agentA.userId, f.agentC.userId]);

    const missing = await supervisor.call('POST', '/api/callbacks/reassign', { callbackIds: [mine1, 999999], assigneeId: null });
    expect(missing.status).toBe(404);
    expect(missing.json.error.details.refused.map((r: { callbackId: number }) => r.callbackId)).toEqual([999999]);
  });

  it('C8 the new assignee must be an active member of each callback\'s queue; null hands them to anyone in the queue', async () => {
    t.clock.set(BASE);
    const a = await addCallback(t, { campaignId: f.campaignId, recordId: f.records.sato, inMinutes: 60, assigneeId: f.agentA.userId });
    const b = await addCallback(t, { campaignId: f.campaignId, recordId: f.records.suzuki, inMinutes: 60, assigneeId: f.agentA.userId });
    const done = await addCallback(t, { campaignId: f.campaignId, recordId: f.records.tanaka, inMinutes: -60, assigneeId: f.agentA.userId, status: 'done' });

    const outsider = await supervisor.call('POST', '/api/callbacks/reassign', { callbackIds: [a, b], assigneeId: f.agentC.userId });
    expect(outsider.status).toBe(400);
    expect(outsider.json.error.details.refused.map((r: { callbackId: number; reason: string }) => [r.callbackId, r.reason])).toEqual([[a, 'assignee_not_allowed'], [b, 'assignee_not_allowed']]);
    expect(outsider.json.error.message).toMatch(/not a member of the queue "Collections"/);
    const disabled = await supervisor.call('POST', '/api/callbacks/reassign', { callbackIds: [a], assigneeId: f.disabledId });
    expect(disabled.status).toBe(400);
    expect(disabled.json.error.message).toMatch(/disabled/);
    const closed = await supervisor.call('POST', '/api/callbacks/reassign', { callbackIds: [a, done], assigneeId: f.agentB.userId });
    expect(closed.status).toBe(409);
    expect(closed.json.error.details.refused).toEqual([expect.objectContaining({ callbackId: done, reason: 'not_pending' })]);
    expect([await assigneeOf(a), await assigneeOf(b)]).toEqual([f.agentA.userId, f.agentA.userId]);

    t.clock.advance(60_000);
    const ok = await supervisor.call('POST', '/api/callbacks/reassign', { callbackIds: [a, b], assigneeId: f.agentB.userId });
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json).toEqual({ reassigned: 2, assigneeId: f.agentB.userId, callbackIds: [a, b] });
    const after = (await admin.call('GET', `/api/callbacks/${a}`)).json;
    expect(after).toMatchObject({ assigneeId: f.agentB.userId, updatedBy: supervisor.userId, updatedAt: '2026-03-02T09:01:00.000Z' });
    const anyone = await supervisor.call('POST', '/api/callbacks/reassign', { callbackIds: [a, b], assigneeId: null });
    expect(anyone.status).toBe(200);
    expect([await assigneeOf(a), await assigneeOf(b)]).toEqual([null, null]);
    expect((await f.agentA.call('POST', '/api/callbacks/reassign', { callbackIds: [a], assigneeId: f.agentA.userId })).status).toBe(403);
  });

  it('C4 an edit records updated at and by, and refuses a dial group not of the batch or an assignee outside the queue', async () => {
    t.clock.set(BASE);
    const id = await addCallback(t, { campaignId: f.campaignId, recordId: f.records.sato, inMinutes: 60, assigneeId: f.agentA.userId });
    t.clock.advance(5 * 60_000);
    const wrongGroup = await supervisor.call('PATCH', `/api/callbacks/${id}`, { dialGroup: 'Renewals' });
    expect(wrongGroup.status).toBe(400);
    expect(wrongGroup.json.error.details).toMatchObject({ field: 'dialGroup', allowed: ['Collections'] });
    const outsider = await supervisor.call('PATCH', `/api/callbacks/${id}`, { assigneeId: f.agentC.userId });
    expect(outsider.status).toBe(400);
    const ok = await supervisor.call('PATCH', `/api/callbacks/${id}`, { dialGroup: 'Collections', assigneeId: f.agentB.userId, notes: 'Mori is out today', windowStart: '2026-03-02T11:00:00Z', windowEnd: '2026-03-02T11:30:00Z' });
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json).toMatchObject({ dialGroup: 'Collections', assigneeId: f.agentB.userId, notes: 'Mori is out today', windowStart: '2026-03-02T11:00:00.000Z', updatedBy: supervisor.userId, updatedAt: '2026-03-02T09:05:00.000Z' });
  });

  it("C5 an agent's callbacks for today in their own time zone, with earlier ones still open", async () => {
    t.clock.set(BASE); // 18:00 in Tokyo: the Tokyo day is 2026-03-01T15:00Z to 2026-03-02T15:00Z
    const agent = await t.signInAs('agent');
    await t.storage.db.updateTable('users').set({ time_zone: 'Asia/Tokyo' }).where('id', '=', agent.userId).execute();
    const { sato, suzuki, tanaka } = f.records;
    const A = f.campaignId;
    const lateTonight = await addCallback(t, { campaignId: A, recordId: sato, inMinutes: 5 * 60 + 30, assigneeId: agent.userId }); // 23:30 Tokyo
    const afterMidnight = await addCallback(t, { campaignId: A, recordId: suzuki, inMinutes: 6 * 60 + 30, assigneeId: agent.userId }); // 00:30 tomorrow
    const thisMorningDone = await addCallback(t, { campaignId: A, recordId: tanaka, inMinutes: -8 * 60, assigneeId: agent.userId, status: 'done' }); // 10:00 Tokyo
    const yesterdayOpen = await addCallback(t, { campaignId: A, recordId: suzuki, inMinutes: -20 * 60, assigneeId: agent.userId }); // 22:00 yesterday
    await addCallback(t, { campaignId: A, recordId: tanaka, inMinutes: -20 * 60, assigneeId: agent.userId, status: 'done' }); // yesterday, done
    await addCallback(t, { campaignId: A, recordId: sato, inMinutes: 60, assigneeId: f.agentB.userId }); // someone else's
    const res = await agent.call('GET', '/api/agent/callbacks/today');
    expect(res.status, res.body).toBe(200);
    expect(res.json).toMatchObject({ date: '2026-03-02', timeZone: 'Asia/Tokyo', from: '2026-03-01T15:00:00.000Z', to: '2026-03-02T15:00:00.000Z' });
    expect(res.json.items.map((c: { id: number }) => c.id)).toEqual([yesterdayOpen, thisMorningDone, lateTonight]);
    expect(res.json.items.map((c: { alert: string | null }) => c.alert)).toEqual(['overdue', null, null]);
    expect(res.json.items.map((c: { id: number }) => c.id)).not.toContain(afterMidnight);
  });
});
