import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentCommandDeps } from '../../src/agents/agent-commands.js';
import { goReady } from '../../src/agents/change-readiness.js';
import { getAgentState } from '../../src/agents/get-agent-state.js';
import { joinCampaign } from '../../src/agents/join-campaign.js';
import { completeRecord } from '../../src/agents/work-record.js';
import { changeCampaignStatus } from '../../src/campaigns/change-campaign-status.js';
import { availableEngines } from '../support/storage.js';
import { type Harness, startHarness, usNumber } from './harness.js';

/** Issue 4 point 9 in the running engine (L2, L7, L8, O8, O10): pause, append while running, complete, recycle. */
describe.each(await availableEngines())('campaign lifecycle in the engine (%s)', (engine) => {
  let h: Harness;
  let deps: AgentCommandDeps;
  beforeAll(async () => {
    h = await startHarness(engine);
    deps = { runtime: h.runtime, db: h.storage.db };
  });
  afterEach(() => expect(h.runtime.takeFailures()).toEqual([]));
  afterAll(() => h?.close());

  it('L8, L2, L7, O8: a pause withdraws the offer; records appended while running are dialed; the campaign completes when nothing is left; a recycle starts from the top', async () => {
    const queueId = await h.makeQueue('lifecycle');
    const agent = await h.makeAgent(queueId, 'agent@example.test');
    const list = await h.makeList('lifecycle', [{ phones: [usNumber(1)] }]);
    const id = await h.makeCampaign({ mode: 'preview', queueId, listIds: [list.listId] });
    await h.start(id);
    await joinCampaign(deps, agent, id);
    await goReady(deps, agent);
    await h.run(1_000);
    expect((await getAgentState(deps, agent)).state).toBe('reserved.offered');

    await changeCampaignStatus(h.storage.db, h.time, h.admin, id, 'pause');
    await h.run(6_000);
    expect((await getAgentState(deps, agent)).state).toBe('ready'); // the offer was withdrawn
    const back = await h.storage.db.selectFrom('campaign_records').select('status').where('campaign_id', '=', id).executeTakeFirstOrThrow();
    expect(back.status).toBe('pending');

    await changeCampaignStatus(h.storage.db, h.time, h.admin, id, 'start');
    await h.run(6_000);
    expect((await getAgentState(deps, agent)).work?.recordId).toBe(list.recordIds[0]);
    const appended = await h.appendRecords(list.listId, [{ phones: [usNumber(2)] }]);
    await completeRecord(deps, agent, { code: 'sale' });
    await h.run(6_000); // the next tick seeds the appended import
    expect((await getAgentState(deps, agent)).work?.recordId).toBe(appended.recordIds[0]);
    await completeRecord(deps, agent, { code: 'sale' });
    await h.run(6_000);
    const status = async () => (await h.storage.db.selectFrom('campaigns').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    expect(await status()).toBe('complete');
    const view = await getAgentState(deps, agent);
    expect(view.messages.at(-1)?.text).toMatch(/complete: nothing is left to dial/);

    await changeCampaignStatus(h.storage.db, h.time, h.admin, id, 'recycle');
    await changeCampaignStatus(h.storage.db, h.time, h.admin, id, 'start');
    await h.run(6_000);
    expect(await status()).toBe('running');
    expect((await getAgentState(deps, agent)).work?.recordId).toBe(list.recordIds[0]); // batch 2, from the top
    const rows = await h.storage.db.selectFrom('campaign_records').select(['record_id', 'batch', 'status']).where('campaign_id', '=', id).orderBy('record_id').execute();
    expect(rows.map((r) => [r.batch, r.status])).toEqual([[2, 'in_progress'], [2, 'in_progress']]); // one offered, one in the buffer
  });
});
