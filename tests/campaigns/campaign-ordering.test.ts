import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { makeQueue } from './helpers.js';

/** D4: a campaign takes its records by its sort (default) or by the predicted chance of an answer now. */
describe.each(await availableEngines())('campaign ordering setting (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let queueId: number;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
    queueId = await makeQueue(t, 'Ordering');
  });
  afterAll(() => t?.close());

  const create = (body: Record<string, unknown>) => admin.call('POST', '/api/campaigns', { name: `Ordering ${++n}`, queueId, ...body });

  it('D4, L3: ordering defaults to the sort; answer_likelihood can be chosen in any mode, changed later, and is in the OpenAPI document', async () => {
    const plain = await create({ mode: 'progressive' });
    expect(plain.status).toBe(201);
    expect(plain.json.ordering).toBe('sort');
    expect((await admin.call('GET', '/api/campaigns/defaults?mode=predictive')).json.ordering).toBe('sort');

    for (const mode of ['preview', 'power', 'predictive']) {
      const c = await create({ mode, ordering: 'answer_likelihood', sortOrder: [{ column: 'Premium', direction: 'desc', compareAs: 'number' }] });
      expect(c.status).toBe(201);
      expect(c.json).toMatchObject({ ordering: 'answer_likelihood', sortOrder: [{ column: 'Premium' }] });
    }
    const changed = await admin.call('PATCH', `/api/campaigns/${plain.json.id}`, { ordering: 'answer_likelihood' });
    expect(changed.status).toBe(200);
    expect((await admin.call('GET', `/api/campaigns/${plain.json.id}`)).json.ordering).toBe('answer_likelihood');

    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(JSON.stringify(doc.components.schemas.Campaign.properties.ordering)).toMatch(/answer_likelihood/);
    expect(JSON.stringify(doc.components.schemas.CampaignCreate.properties.ordering)).toMatch(/local hour of day/);
  });

  it('D4: any other ordering is refused with the field named', async () => {
    const res = await create({ mode: 'progressive', ordering: 'random' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(res.json.error.details).toEqual([expect.objectContaining({ path: 'ordering' })]);
  });
});
