import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';

/** Foundation §10: bad JSON, schema violations and oversized bodies get a clear 4xx; the server keeps serving. */
describe.each(await availableEngines())('bad input over the API (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
  });
  afterAll(() => t?.close());

  const raw = (payload: string, contentType = 'application/json') =>
    t.app.inject({ method: 'POST', url: '/api/queues', headers: { cookie: admin.cookie, 'content-type': contentType }, payload });

  it('A1 invalid JSON → 400 invalid_json, and nothing is created', async () => {
    const res = await raw('{"name": "Sales",');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
    expect(res.json().error.message).toMatch(/JSON/);
    const queues = await admin.call('GET', '/api/queues');
    expect(queues.json).toEqual([]);
  });

  it('A1 a schema violation names the field and the problem', async () => {
    const res = await admin.call('POST', '/api/queues', { name: '' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'validation_failed', details: [{ where: 'body', path: 'name' }] });
    const unknown = await admin.call('POST', '/api/queues', { name: 'Sales', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.json.error)).toMatch(/colour/);
    const wrongType = await admin.call('POST', '/api/users', { email: 'not-an-email', displayName: 3, role: 'boss', password: 'a long password' });
    expect(wrongType.status).toBe(400);
    const paths = wrongType.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'displayName', 'role']));
  });

  it('A1 a bad path or query parameter is a 400, not a crash', async () => {
    expect((await admin.call('GET', '/api/users/abc')).status).toBe(400);
    expect((await admin.call('GET', '/api/users?limit=100000')).status).toBe(400);
    expect((await admin.call('GET', '/api/users/99999999')).status).toBe(404);
  });

  it('A1 an oversized JSON body → 413; a wrong content type → 415', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    const res = await raw(big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    const xml = await raw('<queue/>', 'application/xml');
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('unsupported_media_type');
  });

  it('A1 an unknown route answers 404 in the same error shape', async () => {
    const res = await admin.call('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });

  it('A1 after all that, the server keeps serving', async () => {
    const res = await admin.call('POST', '/api/queues', { name: 'Still here' });
    expect(res.status).toBe(201);
  });
});

describe('the API document', () => {
  it('A1 OpenAPI is served at /api/docs, generated from the request schemas', async () => {
    const t = await startTestApp('embedded');
    try {
      const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
      expect([200, 302]).toContain(ui.statusCode);
      const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      expect(doc.openapi).toMatch(/^3\./);
      const createUser = doc.paths['/api/users'].post;
      const body = createUser.requestBody.content['application/json'].schema;
      expect(body.properties.role.enum).toEqual(['admin', 'supervisor', 'agent']);
      expect(body.required).toEqual(expect.arrayContaining(['email', 'displayName', 'role', 'password']));
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/sign-in', '/api/queues', '/api/callbacks/{id}']));
    } finally {
      await t.close();
    }
  });
});
