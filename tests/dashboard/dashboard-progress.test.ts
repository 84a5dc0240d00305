import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentCommandDeps } from '../../src/agents/agent-commands.js';
import { goReady } from '../../src/agents/change-readiness.js';
import { joinCampaign } from '../../src/agents/join-campaign.js';
import { completeRecord, skipRecord } from '../../src/agents/work-record.js';
import { changeCampaignStatus } from '../../src/campaigns/change-campaign-status.js';
import { compactRecordCounts } from '../../src/dashboard/record-counts.js';
import { seededRandom } from '../../src/engine/random.js';
import { defaultBehaviour, SimulatedAgent } from '../../src/dialer/simulated-agents.js';
import { availableEngines } from '../support/storage.js';
import { usNumber } from '../dialer/harness.js';
import { type DashboardRig, startRig } from './support.js';

/**
 * O11 per-agent progress on an agent-owned campaign, exact; X2 the predictive pacer's last
 * decision with its inputs and why; and the record counts behind R1 (migration 0009's journal)
 * equal to counting `campaign_records` directly, through recycles and compaction.
 */
describe.each(await availableEngines())('dashboard progress and pacing (%s)', (engine) => {
  let rig: DashboardRig;
  let deps: AgentCommandDeps;
  let admin: { cookie: string };

  beforeAll(async () => {
    rig = await startRig(engine, {
      carrier: {
        outcomes: { live: 0.3, machine: 0.1, busy: 0.1, noAnswer: 0.47, badNumber: 0.03 },
        answerDelay: { dist: 'lognormal', median: 8, p90: 18 },
        talk: { dist: 'lognormal', median: 50, p90: 150 },
      },
    });
    deps = { runtime: rig.h.runtime, db: rig.h.storage.db };
    admin = await rig.user('admin');
  });
  afterEach(() => expect(rig.h.runtime.takeFailures()).toEqual([]));
  afterAll(() => rig?.close());

  const dashboardOf = async (cookie: string, id: number) => {
    const res = await rig.get(cookie, `/api/dashboard?campaignIds=${id}`);
    expect(res.status).toBe(200);
    return res.json.campaigns[0];
  };

  /** What the journal must say: a direct count of the campaign's records. */
  const direct = async (id: number) => {
    const { rows } = await sql<{ status: string; n: string }>`SELECT status, count(*) AS n FROM campaign_records WHERE campaign_id = ${id} GROUP BY status`.execute(rig.h.storage.db);
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  };

  it('O11: per-agent progress on an agent-owned campaign — owned, done, skipped, remaining, errors — exact', async () => {
    const queueId = await rig.h.makeQueue('owned');
    const suzuki = await rig.user('agent', { queueId });
    const tanaka = await rig.user('agent', { queueId });
    const outsider = await rig.user('agent'); // owns a record but is not in the queue (O3: set aside)
    const owners = [...Array(4).fill(suzuki.email), ...Array(3).fill(tanaka.email), 'nobody@example.test', outsider.email];
    const list = await rig.h.makeList('owned', owners.map((owner, i) => ({ name: `Contact ${i}`, phones: [usNumber(300 + i)], owner, custom: { Rank: String(i) } })));
    const id = await rig.h.makeCampaign({ mode: 'agent_owned_preview', queueId, ownerColumn: 'owner', listIds: [list.listId], sortOrder: [{ column: 'Rank', direction: 'asc', compareAs: 'number' }] });
    await rig.h.start(id);
    const supervisor = await rig.user('supervisor', { grants: [id] });
    await joinCampaign(deps, suzuki.actor, id);
    await rig.h.run(1_000);

    const before = await dashboardOf(supervisor.cookie, id);
    expect(before.progress).toEqual({ total: 9, done: 0, remaining: 7, setAside: 2, inProgress: 0, callbacksPending: 0, penetrationPercent: (100 * 2) / 9 });
    expect(before.owners).toEqual([
      { userId: suzuki.userId, name: expect.any(String), owned: 4, done: 0, skipped: 0, remaining: 4, errors: 0 },
      { userId: tanaka.userId, name: expect.any(String), owned: 3, done: 0, skipped: 0, remaining: 3, errors: 0 },
      { userId: outsider.userId, name: expect.any(String), owned: 1, done: 0, skipped: 0, remaining: 0, errors: 1 },
    ]);

    // Suzuki completes one record without calling (P3) and skips the next (P4).
    await goReady(deps, suzuki.actor);
    await rig.h.run(1_000);
    await completeRecord(deps, suzuki.actor, { code: 'sale' });
    await rig.h.run(1_000);
    await skipRecord(deps, suzuki.actor);
    await rig.h.run(1_000);
    const after = await dashboardOf(supervisor.cookie, id);
    expect(after.owners[0]).toEqual({ userId: suzuki.userId, name: expect.any(String), owned: 4, done: 1, skipped: 1, remaining: 2, errors: 0 });
    expect(after.owners[1]).toMatchObject({ owned: 3, done: 0, skipped: 0, remaining: 3, errors: 0 });
    expect(after.progress).toMatchObject({ total: 9, done: 1, setAside: 2 });
    expect(after.progress.remaining + after.progress.inProgress).toBe(6); // Suzuki's third record is offered (in progress)
    expect(after.agents.map((a: any) => [a.userId, a.state])).toEqual([[suzuki.userId, 'reserved.offered']]);
    const counted = await direct(id);
    expect(after.progress).toMatchObject({ done: counted.done ?? 0, setAside: counted.set_aside ?? 0, inProgress: counted.in_progress ?? 0, remaining: counted.pending ?? 0 });
  });

  it('O11, O6 (agent side): GET /api/agent/progress gives each agent her own counts and her remaining records in the sort order, nobody else\'s', async () => {
    const queueId = await rig.h.makeQueue('mine');
    const sato = await rig.user('agent', { queueId });
    const ito = await rig.user('agent', { queueId });
    const stranger = await rig.user('agent'); // in no queue of the campaign
    const balances = [300, 900, 100, 700];
    const rows = [...balances.map((b, i) => ({ name: `Sato ${b}`, phones: [usNumber(400 + i)], owner: sato.email, custom: { Balance: String(b) } })), { name: 'Ito 1', phones: [usNumber(410)], owner: ito.email, custom: { Balance: '5' } }];
    const list = await rig.h.makeList('mine', rows);
    const id = await rig.h.makeCampaign({ mode: 'agent_owned_preview', queueId, ownerColumn: 'owner', listIds: [list.listId], sortOrder: [{ column: 'Balance', direction: 'desc', compareAs: 'number' }] });
    await rig.h.start(id);
    await joinCampaign(deps, sato.actor, id);
    await rig.h.run(1_000);
    const progressOf = async (cookie: string) => {
      const res = await rig.get(cookie, '/api/agent/progress');
      expect(res.status).toBe(200);
      return (res.json as Array<{ campaignId: number; next: Array<{ name: string }> }>).filter((c) => c.campaignId === id);
    };
    const [mine] = await progressOf(sato.cookie);
    expect(mine).toMatchObject({ campaignId: id, owned: 4, done: 0, skipped: 0, remaining: 4, errors: 0 });
    expect(mine!.next.map((r) => r.name)).toEqual(['Sato 900', 'Sato 700', 'Sato 300', 'Sato 100']);
    expect((await progressOf(ito.cookie))[0]).toMatchObject({ owned: 1, remaining: 1, next: [expect.objectContaining({ name: 'Ito 1' })] });
    expect(await progressOf(stranger.cookie)).toEqual([]);

    // She completes her first record and skips the next: the counts and the list follow.
    await goReady(deps, sato.actor);
    await rig.h.run(1_000);
    await completeRecord(deps, sato.actor, { code: 'sale' });
    await rig.h.run(1_000);
    await skipRecord(deps, sato.actor);
    await rig.h.run(1_000);
    const [after] = await progressOf(sato.cookie);
    expect(after).toMatchObject({ owned: 4, done: 1, skipped: 1, remaining: 2, errors: 0 });
    expect(after!.next.map((r) => r.name)).toEqual(['Sato 300', 'Sato 100']); // 300 is in hand; 700 was skipped
    expect((await rig.get('', '/api/agent/progress')).status).toBe(401);
  });

  it('X2: a predictive campaign shows its last pacing decision — predicted free agents, answer rate, abandon budget left — and why', async () => {
    const queueId = await rig.h.makeQueue('predictive');
    const list = await rig.h.makeList('predictive', Array.from({ length: 600 }, (_, i) => ({ phones: [`+1212${String(5_000_000 + i)}`], custom: { Rank: String(i) } })));
    const id = await rig.h.makeCampaign({ mode: 'predictive', queueId, listIds: [list.listId], regulatoryProfile: 'us', abandonTarget: 3, abandonMessage: 'Sorry we missed you. This was Acme, 1-800-555-0100.', sortOrder: [{ column: 'Rank', direction: 'asc', compareAs: 'number' }] });
    await rig.h.start(id);
    const supervisor = await rig.user('supervisor', { grants: [id] });
    const random = seededRandom('dashboard-x2');
    const bots: SimulatedAgent[] = [];
    for (let i = 0; i < 6; i++) {
      const agent = await rig.user('agent', { queueId });
      bots.push(new SimulatedAgent(rig.h.runtime, agent.userId, random.fork(`agent-${i}`), { ...defaultBehaviour, breakChance: 0 }));
      await rig.h.runtime.ensureEngine(id);
      rig.h.runtime.desk.apply(agent.userId, { type: 'login', campaignId: id });
    }
    const feed = await rig.connect(supervisor.cookie);
    await rig.h.run(10_000);
    const warm = await feed.untilView(id, (c) => c.pacing !== null, 'a pacing decision');
    expect(warm.pacing.why).toMatch(/^Only \d+ calls have settled, too few to trust the answer rate: one call per free agent; placed \d+\.$/);

    await rig.h.run(6 * 60_000);
    const engineDecision = rig.h.runtime.engineOf(id).pacer.decisions.at(-1)!;
    const view = await dashboardOf(supervisor.cookie, id);
    const i = engineDecision.inputs;
    expect(view.pacing).toMatchObject({
      at: engineDecision.at,
      policy: 'marginal-v2',
      callsToPlace: engineDecision.callsToPlace,
      placed: engineDecision.placed,
      predictedFreeAgents: i.agentsReady + i.agentsFreeingSoon - i.callsWaiting,
      agentsReady: i.agentsReady,
      callsInFlight: i.callsInFlight,
      sampleSize: i.sampleSize,
      abandonTargetPercent: 3,
      window: 'us',
    });
    expect(view.pacing.sampleSize).toBeGreaterThanOrEqual(30);
    expect(view.pacing.answerRate).toBeCloseTo(i.answerRate, 3);
    expect(view.pacing.abandonBudgetLeftPercent).toBeCloseTo(3 - (i.abandonRatePercent ?? 0), 3);
    // Why, in the branch the policy took (each sentence: src/dashboard/campaign-floor.test.ts).
    const atTarget = (i.abandonRatePercent ?? 0) >= 3;
    expect(view.pacing.why).toMatch(atTarget ? /abandon rate is [\d.]+%, at or above the 3% target: one call per free agent/ : /agents predicted free .* answer rate \d+(\.\d)?%/);
    expect(view.abandonRate.target).toEqual({ percent: 3, window: 'us' });
    expect(view.calls.total).toBeGreaterThan(0);
    expect(view.dialRatio.callsPerAgent).toBeGreaterThan(0);
    // The live view shows the last decision made before its latest tick.
    await rig.h.run(1_000);
    const decisions = rig.h.runtime.engineOf(id).pacer.decisions;
    await feed.until((m) => m.type === 'tick' && m.asOf === rig.h.time.now().toISOString(), 'the tick at the end of the run');
    const lastTick = feed.messages.filter((m) => m.type === 'tick').at(-1);
    // (a decision at the tick's very instant may come just before or just after it)
    const latest = [decisions.filter((d) => d.at < lastTick.asOf).at(-1)!.at, decisions.filter((d) => d.at <= lastTick.asOf).at(-1)!.at];
    expect(latest).toContain(feed.view(id).pacing.at);
    feed.close();
    for (const b of bots) b.stop();
    await changeCampaignStatus(rig.h.storage.db, rig.h.time, rig.h.admin, id, 'pause');
    await rig.h.run(5 * 60_000);

    // R1: the journal's counts equal a direct count, before and after compaction and across a recycle.
    const counted = await direct(id);
    const progress = (await dashboardOf(admin.cookie, id)).progress;
    expect(progress).toMatchObject({ done: counted.done ?? 0, setAside: counted.set_aside ?? 0, inProgress: counted.in_progress ?? 0, remaining: counted.pending ?? 0, callbacksPending: counted.callback ?? 0, total: 600 });
    await compactRecordCounts(rig.h.storage.db);
    expect((await dashboardOf(admin.cookie, id)).progress).toEqual(progress);
    const journalRows = await rig.h.storage.db.selectFrom('campaign_record_counts').select((eb) => eb.fn.countAll<string>().as('n')).where('campaign_id', '=', id).executeTakeFirstOrThrow();
    expect(Number(journalRows.n)).toBeLessThanOrEqual(10);
    await changeCampaignStatus(rig.h.storage.db, rig.h.time, rig.h.admin, id, 'recycle');
    await rig.h.run(10_000);
    expect((await dashboardOf(admin.cookie, id)).progress).toMatchObject({ total: 600, done: 0 });
  });
});
