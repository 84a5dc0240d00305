import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.js';
import type { AgentCommandDeps } from '../../src/agents/agent-commands.js';
import { goReady } from '../../src/agents/change-readiness.js';
import { getAgentState } from '../../src/agents/get-agent-state.js';
import { joinCampaign } from '../../src/agents/join-campaign.js';
import type { AgentView } from '../../src/dialer/describe-agent.js';
import { SHARED_LANE } from '../../src/dialer/record-buffer.js';
import { availableEngines } from '../support/storage.js';
import { harnessPerTest, usNumber } from './harness.js';

/**
 * Point 4 "never running dry while dialable records remain" and point 14 "exactly one engine
 * process paces a campaign; losing the lease stops its dialing" — in virtual time, both engines.
 */
describe.each(await availableEngines())('record buffer and campaign lease (%s)', (engine) => {
  const harness = harnessPerTest(engine, { carrier: { outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 3 }, talk: { dist: 'fixed', mean: 20 } } });

  it('point 4: the buffer never runs dry while dialable records remain — 150 sleeping Tokyo records first in the order cost nothing', async () => {
    const h = await harness();
    const queueId = await h.makeQueue('stall');
    const agents: Actor[] = [];
    for (let i = 0; i < 4; i++) agents.push(await h.makeAgent(queueId, `a${i}@example.test`));
    const tokyo = Array.from({ length: 150 }, (_, i) => ({ phones: [usNumber(i)], timeZone: 'Asia/Tokyo', region: 'JP', custom: { Rank: String(i) } }));
    const newYork = Array.from({ length: 150 }, (_, i) => ({ phones: [usNumber(1000 + i)], custom: { Rank: String(1000 + i) } }));
    const list = await h.makeList('stall', [...tokyo, ...newYork]);
    const id = await h.makeCampaign({ mode: 'preview', queueId, listIds: [list.listId], sortOrder: [{ column: 'Rank', direction: 'asc', compareAs: 'number' }], preview: { autoAccept: true } });
    await h.start(id);
    const deps: AgentCommandDeps = { runtime: h.runtime, db: h.storage.db };
    // Each agent completes every record 1 s after it is offered, and notes how long they waited when ready.
    const waits: number[] = [];
    const readySince = new Map<number, number>();
    for (const a of agents) {
      h.runtime.events.subscribe(a.userId, (ev) => {
        if (ev.type !== 'agent.state') return;
        const view = ev.state as AgentView;
        if (view.state === 'ready') readySince.set(a.userId, h.time.nowMs());
        if (view.state === 'reserved.offered' && readySince.has(a.userId)) waits.push(h.time.nowMs() - readySince.get(a.userId)!);
        if (view.state === 'reserved.previewing') h.time.after(1_000, () => h.runtime.engines.get(id)!.work.complete(a.userId, { code: 'sale' }));
      });
      await joinCampaign(deps, a, id);
      await goReady(deps, a);
    }
    await h.run(40_000);
    const engineStats = h.runtime.engines.get(id)!.buffer.stats().find((l) => l.lane === SHARED_LANE)!;
    const done = await h.storage.db.selectFrom('campaign_records').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', id).where('status', '=', 'done').executeTakeFirstOrThrow();
    expect(Number(done.n)).toBe(150); // every New York record, 4 agents × 1 s each
    expect(waits.length).toBeGreaterThanOrEqual(150);
    expect(waits.slice(4).every((w) => w === 0)).toBe(true); // after the first offers, no agent ever waited for a record
    expect(engineStats.misses).toBeLessThanOrEqual(agents.length - 1); // only at the very start, when the buffer is cold: never again while records remained
    expect(engineStats.refills).toBeLessThan(20);
    const tokyoLeft = await h.storage.db.selectFrom('campaign_records').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', id).where('status', '=', 'pending').where('next_attempt_at', 'is', null).executeTakeFirstOrThrow();
    expect(Number(tokyoLeft.n)).toBe(150); // untouched: never claimed, never rescheduled one by one
  });

  it('point 14: a second node cannot pace a campaign whose lease another holds (409 naming the holder)', async () => {
    const a = await harness({ nodeId: 'node-a' });
    const b = await harness({ nodeId: 'node-b', storage: a.storage });
    const queueId = await a.makeQueue('lease');
    const list = await a.makeList('lease', [{ phones: [usNumber(1)] }]);
    const id = await a.makeCampaign({ mode: 'progressive', queueId, listIds: [list.listId] });
    await a.start(id);
    const one = await a.makeAgent(queueId, 'one@example.test');
    const two = await a.makeAgent(queueId, 'two@example.test');
    await joinCampaign({ runtime: a.runtime, db: a.storage.db }, one, id);
    await expect(joinCampaign({ runtime: b.runtime, db: b.storage.db }, two, id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/another Pacer node \(node-a\)/) });
  });

  it('point 14: losing the lease stops dialing at once; taking it back resumes; a node taking over releases what the other held', async () => {
    const a = await harness({ nodeId: 'node-a' });
    const queueId = await a.makeQueue('lease');
    const list = await a.makeList('lease', Array.from({ length: 20 }, (_, i) => ({ phones: [usNumber(100 + i)], custom: { Rank: String(i) } })));
    const id = await a.makeCampaign({ mode: 'progressive', queueId, listIds: [list.listId], sortOrder: [{ column: 'Rank', direction: 'asc', compareAs: 'number' }] });
    await a.start(id);
    const agent = await a.makeAgent(queueId, 'agent@example.test');
    const deps: AgentCommandDeps = { runtime: a.runtime, db: a.storage.db };
    await joinCampaign(deps, agent, id);
    await goReady(deps, agent);
    await a.run(5_000);
    expect((await getAgentState(deps, agent)).state).toBe('on_call.active');
    const count = async () => Number((await a.storage.db.selectFrom('dial_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', id).executeTakeFirstOrThrow()).n);

    // Another node takes the lease (as if this one had stalled past its expiry).
    const until = new Date(a.time.nowMs() + 60_000);
    await a.storage.db.updateTable('campaign_leases').set({ holder: 'node-b', expires_at: until }).where('campaign_id', '=', id).execute();
    await a.run(6_000); // the next renewal fails
    expect(a.runtime.engines.get(id)!.halted).toBe('lease_lost');
    const before = await count();
    await a.run(40_000); // the call ends (talk 20 s); wrap-up would time out, but nothing new is dialed
    const view = await getAgentState(deps, agent);
    expect(view.state).toBe('wrap_up');
    await deps.runtime.engines.get(id)!.work.wrapUp(agent.userId, { code: 'sale' });
    await a.run(10_000);
    expect(await count()).toBe(before);
    expect((await getAgentState(deps, agent)).state).toBe('ready');

    // node-b's lease lapses without renewal: node-a takes it back and dials again.
    await a.run(30_000);
    expect(a.runtime.engines.get(id)!.halted).toBeNull();
    await a.run(5_000);
    expect(await count()).toBe(before + 1);

    // node-a dies holding claimed records; node-c takes the campaign over once the lease lapses and releases them.
    const claimed = await a.storage.db.selectFrom('campaign_records').select('record_id').where('campaign_id', '=', id).where('status', '=', 'in_progress').execute();
    expect(claimed.length).toBeGreaterThan(1);
    await a.storage.db.updateTable('campaign_leases').set({ expires_at: new Date(a.time.nowMs() - 1) }).where('campaign_id', '=', id).execute();
    const c = await harness({ nodeId: 'node-c', storage: a.storage, start: a.time.now().toISOString() });
    const other = await a.makeAgent(queueId, 'other@example.test');
    await joinCampaign({ runtime: c.runtime, db: c.storage.db }, other, id);
    await c.run(1_000);
    const held = await c.storage.db.selectFrom('campaign_records').select(['record_id', 'claimed_by', 'next_attempt_at']).where('campaign_id', '=', id).where('status', '=', 'in_progress').execute();
    expect(held.every((r) => r.claimed_by === 'node-c')).toBe(true);
    // The record node-a was calling waits out the grace period; the buffered ones were released at once.
    const inCall = await c.storage.db.selectFrom('dial_attempts').select('record_id').where('campaign_id', '=', id).where('ended_at', 'is', null).where('number_dialed', 'is not', null).execute();
    for (const r of inCall) {
      const row = await c.storage.db.selectFrom('campaign_records').select(['status', 'next_attempt_at']).where('campaign_id', '=', id).where('record_id', '=', r.record_id).executeTakeFirstOrThrow();
      expect(row.status).toBe('pending');
      expect(row.next_attempt_at!.getTime()).toBeGreaterThan(c.time.nowMs());
    }
  });
});
