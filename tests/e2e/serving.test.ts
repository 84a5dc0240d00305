import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, webDistDir } from '../../scripts/build-web.js';
import { buildApp } from '../../src/app.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';

/**
 * Issue 5 point 1: the agent desktop is served by the same server as the API — the page at /,
 * the app's own paths answering the page (a reload keeps working), /api untouched.
 */
describe.each(await availableEngines())('the agent desktop served by Pacer (%s)', (engine) => {
  let t: TestApp;
  let asset: string;
  beforeAll(async () => {
    await ensureWebBuild();
    t = await startTestApp(engine);
    asset = (await readdir(path.join(webDistDir, 'assets'))).find((f) => f.endsWith('.js'))!;
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('A1 (point 1): / answers the desktop page to anyone; signing in happens inside it', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toMatch(/<div id="root"><\/div>/);
    expect(res.body).toContain(`/assets/${asset}`);
  });

  it('point 1: a path of the app answers the page, so a reload or a bookmark works', async () => {
    for (const url of ['/desk', '/desk/records/12', '/callbacks?day=today']) {
      const res = await get(url, { accept: 'text/html' });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toMatch(/<div id="root">/);
    }
  });

  it('point 1: /api keeps its JSON errors — an unknown API path is a 404 with the error shape, never the page', async () => {
    for (const url of ['/api/nope', '/api', '/api/agent/nothing-here']) {
      const res = await get(url, { accept: 'text/html' });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    expect((await get('/api/auth/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/desk' })).statusCode).toBe(404);
  });

  it('point 1: built files are cached for good, a missing file is a 404 (not the page), dot files are not served', async () => {
    const js = await get(`/assets/${asset}`);
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/gone-1234.js')).statusCode).toBe(404);
    const hash = await get('/.source-hash');
    expect(hash.body).not.toMatch(/^[0-9a-f]{64}\s*$/);
  });

  it('point 1: without a build the page says how to make one; the API still works', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'pacer-no-web-'));
    const app = await buildApp({ storage: t.storage, clock: t.clock, config: t.config, dnc: t.dnc }, { webDir: empty });
    try {
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build:web');
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
