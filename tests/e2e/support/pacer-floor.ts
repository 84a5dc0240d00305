import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureWebBuild } from '../../../scripts/build-web.js';
import { startServerProcess, type ServerProcess } from '../../support/server-process.js';
import { openTestStorage, type Engine, type TestStorage } from '../../support/storage.js';
import { launchBrowser, type TestBrowser } from './browser.js';

/**
 * A real Pacer server process (simulated carrier) with a small floor made through its own API,
 * as an admin would: a queue "Sales" with agent Anna Kowalski (Polish, Europe/Warsaw), a
 * running preview campaign of twelve records sorted by balance (largest first), a draft campaign
 * in her queue, and a queue she is not in ("Collections", agent Sato) with a running campaign
 * she must never see. Contacts may be called at any hour (no regulatory profile, 00:00–24:00),
 * so the tests do not depend on the time of day.
 */
export const PASSWORD = 'e2e-password-2026';
export const ADMIN_PASSWORD = 'e2e-admin-password';

export const CONTACTS = [
  { name: 'Jan Zieliński', phone: '+48221234501', mobile: '+48601234501', balance: '9200', plan: 'Gold' },
  { name: 'Ewa Lewandowska', phone: '+48221234502', mobile: '', balance: '7100', plan: 'Silver' },
  { name: 'Adam Mazur', phone: '+48221234503', mobile: '+48601234503', balance: '5000', plan: 'Basic' },
  { name: 'Zofia Krawczyk', phone: '+48221234504', mobile: '', balance: '3300', plan: 'Basic' },
  { name: 'Marek Kaczmarek', phone: '+48221234505', mobile: '', balance: '1200', plan: 'Silver' },
  { name: 'Piotr Wójcik', phone: '+48221234506', mobile: '', balance: '900', plan: 'Basic' },
  { name: 'Maria Kamińska', phone: '+48221234507', mobile: '', balance: '600', plan: 'Basic' },
  { name: 'Tomasz Dąbrowski', phone: '+48221234508', mobile: '', balance: '300', plan: 'Gold' },
  { name: 'Agnieszka Pawlak', phone: '+48221234509', mobile: '', balance: '250', plan: 'Basic' },
  { name: 'Krzysztof Michalski', phone: '+48221234510', mobile: '', balance: '200', plan: 'Silver' },
  { name: 'Barbara Nowicka', phone: '+48221234511', mobile: '', balance: '150', plan: 'Basic' },
  { name: 'Paweł Adamczyk', phone: '+48221234512', mobile: '', balance: '100', plan: 'Gold' },
  // More records than the tests use, so that none of them finds the campaign worked through.
  { name: 'Beata Sikora', phone: '+48221234513', mobile: '', balance: '90', plan: 'Basic' },
  { name: 'Rafał Baran', phone: '+48221234514', mobile: '', balance: '85', plan: 'Basic' },
  { name: 'Joanna Duda', phone: '+48221234515', mobile: '', balance: '80', plan: 'Basic' },
  { name: 'Michał Szewczyk', phone: '+48221234516', mobile: '', balance: '75', plan: 'Basic' },
  { name: 'Natalia Ostrowska', phone: '+48221234517', mobile: '', balance: '70', plan: 'Basic' },
  { name: 'Kamil Tomaszewski', phone: '+48221234518', mobile: '', balance: '65', plan: 'Basic' },
  { name: 'Julia Pietrzak', phone: '+48221234519', mobile: '', balance: '60', plan: 'Basic' },
  { name: 'Łukasz Jasiński', phone: '+48221234520', mobile: '', balance: '55', plan: 'Basic' },
  { name: 'Alicja Zając', phone: '+48221234521', mobile: '', balance: '50', plan: 'Basic' },
  { name: 'Sebastian Król', phone: '+48221234522', mobile: '', balance: '45', plan: 'Basic' },
  { name: 'Karolina Wieczorek', phone: '+48221234523', mobile: '', balance: '40', plan: 'Basic' },
  { name: 'Dawid Jabłoński', phone: '+48221234524', mobile: '', balance: '35', plan: 'Basic' },
];

/** D9: the preview campaign's call guide — four questions that branch (journey J5). */
export const CALL_GUIDE = {
  questions: [
    { id: 'time', text: 'Is this a good time to talk?', answers: [{ id: 'yes', text: 'Yes', next: 'plan' }, { id: 'no', text: 'No, call later', next: null }] },
    { id: 'plan', text: 'Are you happy with your current plan?', answers: [{ id: 'yes', text: 'Happy', next: 'email' }, { id: 'no', text: 'Not happy', next: 'gold' }] },
    { id: 'gold', text: 'Would you like to hear about the Gold plan?', answers: [{ id: 'yes', text: 'Tell me more', next: 'email' }, { id: 'no', text: 'No thanks', next: null }] },
    { id: 'email', text: 'May we send the offer by email?', answers: [{ id: 'yes', text: 'Send it', next: null }, { id: 'no', text: 'No email', next: null }] },
  ],
};
export const PREVIEW_CAMPAIGN = 'Sales — preview';
export const DRAFT_CAMPAIGN = 'Sales — spring offer';
export const OTHER_CAMPAIGN = 'Collections — overdue';

export interface Floor {
  server: ServerProcess;
  url: string;
  agent: { id: number; email: string; login: string };
  /** A supervisor granted the Sales campaigns (preview and draft), not Collections. */
  supervisor: { id: number; email: string; login: string };
  previewCampaignId: number;
  /** Calls the API as someone (a cookie from signIn). */
  api(cookie: string, method: string, url: string, body?: unknown): Promise<{ status: number; json: any }>;
  signIn(login: string, password?: string): Promise<string>;
  /** Stops the server (SIGTERM, or SIGKILL for a crash) and starts it again on the same port and database (point 9). */
  restart(signal?: NodeJS.Signals): Promise<void>;
  close(): Promise<void>;
}

export async function startFloor(engine: Engine): Promise<Floor> {
  await ensureWebBuild();
  let storage: TestStorage | undefined;
  let dataDir: string | undefined;
  // Every call is answered by a person after 1.5 s and stays on the line (T1, PACER_SIMULATED_CARRIER),
  // so the call tests see the connected call every time.
  const carrier = { outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 1.5 }, talk: { dist: 'fixed', mean: 900 }, amd: { falseMachineRate: 0, falseHumanRate: 0 } };
  const env: Record<string, string> = { PACER_ADMIN_PASSWORD: ADMIN_PASSWORD, PACER_ADMIN_EMAIL: 'admin@e2e.test', PACER_SIMULATED_CARRIER: JSON.stringify(carrier) };
  if (engine === 'postgres') {
    storage = await openTestStorage('postgres', { migrate: false });
    env.DATABASE_URL = storage.url!;
  } else {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'pacer-e2e-'));
    env.PACER_DATA_DIR = dataDir;
  }
  let server = await startServerProcess(env);
  const base = () => server.url;

  const api: Floor['api'] = async (cookie, method, url, body) => {
    const res = await fetch(`${base()}${url}`, { method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  const signIn: Floor['signIn'] = async (login, password = PASSWORD) => {
    const res = await fetch(`${base()}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
    if (res.status !== 200) throw new Error(`sign-in as ${login} failed: ${res.status} ${await res.text()}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const must = async (cookie: string, method: string, url: string, body?: unknown) => {
    const res = await api(cookie, method, url, body);
    if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(res.json)}`);
    return res.json;
  };

  try {
    const admin = await signIn('admin@e2e.test', ADMIN_PASSWORD);
    const sales = await must(admin, 'POST', '/api/queues', { name: 'Sales' });
    const collections = await must(admin, 'POST', '/api/queues', { name: 'Collections' });
    const agent = await must(admin, 'POST', '/api/users', { email: 'kowalski@e2e.test', userCode: 'kowalski', displayName: 'Anna Kowalski', role: 'agent', password: PASSWORD, locale: 'en', timeZone: 'Europe/Warsaw' });
    const other = await must(admin, 'POST', '/api/users', { email: 'sato@e2e.test', userCode: 'sato', displayName: '佐藤 恵', role: 'agent', password: PASSWORD, locale: 'ja', timeZone: 'Asia/Tokyo' });
    await must(admin, 'PUT', `/api/queues/${sales.id}/members/${agent.id}`);
    await must(admin, 'PUT', `/api/queues/${collections.id}/members/${other.id}`);
    const supervisor = await must(admin, 'POST', '/api/users', { email: 'nakamura@e2e.test', userCode: 'nakamura', displayName: 'Ken Nakamura', role: 'supervisor', password: PASSWORD, locale: 'en', timeZone: 'Europe/Warsaw' });

    const list = await must(admin, 'POST', '/api/lists', { name: 'Warsaw customers', defaultRegion: 'PL', defaultTimeZone: 'Europe/Warsaw' });
    const csv = ['name,phone,mobile,balance,plan', ...CONTACTS.map((c) => [c.name, c.phone, c.mobile, c.balance, c.plan].join(','))].join('\n') + '\n';
    const form = new FormData();
    form.append('mapping', JSON.stringify({ phones: [{ column: 'phone', type: 'home' }, { column: 'mobile', type: 'mobile' }], name: 'name' }));
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'customers.csv');
    const imported = await fetch(`${base()}/api/lists/${list.id}/imports?wait=true`, { method: 'POST', headers: { cookie: admin }, body: form });
    if (imported.status !== 200) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);

    const allDay = [{ start: '00:00', end: '24:00' }];
    const contactableTimes = { weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, defaultTimeZone: 'Europe/Warsaw' };
    const preview = await must(admin, 'POST', '/api/campaigns', {
      name: PREVIEW_CAMPAIGN,
      mode: 'preview',
      queueId: sales.id,
      callerId: '+48223334455',
      listIds: [list.id],
      regulatoryProfile: 'none',
      contactableTimes,
      sortOrder: [{ column: 'balance', direction: 'desc', compareAs: 'number' }],
      screenPopFields: ['balance', 'plan'],
      preview: { autoAccept: false, reviewTimeoutSeconds: null, skipAllowed: true },
      callGuide: CALL_GUIDE,
    });
    await must(admin, 'POST', `/api/campaigns/${preview.id}/start`);
    // The supervisor watches the Sales campaigns only (A1: grants), not Collections.
    await must(admin, 'PUT', `/api/campaigns/${preview.id}/grants/${supervisor.id}`);
    const draft = await must(admin, 'POST', '/api/campaigns', { name: DRAFT_CAMPAIGN, mode: 'progressive', queueId: sales.id, callerId: '+48223334456', listIds: [list.id], regulatoryProfile: 'none', contactableTimes });
    await must(admin, 'PUT', `/api/campaigns/${draft.id}/grants/${supervisor.id}`);
    const hidden = await must(admin, 'POST', '/api/campaigns', { name: OTHER_CAMPAIGN, mode: 'preview', queueId: collections.id, callerId: '+48223334457', listIds: [list.id], regulatoryProfile: 'none', contactableTimes });
    await must(admin, 'POST', `/api/campaigns/${hidden.id}/start`);

    return {
      get server() {
        return server;
      },
      get url() {
        return server.url;
      },
      agent: { id: agent.id, email: 'kowalski@e2e.test', login: 'kowalski' },
      supervisor: { id: supervisor.id, email: 'nakamura@e2e.test', login: 'nakamura' },
      previewCampaignId: preview.id,
      api,
      signIn,
      async restart(signal) {
        const port = server.port;
        await server.stop(signal);
        server = await startServerProcess({ ...env, PORT: String(port) });
      },
      async close() {
        await server.stop();
        await storage?.close();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await server.stop();
    await storage?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * A running preview campaign of its own in the Sales queue, on a small list imported through the
 * API — for a test that needs settings or contacts the floor's main campaign must not get.
 */
export async function addCampaign(
  floor: Floor,
  o: { name: string; csv: string; mapping: object; region: string; timeZone: string; preview?: object; wrapUpTimeoutSeconds?: number | null },
): Promise<{ id: number; name: string; stop: () => Promise<void> }> {
  const { admin, must, sales } = await asAdmin(floor);
  const list = await must('POST', '/api/lists', { name: `${o.name} list`, defaultRegion: o.region });
  await importCsv(floor, admin, list.id, o.csv, o.mapping);
  const allDay = [{ start: '00:00', end: '24:00' }];
  const weekly = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]));
  const campaign = await must('POST', '/api/campaigns', {
    name: o.name,
    mode: 'preview',
    queueId: sales.id,
    callerId: '+48223334499',
    listIds: [list.id],
    regulatoryProfile: 'none',
    contactableTimes: { weekly, defaultTimeZone: o.timeZone },
    ...(o.preview ? { preview: o.preview } : {}),
    ...(o.wrapUpTimeoutSeconds !== undefined ? { wrapUpTimeoutSeconds: o.wrapUpTimeoutSeconds } : {}),
  });
  await must('POST', `/api/campaigns/${campaign.id}/start`);
  const stop = async () => {
    const res = await floor.api(admin, 'POST', `/api/campaigns/${campaign.id}/stop`);
    // A campaign worked through is complete already: nothing left to stop.
    if (res.status >= 300 && res.json?.error?.details?.status !== 'complete') throw new Error(`stop campaign ${campaign.id}: ${res.status} ${JSON.stringify(res.json)}`);
  };
  return { id: campaign.id, name: o.name, stop };
}

/** Imports a CSV into a list through the API and waits for it to commit (throws if it does not). */
export async function importCsv(floor: Floor, cookie: string, listId: number, csv: string, mapping: object): Promise<void> {
  const form = new FormData();
  form.append('mapping', JSON.stringify(mapping));
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'upload.csv');
  const imported = await fetch(`${floor.url}/api/lists/${listId}/imports?wait=true`, { method: 'POST', headers: { cookie }, body: form });
  if (imported.status !== 200) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);
}

/** The CSV of an agent-owned list: name, phone, owner (email or user ID), balance. */
export const ownedCsv = (rows: string[][]): string => [['name,phone,owner,balance', ...rows.map((r) => r.join(','))].join('\n'), ''].join('\n');
export const OWNED_MAPPING = { phones: [{ column: 'phone', type: 'home' }], name: 'name', owner: 'owner' };

/**
 * Another agent in the Sales queue, for a test whose records are dialed by themselves (auto-accept,
 * review timeout): her calls never cross the next test's agent.
 */
export async function addAgent(floor: Floor, login: string, displayName: string): Promise<{ id: number; login: string }> {
  const { must, sales } = await asAdmin(floor);
  const user = await must('POST', '/api/users', { email: `${login}@e2e.test`, userCode: login, displayName, role: 'agent', password: PASSWORD, locale: 'en', timeZone: 'Europe/Warsaw' });
  await must('PUT', `/api/queues/${sales.id}/members/${user.id}`);
  return { id: user.id, login };
}

/** The admin's session on the floor, a call that must succeed, and the Sales queue. */
async function asAdmin(floor: Floor) {
  const admin = await floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
  const must = async (method: string, url: string, body?: unknown) => {
    const res = await floor.api(admin, method, url, body);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  };
  const queues = (await must('GET', '/api/queues')) as Array<{ id: number; name: string }>;
  const sales = queues.find((q) => q.name === 'Sales')!;
  return { admin, must, sales };
}

/**
 * A floor and a Chromium for one describe block: started before its tests, closed after. The
 * tests read `ctx.floor` and `ctx.browser` once they run.
 */
export function floorInChromium(engine: Engine, hooks: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void }) {
  const ctx = {} as { floor: Floor; browser: TestBrowser; engine: Engine };
  hooks.beforeAll(async () => {
    ctx.engine = engine;
    [ctx.floor, ctx.browser] = await Promise.all([startFloor(engine), launchBrowser()]);
  });
  hooks.afterAll(async () => {
    await ctx.browser?.close();
    await ctx.floor?.close();
  });
  return ctx;
}
