import { describe, expect, it } from 'vitest';
import type { AgentCommandDeps } from '../../src/agents/agent-commands.js';
import { changeCampaignStatus } from '../../src/campaigns/change-campaign-status.js';
import { goNotReady, goReady } from '../../src/agents/change-readiness.js';
import { wrapUpCall } from '../../src/agents/control-call.js';
import { getAgentState } from '../../src/agents/get-agent-state.js';
import { joinCampaign } from '../../src/agents/join-campaign.js';
import { acceptRecord, completeRecord } from '../../src/agents/work-record.js';
import { availableEngines } from '../support/storage.js';
import { type Harness, harnessPerTest, usNumber } from './harness.js';

/**
 * Issue 4 point 14, issue 5 point 9: agents survive a restart of their node. The node that
 * starts next (or any node, once the old one's heartbeat lapses) gives each agent back the
 * campaigns she had joined, the record she was previewing, the wrap-up of the call she was on
 * (the call itself ended with its node), and her not-ready reason — never "ready" by surprise.
 */
describe.each(await availableEngines())('agents across a restart (%s)', (engine) => {
  const harness = harnessPerTest(engine, { carrier: { outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 3 }, talk: { dist: 'fixed', mean: 600 } }, dialer: { restoreAgents: true } });

  /** One node with a preview and a progressive campaign, and three agents busy in different ways. */
  async function floor(a: Harness) {
    const queueId = await a.makeQueue('restart');
    const ranked = (from: number) => Array.from({ length: 6 }, (_, i) => ({ name: `Contact ${from + i}`, phones: [usNumber(from + i)], custom: { Rank: String(i) } }));
    const previewList = await a.makeList('preview', ranked(100));
    const dialerList = await a.makeList('dialer', ranked(200));
    const sortOrder = [{ column: 'Rank', direction: 'asc' as const, compareAs: 'number' as const }];
    const preview = await a.makeCampaign({ mode: 'preview', queueId, listIds: [previewList.listId], sortOrder });
    const progressive = await a.makeCampaign({ mode: 'progressive', queueId, listIds: [dialerList.listId], sortOrder });
    await a.start(preview);
    await a.start(progressive);
    const deps: AgentCommandDeps = { runtime: a.runtime, db: a.storage.db };
    const anna = await a.makeAgent(queueId, 'anna@example.test');
    const carl = await a.makeAgent(queueId, 'carl@example.test');
    const dora = await a.makeAgent(queueId, 'dora@example.test');
    await joinCampaign(deps, anna, preview);
    await goReady(deps, anna);
    await a.run(500);
    await acceptRecord(deps, anna);
    await joinCampaign(deps, carl, progressive);
    await goReady(deps, carl);
    await joinCampaign(deps, dora, preview);
    await joinCampaign(deps, dora, progressive);
    await goNotReady(deps, dora, 'lunch');
    await a.run(10_000);
    const annaBefore = await getAgentState(deps, anna);
    const carlBefore = await getAgentState(deps, carl);
    expect(annaBefore.state).toBe('reserved.previewing');
    expect(carlBefore.state).toBe('on_call.active');
    return { queueId, preview, progressive, anna, carl, dora, annaRecord: annaBefore.work!.recordId, carlRecord: carlBefore.work!.recordId, carlCall: carlBefore.work!.call!.id };
  }

  it('issue 5 point 9: after a restart she previews the same record, he wraps up the call he was on, the not-ready reason stays', async () => {
    const a = await harness({ nodeId: 'node-a' });
    const f = await floor(a);
    await a.runtime.stop(); // a restart: the node shuts down with its agents busy …
    const b = await harness({ nodeId: 'node-b', seed: 'node-b', storage: a.storage, start: a.time.now().toISOString() });
    await b.run(1_000); // … and the next one takes them over as it starts
    const deps: AgentCommandDeps = { runtime: b.runtime, db: b.storage.db };

    const anna = await getAgentState(deps, f.anna);
    expect(anna.state).toBe('reserved.previewing');
    expect(anna.work!.recordId).toBe(f.annaRecord);
    expect(anna.campaigns.map((c) => c.id)).toEqual([f.preview]);

    const carl = await getAgentState(deps, f.carl);
    expect(carl.state).toBe('wrap_up');
    expect(carl.work!.recordId).toBe(f.carlRecord);
    const call = await b.storage.db.selectFrom('dial_attempts').selectAll().where('id', '=', f.carlCall).executeTakeFirstOrThrow();
    expect(call.ended_at).not.toBeNull();
    expect(call.system_result).toBe('connected');

    const dora = await getAgentState(deps, f.dora);
    expect(dora.state).toBe('not_ready');
    expect(dora.reason).toBe('lunch');
    expect(dora.campaigns.map((c) => c.id).sort()).toEqual([f.preview, f.progressive].sort());

    // Nobody else is offered Anna's record meanwhile.
    const fay = await b.makeAgent(f.queueId, 'fay@example.test');
    await joinCampaign(deps, fay, f.preview);
    await goReady(deps, fay);
    await b.run(1_000);
    const offered = await getAgentState(deps, fay);
    expect(offered.state).toBe('reserved.offered');
    expect(offered.work!.recordId).not.toBe(f.annaRecord);

    // Their work goes on where it stopped: the wrap-up code lands on the call's own attempt.
    await wrapUpCall(deps, f.carl, { code: 'sale', notes: 'after the restart' });
    await completeRecord(deps, f.anna, { code: 'bad_record' });
    await b.run(1_000);
    const wrapped = await b.storage.db.selectFrom('dial_attempts').select(['wrap_up_code', 'notes']).where('id', '=', f.carlCall).executeTakeFirstOrThrow();
    expect(wrapped).toEqual({ wrap_up_code: 'sale', notes: 'after the restart' });
    const records = await b.storage.db.selectFrom('campaign_records').select(['record_id', 'status', 'claimed_by']).where('record_id', 'in', [f.annaRecord, f.carlRecord]).execute();
    expect(records.every((r) => r.status === 'done' && r.claimed_by === null)).toBe(true);
    expect((await getAgentState(deps, f.carl)).state).toMatch(/^on_call\./); // and the dialer goes on calling for him
  });

  it('issue 4 point 14: a node that dies without a word is taken over once its heartbeat lapses; a ready agent comes back not ready ("restarted")', async () => {
    const a = await harness({ nodeId: 'node-a' });
    const f = await floor(a);
    const depsA: AgentCommandDeps = { runtime: a.runtime, db: a.storage.db };
    for (const id of [f.preview, f.progressive]) await changeCampaignStatus(a.storage.db, a.time, a.admin, id, 'pause');
    await a.run(6_000); // the engines see the pause: nothing more is offered or dialed
    await goReady(depsA, f.dora);
    await a.run(1_000);
    expect((await getAgentState(depsA, f.dora)).state).toBe('ready');
    // node-a stops answering (its clock stands still: no heartbeat, no lease renewal).
    const b = await harness({ nodeId: 'node-b', seed: 'node-b', storage: a.storage, start: a.time.now().toISOString() });
    const depsB: AgentCommandDeps = { runtime: b.runtime, db: b.storage.db };
    await b.run(1_000);
    expect((await getAgentState(depsB, f.anna)).state).toBe('logged_out'); // node-a may still be alive
    await b.run(30_000); // its heartbeat and leases lapse; node-b looks again
    const anna = await getAgentState(depsB, f.anna);
    expect(anna.state).toBe('reserved.previewing');
    expect(anna.work!.recordId).toBe(f.annaRecord);
    expect((await getAgentState(depsB, f.carl)).state).toBe('wrap_up');
    const dora = await getAgentState(depsB, f.dora);
    expect(dora.state).toBe('not_ready'); // she was ready: whether she is still at her desk is for her to say
    expect(dora.reason).toBe('restarted');
  });
});
