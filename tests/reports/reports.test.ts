import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { startReportRig, type ReportRig } from './fixtures.js';

/** R2 (and A1 for reports): the campaign, wrap-up code and agent reports, their CSV, and who sees what. */
describe.each(await availableEngines())('R2 reports (%s)', (engine) => {
  const NOW = '2026-03-02T09:00:00Z';
  const DAY = 'from=2026-03-02&to=2026-03-02T24:00&timeZone=UTC';
  let t: TestApp;
  let r: ReportRig;
  let admin: Session;
  let supervisor: Session;
  let A: number;
  let B: number;

  beforeAll(async () => {
    r = await startReportRig(engine);
    ({ t, admin, supervisor } = r);
    A = r.floor.campaignId;
    B = r.floor.otherCampaignId;
  });
  afterAll(() => t?.close());

  const get = async (who: Session, url: string) => {
    const res = await who.call('GET', url);
    expect(res.status, res.body).toBe(200);
    return res.json;
  };

  it('R2 campaign report: attempts, dials, answers, D6 abandons over live answers, results, talk and wrap, contacts, finished, success, penetration', async () => {
    t.clock.set(NOW);
    const report = await get(admin, `/api/reports/campaigns?${DAY}&campaignId=${A}`);
    expect(report).toMatchObject({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z', timeZone: 'UTC', asOf: '2026-03-02T09:00:00.000Z' });
    expect(report.campaigns).toHaveLength(1);
    expect(report.campaigns[0]).toMatchObject({
      campaignId: A,
      campaignName: 'Spring collections',
      attempts: 6,
      dials: 5,
      noCall: 1,
      answered: 4,
      liveAnswers: 3,
      connected: 2,
      abandoned: 1,
      machine: 1,
      fax: 0,
      busy: 1,
      noAnswer: 0,
      badNumber: 0,
      failed: 0,
      talkMs: 180_000,
      avgTalkMs: 90_000,
      holdMs: 10_000,
      wrapMs: 40_000,
      avgWrapMs: 20_000,
      contactsReached: 2,
      recordsFinished: 2,
      success: 1,
      conversionRatePercent: 50,
      progress: { total: 3, done: 2, remaining: 1, penetrationPercent: (100 * 2) / 3 },
    });
    expect(report.campaigns[0].abandonRatePercent).toBeCloseTo(100 / 3, 6);
    expect(report.totals.attempts).toBe(6);
  });

  it('R2 campaign report: the chart is hourly for a day and daily for a month, in the report time zone, with empty buckets', async () => {
    t.clock.set(NOW);
    const day = await get(admin, `/api/reports/campaigns?${DAY}&campaignId=${A}`);
    expect(day.series.unit).toBe('hour');
    expect(day.series.points).toHaveLength(24);
    expect(day.series.points[8]).toEqual({ start: '2026-03-02T08:00:00.000Z', label: '2026-03-02 08:00', attempts: 6, connected: 2, abandoned: 1, liveAnswers: 3 });
    expect(day.series.points[9].attempts).toBe(0);
    const month = await get(admin, `/api/reports/campaigns?from=2026-03-01&to=2026-03-31&timeZone=Asia/Tokyo`);
    expect(month.series.unit).toBe('day');
    expect(month.series.points).toHaveLength(31);
    // 2026-03-01T23:59:59Z is 2 March in Tokyo: the attempt "before" falls on the same local day as the others.
    const second = month.series.points.find((p: { label: string }) => p.label === '2026-03-02');
    expect(second).toMatchObject({ start: '2026-03-01T15:00:00.000Z', attempts: 8, connected: 4 });
    expect(month.campaigns.map((c: { campaignId: number }) => c.campaignId)).toEqual([A, B]);
    expect(month.totals.attempts).toBe(8);
  });

  it('R2 wrap-up codes: per campaign and code its label, outcome, count and share; unused codes listed with 0', async () => {
    t.clock.set(NOW);
    const report = await get(admin, `/api/reports/wrap-up-codes?${DAY}&campaignId=${A}`);
    const byCode = Object.fromEntries(report.items.map((i: { code: string }) => [i.code, i]));
    expect(byCode.sale).toMatchObject({ campaignId: A, campaignName: 'Spring collections', label: 'Sale', outcome: 'final_success', count: 1 });
    expect(byCode.sale.sharePercent).toBeCloseTo(100 / 3, 6);
    expect(byCode.voicemail).toMatchObject({ count: 1, outcome: 'retry_after' });
    expect(byCode.bad_record).toMatchObject({ count: 1, outcome: 'final_failure' });
    expect(byCode.busy).toMatchObject({ count: 0, sharePercent: 0 });
  });

  it('R2 agent report: talk, hold, wrap, idle, reserved, not ready per reason, calls, handle time, skips, completed; a state open at now counts to now', async () => {
    t.clock.set(NOW);
    const report = await get(admin, `/api/reports/agents?${DAY}&campaignId=${A}`);
    const a = report.items.find((i: { userId: number }) => i.userId === r.floor.agentA.userId);
    expect(a).toMatchObject({
      loggedInMs: 90 * 60_000,
      idleMs: 3960_000,
      offeredMs: 40_000,
      previewingMs: 40_000,
      dialingMs: 10_000,
      talkMs: 120_000,
      holdMs: 10_000,
      wrapMs: 30_000,
      notReadyMs: 1200_000,
      notReadyByReason: [
        { reason: 'break', ms: 600_000 },
        { reason: 'logged_in', ms: 600_000 },
      ],
      callsHandled: 1,
      avgHandleMs: 150_000,
      dials: 1,
      skips: 1,
      recordsCompleted: 2,
    });
    const b = report.items.find((i: { userId: number }) => i.userId === r.floor.agentB.userId);
    expect(b).toMatchObject({ loggedInMs: 10 * 60_000, talkMs: 60_000, wrapMs: 10_000, callsHandled: 1, avgHandleMs: 70_000, recordsCompleted: 1 });
    expect(report.items.map((i: { userId: number }) => i.userId)).not.toContain(r.floor.agentC.userId);

    t.clock.set('2026-03-02T09:30:00Z');
    const later = await get(admin, `/api/reports/agents?${DAY}&userId=${r.floor.agentA.userId}`);
    expect(later.items).toHaveLength(1);
    expect(later.items[0].notReadyByReason[0]).toEqual({ reason: 'break', ms: 40 * 60_000 });
  });

  it('R2 agent report: intervals that straddle the period are clipped to it', async () => {
    t.clock.set(NOW);
    const report = await get(admin, `/api/reports/agents?from=2026-03-02T07:35&to=2026-03-02T08:55&timeZone=UTC&userId=${r.floor.agentA.userId}`);
    expect(report.items[0]).toMatchObject({
      loggedInMs: 80 * 60_000,
      notReadyMs: 10 * 60_000,
      notReadyByReason: [
        { reason: 'break', ms: 5 * 60_000 },
        { reason: 'logged_in', ms: 5 * 60_000 },
      ],
    });
    const none = await get(admin, `/api/reports/agents?from=2026-03-01&to=2026-03-01&timeZone=UTC&userId=${r.floor.agentA.userId}`);
    expect(none.items).toEqual([]);
  });

  it('A1 R2 reports: a supervisor sees only granted campaigns (another answers 403), agents 403, signed out 401', async () => {
    t.clock.set(NOW);
    const report = await get(supervisor, `/api/reports/campaigns?${DAY}`);
    expect(report.campaigns.map((c: { campaignId: number }) => c.campaignId)).toEqual([A]);
    const agents = await get(supervisor, `/api/reports/agents?${DAY}`);
    expect(agents.items.map((i: { userId: number }) => i.userId).sort()).toEqual([r.floor.agentA.userId, r.floor.agentB.userId].sort());
    for (const path of ['campaigns', 'wrap-up-codes', 'agents', 'attempts', 'campaigns.csv', 'attempts.csv']) {
      const res = await supervisor.call('GET', `/api/reports/${path}?${DAY}&campaignId=${B}`);
      expect(res.status, path).toBe(403);
      expect(res.json.error.message).toContain('grant');
    }
    expect((await admin.call('GET', `/api/reports/campaigns?${DAY}&campaignId=99999`)).status).toBe(404);
    expect((await r.floor.agentA.call('GET', `/api/reports/campaigns?${DAY}`)).status).toBe(403);
    expect((await r.floor.agentA.call('GET', '/api/reports/customers?name=x')).status).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/reports/campaigns?${DAY}` })).statusCode).toBe(401);
  });

  it('R2 bad input: a missing or reversed period, one over 366 days, an unknown zone answer 400 saying how to fix it', async () => {
    const bad = async (query: string, says: string) => {
      const res = await admin.call('GET', `/api/reports/campaigns?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.error.code).toBe('validation_failed');
      expect(res.json.error.message).toContain(says);
    };
    await bad('to=2026-03-02', 'from');
    await bad('from=2026-03-02', 'to');
    await bad('from=2026-03-05&to=2026-03-02', 'swap');
    await bad('from=2025-01-01&to=2026-03-02', '366 days');
    await bad('from=2026-03-02&to=2026-03-03&timeZone=Mars/Olympus', 'IANA');
    await bad('from=yesterday&to=2026-03-03', 'from');
  });

  it('R2 CSV: each report as CSV, UTF-8 with BOM by default or Shift_JIS, English headers, every row', async () => {
    t.clock.set(NOW);
    const campaigns = await admin.call('GET', `/api/reports/campaigns.csv?${DAY}`);
    expect(campaigns.status).toBe(200);
    expect(campaigns.headers['content-type']).toContain('text/csv');
    expect(campaigns.headers['content-disposition']).toMatch(/campaign-report-\d{12}\.csv/);
    expect(campaigns.body.startsWith('\uFEFFcampaign ID,campaign,mode,status,attempts,dials')).toBe(true);
    const lines = campaigns.body.trim().split('\r\n');
    expect(lines).toHaveLength(4); // header, A, B, total
    expect(lines[1]).toContain('Spring collections');
    expect(lines[3]).toMatch(/^,total,/);

    const series = await admin.call('GET', `/api/reports/campaigns.csv?${DAY}&table=series`);
    expect(series.body.trim().split('\r\n')).toHaveLength(25);

    const codes = await admin.call('GET', `/api/reports/wrap-up-codes.csv?${DAY}&campaignId=${A}&encoding=shift_jis`);
    expect(codes.headers['content-type']).toContain('shift_jis');
    expect(codes.body.startsWith('campaign ID,campaign,code,label,outcome,count,share (%)')).toBe(true);

    const agents = await admin.call('GET', `/api/reports/agents.csv?${DAY}&campaignId=${A}`);
    const header = agents.body.split('\r\n')[0]!;
    expect(header).toContain('not ready: break (s)');
    expect(header).toContain('not ready: logged_in (s)');
    const rowA = agents.body.split('\r\n').find((l) => l.startsWith(`${r.floor.agentA.userId},`))!;
    expect(rowA.split(',')[3]).toBe('5400'); // logged in, seconds
  });

  it('R2 CSV: the attempt search in Shift_JIS keeps Japanese names; a bad filter answers 400 before any CSV', async () => {
    t.clock.set(NOW);
    const res = await t.app.inject({ method: 'GET', url: `/api/reports/attempts.csv?${DAY}&campaignId=${A}&encoding=shift_jis&sort=queuedAt&order=asc`, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    const text = iconv.decode(res.rawPayload, 'shift_jis');
    const rows = text.trim().split('\r\n');
    expect(rows).toHaveLength(7);
    expect(rows[0]).toContain('ended at (UTC)');
    expect(rows[1]).toContain('佐藤 一郎');
    expect(rows[1]).toContain('2026-03-02 08:02:11');
    const bad = await admin.call('GET', `/api/reports/attempts.csv?from=2026-03-05&to=2026-03-02`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
  });
});
