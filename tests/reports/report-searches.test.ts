import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { startReportRig, type ReportRig } from './fixtures.js';

/** R2 attempt history search and R3 customer search across lists (and A1 for both). */
describe.each(await availableEngines())('R2 R3 report searches (%s)', (engine) => {
  const NOW = '2026-03-02T09:00:00Z';
  const DAY = 'from=2026-03-02&to=2026-03-02T24:00&timeZone=UTC';
  let t: TestApp;
  let r: ReportRig;
  let admin: Session;
  let supervisor: Session;

  beforeAll(async () => {
    r = await startReportRig(engine);
    ({ t, admin, supervisor } = r);
    t.clock.set(NOW);
  });
  afterAll(() => t?.close());

  const search = async (who: Session, url: string) => {
    const res = await who.call('GET', url);
    expect(res.status, res.body).toBe(200);
    return res.json as { items: Array<Record<string, any>>; total: number; limit: number; offset: number };
  };
  const attemptIds = async (who: Session, query: string) => (await search(who, `/api/reports/attempts?${DAY}&${query}`)).items.map((i) => i.id).sort();
  const sorted = (...ids: string[]) => [...ids].sort();

  it('R2 attempt history: each attempt with record name and phone, list, agent, times, result, durations, code and label', async () => {
    const page = await search(admin, `/api/reports/attempts?${DAY}&code=sale&campaignId=${r.floor.campaignId}`);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      id: r.attempts.a1,
      campaignName: 'Spring collections',
      name: '佐藤 一郎',
      phoneticName: 'サトウ イチロウ',
      listName: 'Tokyo accounts',
      phone: '+81312345678',
      agentId: r.floor.agentA.userId,
      agentName: expect.any(String),
      origin: 'dialer',
      result: 'connected',
      endedAt: '2026-03-02T08:02:11.000Z',
      ringMs: 9_000,
      waitMs: 1_000,
      talkMs: 120_000,
      holdMs: 10_000,
      wrapMs: 30_000,
      code: 'sale',
      codeLabel: 'Sale',
      outcome: 'final_success',
      notes: 'Bought the plan',
    });
  });

  it('R2 attempt history filters: period, campaign, agent, result (no_call, in_progress), code, phone in any format, name; paginated and sorted', async () => {
    const { a1, a2, a3, a4, a5, a6, b1, open } = r.attempts;
    expect(await attemptIds(admin, '')).toEqual(sorted(a1, a2, a3, a4, a5, a6, b1));
    expect(await attemptIds(admin, 'result=connected')).toEqual(sorted(a1, a4, b1));
    expect(await attemptIds(admin, 'result=busy,machine')).toEqual(sorted(a3, a6));
    expect(await attemptIds(admin, 'result=no_call')).toEqual([a5]);
    expect(await attemptIds(admin, 'result=in_progress')).toEqual([open]);
    expect(await attemptIds(admin, `agentId=${r.floor.agentA.userId}`)).toEqual(sorted(a1, a5));
    expect(await attemptIds(admin, 'code=SALE,voicemail')).toEqual(sorted(a1, a4, b1));
    expect(await attemptIds(admin, `phone=${encodeURIComponent('03-1234-5678')}`)).toEqual([a1]);
    expect(await attemptIds(admin, `name=${encodeURIComponent('鈴木')}`)).toEqual(sorted(a2, a5));
    expect(await attemptIds(admin, `name=${encodeURIComponent('スズキ')}`)).toEqual(sorted(a2, a5));
    expect((await search(admin, '/api/reports/attempts?from=2026-03-01&to=2026-03-01&timeZone=UTC')).items.map((i) => i.id)).toEqual([r.attempts.before]);

    const first = await search(admin, `/api/reports/attempts?${DAY}&sort=talkMs&order=desc&limit=2`);
    expect(first).toMatchObject({ total: 7, limit: 2, offset: 0 });
    expect(first.items.map((i) => i.id)).toEqual([a1, a4]);
    const second = await search(admin, `/api/reports/attempts?${DAY}&sort=queuedAt&order=asc&limit=2&offset=2`);
    expect(second.items.map((i) => i.id)).toEqual([b1, a3]);
    expect((await admin.call('GET', `/api/reports/attempts?${DAY}&result=lost`)).status).toBe(400);
    expect((await admin.call('GET', `/api/reports/attempts?${DAY}&sort=nothing`)).status).toBe(400);
  });

  it('A1 R2 attempt history: a supervisor sees only attempts of granted campaigns', async () => {
    const { a1, a2, a3, a4, a5, a6 } = r.attempts;
    expect(await attemptIds(supervisor, '')).toEqual(sorted(a1, a2, a3, a4, a5, a6));
    expect(await attemptIds(supervisor, `agentId=${r.floor.agentC.userId}`)).toEqual([]);
  });

  it('R3 customer search: name in any case, phonetic name in katakana, hiragana or half width, phone in any format, list; with list name', async () => {
    const { sato, suzuki, tanaka, old } = r.floor.records;
    const ids = async (query: string) => (await search(admin, `/api/reports/customers?${query}`)).items.map((i) => i.recordId).sort((a, b) => a - b);
    expect(await ids('name=tanaka')).toEqual([tanaka]);
    expect(await ids(`name=${encodeURIComponent('佐藤')}`)).toEqual([sato]);
    expect(await ids(`phoneticName=${encodeURIComponent('さとう')}`)).toEqual([sato]);
    expect(await ids(`phoneticName=${encodeURIComponent('ｽｽﾞｷ')}`)).toEqual([suzuki]);
    expect(await ids(`phoneticName=${encodeURIComponent('サトウイチロウ')}`)).toEqual([sato]);
    expect(await ids(`phone=${encodeURIComponent('03-1234-5678')}`)).toEqual([sato]);
    expect(await ids(`phone=${encodeURIComponent('+81 (0)3 1234 5678')}`)).toEqual([sato]);
    expect(await ids(`phone=${encodeURIComponent('090 1111 2222')}`)).toEqual([tanaka]);
    expect(await ids(`q=${encodeURIComponent('たなか')}`)).toEqual([tanaka]);
    expect(await ids(`q=${encodeURIComponent('5555-6666')}`)).toEqual([old]);
    expect(await ids(`listId=${r.floor.oldListId}`)).toEqual([old]);
    const one = (await search(admin, `/api/reports/customers?name=Old`)).items[0]!;
    expect(one).toMatchObject({ recordId: old, listId: r.floor.oldListId, listName: 'Old accounts', phones: [{ number: '+81355556666', type: 'home' }], campaigns: [] });
    const res = await admin.call('GET', '/api/reports/customers');
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('at least one of');
  });

  it('R3 A1 customer search: each record with its status, attempts, last result and last attempt in every campaign the user may see', async () => {
    const mine = (await search(admin, `/api/reports/customers?phone=${encodeURIComponent('03-1234-5678')}`)).items[0]!;
    expect(mine.campaigns.map((c: { campaignName: string }) => c.campaignName)).toEqual(['Spring collections', 'Winter renewals']);
    expect(mine.campaigns[0]).toMatchObject({ campaignId: r.floor.campaignId, status: 'done', reason: 'sale', attempts: 1, lastResult: 'sale', lastAttemptAt: '2026-03-02T08:00:01.000Z' });
    const theirs = (await search(supervisor, `/api/reports/customers?phone=${encodeURIComponent('03-1234-5678')}`)).items[0]!;
    expect(theirs.campaigns.map((c: { campaignId: number }) => c.campaignId)).toEqual([r.floor.campaignId]);
  });

  it('R3 customer search as CSV: one line per record and campaign, times in the zone asked', async () => {
    const res = await admin.call('GET', `/api/reports/customers.csv?phone=${encodeURIComponent('03-1234-5678')}&timeZone=Asia/Tokyo`);
    expect(res.status).toBe(200);
    const lines = res.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toContain('last attempt (Asia/Tokyo)');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('2026-03-02 17:00:01');
  });
});
