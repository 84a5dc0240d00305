import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines } from '../support/storage.js';
import { usNumber } from '../dialer/harness.js';
import { type DashboardRig, startRig } from './support.js';

/**
 * R1 (issue 6 point 5): the console must tell "nobody dials this running campaign yet" (its
 * engine starts when the first agent joins) from "another node dials it". `pacedBy` names the
 * node holding the campaign's unexpired lease: this one once an agent joined here, another
 * node's while that node holds it, null while nobody does.
 */
describe.each(await availableEngines())('the dashboard says which node dials a campaign (%s)', (engine) => {
  let rig: DashboardRig;
  let admin: { cookie: string };
  let queueId: number;
  let listId: number;
  afterEach(() => expect(rig.h.runtime.takeFailures()).toEqual([]));
  afterAll(() => rig?.close());

  beforeAll(async () => {
    rig = await startRig(engine);
    admin = await rig.user('admin');
    queueId = await rig.h.makeQueue('paced-by');
    listId = (await rig.h.makeList('paced-by', [{ name: 'Contact', phones: [usNumber(501)], custom: {} }])).listId;
  });

  const view = async (id: number) => (await rig.get(admin.cookie, `/api/dashboard?campaignIds=${id}`)).json.campaigns[0];

  it('R1: null while nobody joined the running campaign, this node once an agent joins here, the other node while it holds the lease', async () => {
    const here = await rig.h.makeCampaign({ mode: 'progressive', queueId, listIds: [listId] });
    await rig.h.start(here);
    expect(await view(here)).toMatchObject({ status: 'running', pacedHere: false, pacedBy: null, calls: null });

    const agent = await rig.user('agent', { queueId });
    const joined = await rig.app.inject({ method: 'POST', url: `/api/agent/campaigns/${here}/join`, headers: { cookie: agent.cookie } });
    expect(joined.statusCode).toBe(200);
    await rig.h.run(10);
    expect(await view(here)).toMatchObject({ pacedHere: true, pacedBy: rig.h.runtime.nodeId });

    const elsewhere = await rig.h.makeCampaign({ mode: 'progressive', queueId, listIds: [listId] });
    await rig.h.start(elsewhere);
    const now = rig.h.time.now();
    const lease = { campaign_id: elsewhere, holder: 'node-b', acquired_at: now, expires_at: new Date(now.getTime() + 60_000) };
    await rig.h.storage.db.insertInto('campaign_leases').values(lease).execute();
    expect(await view(elsewhere)).toMatchObject({ pacedHere: false, pacedBy: 'node-b', agents: null });
    // A lease that lapsed is nobody's.
    await rig.h.storage.db.updateTable('campaign_leases').set({ expires_at: new Date(now.getTime() - 1000) }).where('campaign_id', '=', elsewhere).execute();
    expect(await view(elsewhere)).toMatchObject({ pacedHere: false, pacedBy: null });
  });
});
