import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.js';
import type { AgentCommandDeps } from '../../src/agents/agent-commands.js';
import { goNotReady, goReady } from '../../src/agents/change-readiness.js';
import { wrapUpCall } from '../../src/agents/control-call.js';
import { getAgentState } from '../../src/agents/get-agent-state.js';
import { joinCampaign } from '../../src/agents/join-campaign.js';
import type { OfferLatencySummary } from '../../src/dialer/offer-latency.js';
import { availableEngines } from '../support/storage.js';
import { type Harness, startHarness, usNumber } from './harness.js';

/**
 * Issue 4 point 13: each campaign engine times every live answer until it is offered to an
 * agent, and shows it in its status (`stats().offers`). In virtual time: one power agent with two
 * lines; the carrier is scripted per number (AMD says "human" 1.5 s after each answer).
 */
const script = {
  [usNumber(1)]: { outcome: 'live' as const, answerAfterSeconds: 3, talkSeconds: 2 },
  [usNumber(2)]: { outcome: 'live' as const, answerAfterSeconds: 4, talkSeconds: 30 },
  [usNumber(3)]: { outcome: 'live' as const, answerAfterSeconds: 3, talkSeconds: 30 },
  [usNumber(4)]: { outcome: 'live' as const, answerAfterSeconds: 4, talkSeconds: 30 },
};

describe.each(await availableEngines())('answered → offered latency (%s)', (engine) => {
  let h: Harness;
  let deps: AgentCommandDeps;
  beforeAll(async () => {
    h = await startHarness(engine, { carrier: { outcomes: { noAnswer: 1 }, answerDelay: { dist: 'fixed', mean: 5 }, talk: { dist: 'fixed', mean: 30 }, script } });
    deps = { runtime: h.runtime, db: h.storage.db };
  });
  afterEach(() => expect(h.runtime.takeFailures()).toEqual([]));
  afterAll(() => h?.close());

  it('D2, D6: a live answer is timed until it is offered — at once to a free agent, after waiting for one, or counted lost when nobody takes it', async () => {
    const queueId = await h.makeQueue('latency');
    const brown: Actor = await h.makeAgent(queueId, 'brown@example.test');
    const list = await h.makeList('latency', [1, 2, 3, 4].map((n) => ({ name: `Contact ${n}`, phones: [usNumber(n)], custom: { Rank: String(n) } })));
    const id = await h.makeCampaign({ mode: 'power', queueId, listIds: [list.listId], linesPerAgent: 2, abandonMessage: 'Sorry we missed you.', sortOrder: [{ column: 'Rank', direction: 'asc', compareAs: 'number' }] });
    await h.start(id);
    await joinCampaign(deps, brown, id);
    const offers = () => (h.runtime.engineOf(id).stats() as { offers: OfferLatencySummary }).offers;

    await goReady(deps, brown);
    await h.run(7_000); // 1 is human at 4.5 s and goes to Brown at once; 2 is human at 5.5 s and waits; 1 hangs up at 6.5 s
    expect((await getAgentState(deps, brown)).state).toBe('wrap_up');
    await wrapUpCall(deps, brown, { code: 'sale' }); // 7.0 s: Brown is free and takes 2, 1.5 s after its answer
    await h.run(100);
    expect((await getAgentState(deps, brown)).work?.recordId).toBe(list.recordIds[1]);
    expect(offers()).toMatchObject({ immediate: { count: 1 }, queued: { count: 1 }, lost: 0 });
    expect(offers().immediate.maxMs).toBeLessThan(1); // virtual time: the offer happens at the very moment of the answer
    expect(offers().queued.p99Ms).toBeCloseTo(1_500, -1);

    await h.run(31_000); // 2 hangs up at 37 s
    await wrapUpCall(deps, brown, { code: 'sale' }); // 38 s: lines for 3 and 4; 3 goes to Brown, 4 waits 2 s and is abandoned
    await h.run(30_000);
    expect(offers()).toMatchObject({ immediate: { count: 2 }, queued: { count: 1 }, lost: 1 });
    const abandoned = await h.storage.db.selectFrom('dial_attempts').select('system_result').where('campaign_id', '=', id).where('number_dialed', '=', usNumber(4)).executeTakeFirstOrThrow();
    expect(abandoned.system_result).toBe('abandoned');
    await goNotReady(deps, brown, 'lunch');
  });
});
