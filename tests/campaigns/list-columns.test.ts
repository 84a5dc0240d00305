import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { makeList } from './helpers.js';

/** The campaign form's column pickers (issue 6 point 1): what the lists offer for L3, P2 and O1. */
describe.each(await availableEngines())('list columns for the campaign form (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('L3, P2, O1: staff see each list\'s mapped and custom columns and its owner column; agents may not ask; a malformed query says how to write it', async () => {
    const owned = await makeList(t, {
      name: 'Owned renewals',
      mapping: { phones: [{ column: 'Tel' }], name: 'Customer', owner: 'Agent email' },
      records: [{ name: 'A', owner: 'a@x.test', custom: { balance: '10', plan: 'gold' } }],
    });
    const empty = await makeList(t, { name: 'Nothing yet', records: [], status: 'running' });
    const supervisor = await t.signInAs('supervisor');
    const res = await supervisor.call('GET', `/api/campaigns/list-columns?listIds=${owned},${empty},99999`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual([
      { listId: owned, name: 'Owned renewals', hasRecords: true, ownerColumns: ['Agent email'], columns: ['Agent email', 'balance', 'Customer', 'plan', 'Tel'] },
      { listId: empty, name: 'Nothing yet', hasRecords: false, ownerColumns: [], columns: [] },
    ]);

    const bad = await supervisor.call('GET', '/api/campaigns/list-columns?listIds=3;4');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/separated by commas/);
    const agent = await t.signInAs('agent');
    expect((await agent.call('GET', `/api/campaigns/list-columns?listIds=${owned}`)).status).toBe(403);
  });
});
