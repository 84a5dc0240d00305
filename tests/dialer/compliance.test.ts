import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.js';
import type { AgentCommandDeps } from '../../src/agents/agent-commands.js';
import { goReady } from '../../src/agents/change-readiness.js';
import { wrapUpCall } from '../../src/agents/control-call.js';
import { getAgentState } from '../../src/agents/get-agent-state.js';
import { joinCampaign } from '../../src/agents/join-campaign.js';
import { getDialStatus } from '../../src/dialer/get-dial-status.js';
import { addDncNumber } from '../../src/dnc/manage-dnc-numbers.js';
import { createDncList } from '../../src/dnc/manage-dnc-lists.js';
import { availableEngines } from '../support/storage.js';
import { type Harness, type RecordSpec, startHarness, usNumber } from './harness.js';

/**
 * Issue 4 point 5 in the running engine (L4, L5, L6, C7, J6): nothing is dialed that
 * `mayDial` refuses; a refused record waits for its next allowed time or is set aside; and the
 * dial-status answer says why a record is not being dialed.
 */
const busy = (i: number) => usNumber(700 + i);
const script: Record<string, { outcome: 'busy'; delaySeconds: number }> = {};
for (let i = 0; i < 50; i++) script[busy(i)] = { outcome: 'busy', delaySeconds: 2 };

describe.each(await availableEngines())('compliance at dial time (%s)', (engine) => {
  let h: Harness;
  let deps: AgentCommandDeps;
  let n = 0;
  beforeAll(async () => {
    h = await startHarness(engine, { carrier: { outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 3 }, talk: { dist: 'fixed', mean: 20 }, script } });
    deps = { runtime: h.runtime, db: h.storage.db };
  });
  afterEach(() => expect(h.runtime.takeFailures()).toEqual([]));
  afterAll(() => h?.close());

  async function setUp(records: RecordSpec[], input: Record<string, unknown> = {}) {
    const queueId = await h.makeQueue('compliance');
    const agent = await h.makeAgent(queueId, 'agent@example.test');
    const list = await h.makeList('compliance', records.map((r, i) => ({ ...r, custom: { Rank: String(i), ...r.custom } })));
    const id = await h.makeCampaign({ mode: 'progressive', queueId, listIds: [list.listId], sortOrder: [{ column: 'Rank', direction: 'asc', compareAs: 'number' }], ...input });
    await h.start(id);
    await joinCampaign(deps, agent, id);
    return { id, agent, list };
  }
  const dialed = async (campaignId: number) => (await h.storage.db.selectFrom('dial_attempts').select('number_dialed').where('campaign_id', '=', campaignId).where('number_dialed', 'is not', null).orderBy('queued_at').execute()).map((r) => r.number_dialed);
  const record = (campaignId: number, recordId: number) => h.storage.db.selectFrom('campaign_records').selectAll().where('campaign_id', '=', campaignId).where('record_id', '=', recordId).executeTakeFirstOrThrow();
  const dncDeps = () => ({ db: h.storage.db, dnc: h.dnc, clock: h.time });
  const talkAndWrap = async (agent: Actor, code = 'sale') => {
    await h.run(30_000);
    await wrapUpCall(deps, agent, { code });
  };

  it('L4: a number on any DNC list is never dialed when the campaign names none; the record is set aside with the reason', async () => {
    const blocked = usNumber(++n);
    const list = await createDncList(dncDeps(), { name: `Regulator ${n}`, source: 'imported' });
    await addDncNumber(dncDeps(), list.id, { number: blocked }, h.admin);
    const ok = usNumber(++n);
    const { id, agent, list: l } = await setUp([{ phones: [blocked] }, { phones: [ok] }]);
    await goReady(deps, agent);
    await h.run(1_000);
    expect(await dialed(id)).toEqual([ok]);
    expect(await record(id, l.recordIds[0]!)).toMatchObject({ status: 'set_aside', reason: 'do_not_call' });
    const status = await getDialStatus(dncDeps(), h.admin, l.recordIds[0]!, id);
    expect(status).toMatchObject({ recordStatus: 'set_aside', dialableNow: false, reason: 'do_not_call' });
    expect(status.message).toMatch(/do-not-call/);
    await talkAndWrap(agent);
  });

  it('L4: a do_not_call wrap-up puts the number on the internal list, which every campaign checks even with its own lists attached', async () => {
    const shared = usNumber(++n);
    const own = await createDncList(dncDeps(), { name: `Campaign list ${n}` });
    const first = await setUp([{ phones: [shared] }], { wrapUpCodes: [{ code: 'stop_calling', label: 'Stop calling me', outcome: 'do_not_call' }], dncListIds: [own.id] });
    await goReady(deps, first.agent);
    await h.run(5_000);
    expect((await getAgentState(deps, first.agent)).state).toBe('on_call.active');
    await talkAndWrap(first.agent, 'stop_calling');
    await h.run(1_000);
    expect(h.dnc.check(shared).blocked).toBe(true);
    expect(await record(first.id, first.list.recordIds[0]!)).toMatchObject({ status: 'done', reason: 'do_not_call' });

    const second = await setUp([{ phones: [shared] }, { phones: [usNumber(++n)] }], { dncListIds: [own.id] });
    await goReady(deps, second.agent);
    await h.run(1_000);
    expect(await dialed(second.id)).toEqual([usNumber(n)]);
    expect(await record(second.id, second.list.recordIds[0]!)).toMatchObject({ status: 'set_aside', reason: 'do_not_call' });
    await talkAndWrap(second.agent);
  });

  it('L5: a contact asleep in Tokyo is not dialed (J6 says until when), and is dialed when 09:00 comes there', async () => {
    const { id, agent, list } = await setUp([{ phones: [usNumber(++n)], timeZone: 'Asia/Tokyo', region: 'JP' }, { phones: [busy(1)] }], { retryRules: { results: { busy: { action: 'retry', delayMinutes: 1440, maxRetries: 1 } } } });
    await goReady(deps, agent);
    await h.run(5_000);
    expect(await dialed(id)).toEqual([busy(1)]);
    const status = await getDialStatus(dncDeps(), h.admin, list.recordIds[0]!, id);
    expect(status).toMatchObject({ recordStatus: 'pending', dialableNow: false, reason: 'outside_contactable_hours', nextAllowedAt: expect.stringMatching(/T00:00:00.000Z$/) });
    expect(status.message).toMatch(/Asia\/Tokyo/);
    // 09:00 on Tuesday in Tokyo is 00:00 UTC: the engine wakes for it.
    const untilOpening = new Date(status.nextAllowedAt!).getTime() - h.time.nowMs();
    await h.run(untilOpening - 1_000);
    expect(await dialed(id)).toEqual([busy(1)]);
    await h.run(2_000);
    expect(await dialed(id)).toEqual([busy(1), usNumber(n)]);
    await h.run(30_000);
    await wrapUpCall(deps, agent, { code: 'sale' });
  });

  it('L6: the attempt limit per record ends the record; the per-number daily limit holds a shared number until the contact\'s midnight', async () => {
    const { id, agent, list } = await setUp(
      [{ phones: [busy(2)] }, { phones: [busy(3)] }, { phones: [busy(3)] }],
      { retryRules: { results: { busy: { action: 'retry', delayMinutes: 1, maxRetries: 10 } }, maxAttemptsPerRecord: 2, maxAttemptsPerNumberPerDay: 2 } },
    );
    await goReady(deps, agent);
    await h.run(30 * 60_000);
    const numbers = await dialed(id);
    expect(numbers.filter((x) => x === busy(2))).toHaveLength(2);
    expect(numbers.filter((x) => x === busy(3))).toHaveLength(2);
    expect(await record(id, list.recordIds[0]!)).toMatchObject({ status: 'done', reason: 'record_attempt_limit', attempts: 2 });
    const status = await getDialStatus(dncDeps(), h.admin, list.recordIds[2]!, id);
    expect(status.numbers[0]).toMatchObject({ allowed: false, reason: 'number_daily_limit' });
    expect(status.nextAllowedAt).toBe('2026-01-06T14:00:00.000Z'); // midnight in New York, then 09:00 when calls may start
  });

  it('C7, J6: a pending callback stops the campaign from dialing the record on its own', async () => {
    const phone = usNumber(++n);
    const { id, agent, list } = await setUp([{ phones: [phone] }, { phones: [usNumber(++n)] }]);
    const now = h.time.now();
    const assignee = await h.makeAgent(null, 'mori@example.jp');
    await h.storage.db
      .insertInto('callbacks')
      .values({ campaign_id: id, record_id: list.recordIds[0]!, phone, window_start: new Date(now.getTime() + 3 * 3_600_000), window_end: new Date(now.getTime() + 4 * 3_600_000), time_zone: 'America/New_York', assignee_id: assignee.userId, notes: '', status: 'pending', created_at: now, updated_at: now })
      .execute();
    await goReady(deps, agent);
    await h.run(1_000);
    expect(await dialed(id)).toEqual([usNumber(n)]);
    expect(await record(id, list.recordIds[0]!)).toMatchObject({ status: 'callback' });
    const status = await getDialStatus(dncDeps(), h.admin, list.recordIds[0]!, id);
    expect(status).toMatchObject({ reason: 'callback_pending', pendingCallback: { assignee: 'mori' } });
    expect(status.message).toMatch(/pending with mori/);
    await talkAndWrap(agent);
  });
});
