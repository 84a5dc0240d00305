import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/access/passwords.js';
import { goReady } from '../../src/agents/change-readiness.js';
import { joinCampaign } from '../../src/agents/join-campaign.js';
import { buildApp } from '../../src/app.js';
import { defaultLimits, loadConfig } from '../../src/config.js';
import type { App } from '../../src/http/types.js';
import { availableEngines } from '../support/storage.js';
import { type Harness, startHarness, usNumber } from './harness.js';

/**
 * D6, issue 4 point 7: the abandon rate the regulators' way — abandoned live answers over live
 * answers, per campaign, over a rolling 30 days (us) and a rolling 24 hours (uk), from the stored
 * attempts; never reset at midnight; the same figures in the API and in the running engine.
 */
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const PASSWORD = 'correct horse battery';

describe.each(await availableEngines())('abandon rate over rolling windows (%s)', (engine) => {
  let h: Harness;
  let app: App;
  let seq = 0;
  beforeAll(async () => {
    h = await startHarness(engine, { carrier: { outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 5 }, talk: { dist: 'fixed', mean: 60 } } });
    app = await buildApp({ storage: h.storage, clock: h.time, config: { ...loadConfig({}), limits: { ...defaultLimits } }, dnc: h.dnc, dialer: h.runtime });
    await app.ready();
  });
  afterEach(() => expect(h.runtime.takeFailures()).toEqual([]));
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  async function signIn(role: 'admin' | 'supervisor' | 'agent'): Promise<string> {
    const email = `${role}.rate${++seq}@example.test`;
    const now = h.time.now();
    await h.storage.db.insertInto('users').values({ email, user_code: `rate${role}${seq}`, display_name: role, role, password_hash: await hashPassword(PASSWORD), created_at: now, updated_at: now }).execute();
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { login: email, password: PASSWORD } });
    return String(res.headers['set-cookie']).split(';')[0]!;
  }
  const rateOf = async (cookie: string, campaignId: number) => {
    const res = await app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/abandon-rate`, headers: { cookie } });
    return { status: res.statusCode, json: JSON.parse(res.body) };
  };
  /** A stored attempt that ended `agoMs` before now with this result. */
  async function storedAttempt(campaignId: number, agoMs: number, result: 'abandoned' | 'connected' | 'machine' | 'no_answer') {
    const ended = new Date(h.time.nowMs() - agoMs);
    await h.storage.db
      .insertInto('dial_attempts')
      .values({ id: `hist-${campaignId}-${++seq}`, campaign_id: campaignId, batch: 1, record_id: 0, number_dialed: usNumber(900), origin: 'dialer', node_id: 'old-node', queued_at: new Date(ended.getTime() - 60_000), answered_at: result === 'no_answer' ? null : new Date(ended.getTime() - 30_000), ended_at: ended, system_result: result })
      .execute();
  }

  it('D6: 29 days ago counts for the US window, 31 days ago does not; 23 hours ago counts for the UK window, 25 hours ago does not', async () => {
    const admin = await signIn('admin');
    const queueId = await h.makeQueue('rate');
    const id = await h.makeCampaign({ mode: 'progressive', queueId, listIds: [] });
    await storedAttempt(id, 31 * DAY, 'abandoned');
    await storedAttempt(id, 29 * DAY, 'abandoned');
    await storedAttempt(id, 25 * HOUR, 'abandoned');
    await storedAttempt(id, 23 * HOUR, 'abandoned');
    for (const ago of [40 * DAY, 20 * DAY, 2 * DAY, 3 * HOUR, 2 * HOUR, HOUR]) await storedAttempt(id, ago, 'connected');
    await storedAttempt(id, HOUR, 'machine'); // not a live answer
    await storedAttempt(id, HOUR, 'no_answer');
    const { status, json } = await rateOf(admin, id);
    expect(status).toBe(200);
    // US: abandons at 29 d, 25 h, 23 h; connected at 20 d, 2 d, 3 h, 2 h, 1 h → 3 / 8.
    expect(json.us).toMatchObject({ window: 'us', abandoned: 3, liveAnswers: 8, ratePercent: 37.5 });
    // UK: the abandon at 23 h; connected at 3 h, 2 h, 1 h → 1 / 4.
    expect(json.uk).toMatchObject({ window: 'uk', abandoned: 1, liveAnswers: 4, ratePercent: 25 });
    expect(new Date(json.us.to).getTime() - new Date(json.us.from).getTime()).toBe(30 * DAY);
    expect(json.definition).toMatch(/live answers/);
  });

  it('D6: the windows roll with the clock and are never reset at midnight', async () => {
    const admin = await signIn('admin');
    const queueId = await h.makeQueue('midnight');
    const id = await h.makeCampaign({ mode: 'progressive', queueId, listIds: [] });
    // Now is 14:00 UTC (09:00 New York). An abandon and a connected call 30 minutes ago.
    await storedAttempt(id, 30 * 60_000, 'abandoned');
    await storedAttempt(id, 30 * 60_000, 'connected');
    const before = (await rateOf(admin, id)).json;
    expect(before.uk).toMatchObject({ abandoned: 1, liveAnswers: 2 });
    // Past midnight UTC and midnight in New York: both still count.
    await h.run(15 * HOUR);
    expect(h.time.now().toISOString()).toBe('2026-01-06T05:00:00.000Z');
    const after = (await rateOf(await signIn('admin'), id)).json;
    expect(after.uk).toMatchObject({ abandoned: 1, liveAnswers: 2, ratePercent: 50 });
    expect(after.us).toMatchObject({ abandoned: 1, liveAnswers: 2 });
    // 24 hours after they ended they leave the UK window, not the US one.
    await h.run(9 * HOUR);
    const later = (await rateOf(await signIn('admin'), id)).json;
    expect(later.uk).toMatchObject({ abandoned: 0, liveAnswers: 0, ratePercent: null });
    expect(later.us).toMatchObject({ abandoned: 1, liveAnswers: 2, ratePercent: 50 });
  });

  it('D6, A1: staff only; an unknown campaign is a 404', async () => {
    const agent = await signIn('agent');
    const supervisor = await signIn('supervisor');
    const queueId = await h.makeQueue('access');
    const id = await h.makeCampaign({ mode: 'progressive', queueId, listIds: [] });
    expect((await rateOf(agent, id)).status).toBe(403);
    expect((await rateOf(supervisor, id)).status).toBe(200);
    expect((await rateOf(supervisor, 999_999)).json).toMatchObject({ error: { code: 'not_found' } });
    const noSession = await app.inject({ method: 'GET', url: `/api/campaigns/${id}/abandon-rate` });
    expect(noSession.statusCode).toBe(401);
  });

  it('D6: the engine loads the stored window when it takes the lease and counts its own abandons as they happen', async () => {
    const admin = await signIn('admin');
    const queueId = await h.makeQueue('engine');
    const agent = await h.makeAgent(queueId, 'power@example.test');
    const list = await h.makeList('engine', [0, 1, 2].map((i) => ({ phones: [usNumber(700 + i)], custom: { Rank: String(i) } })));
    const id = await h.makeCampaign({ mode: 'power', queueId, listIds: [list.listId], linesPerAgent: 3, abandonMessage: 'Sorry we missed you.', sortOrder: [{ column: 'Rank', direction: 'asc', compareAs: 'number' }] });
    await storedAttempt(id, 2 * HOUR, 'abandoned');
    await storedAttempt(id, 2 * HOUR, 'connected');
    await h.start(id);
    const deps = { runtime: h.runtime, db: h.storage.db };
    await joinCampaign(deps, agent, id);
    await h.run(1_000);
    const windows = h.runtime.engineOf(id).abandons;
    expect(windows.rate('uk', h.time.now())).toMatchObject({ abandoned: 1, liveAnswers: 1 + 1 });
    // Three lines, three live answers at once, one agent: one connects, two are abandoned (D6).
    await goReady(deps, agent);
    await h.run(30_000);
    const fromEngine = windows.rate('uk', h.time.now());
    expect(fromEngine).toMatchObject({ abandoned: 3, liveAnswers: 4 });
    const fromApi = (await rateOf(admin, id)).json;
    expect(fromApi.uk).toMatchObject({ abandoned: 3, liveAnswers: 4 });
    expect(fromApi.us).toMatchObject({ abandoned: 3, liveAnswers: 4 });
  });
});
