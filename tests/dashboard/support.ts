import WebSocket from 'ws';
import { hashPassword } from '../../src/access/passwords.js';
import { buildApp } from '../../src/app.js';
import { defaultLimits, loadConfig } from '../../src/config.js';
import type { App } from '../../src/http/types.js';
import type { Role } from '../../src/storage/schema.js';
import type { Engine } from '../support/storage.js';
import { type Harness, startHarness } from '../dialer/harness.js';

/**
 * The dashboard's tests: the dialer in virtual time (tests/dialer/harness.ts) behind the real
 * HTTP application, users signed in with a session cookie, and a WebSocket client that keeps
 * every message it receives.
 */
const PASSWORD = 'correct horse battery';
let seq = 0;

export interface DashboardRig {
  h: Harness;
  app: App;
  user(role: Role, opts?: { queueId?: number; grants?: number[] }): Promise<{ userId: number; email: string; cookie: string; actor: { userId: number; role: Role; email: string; via: 'session' } }>;
  get(cookie: string, url: string): Promise<{ status: number; json: any }>;
  connect(cookie: string | null, query?: string): Promise<Feed>;
  close(): Promise<void>;
}

export interface Feed {
  /** 101 when the upgrade was accepted, else the HTTP status that refused it. */
  status: number;
  messages: any[];
  /** The campaign as a client sees it now: the snapshot with every tick's changes applied (undefined when not shown). */
  view(campaignId: number): any;
  /** Waits (real time) until a message satisfies `ok`, and returns it. */
  until(ok: (m: any) => boolean, what: string): Promise<any>;
  /** Waits (real time) until the campaign as the client sees it satisfies `ok`, and returns it. */
  untilView(campaignId: number, ok: (c: any) => boolean, what: string): Promise<any>;
  close(): void;
}

export async function startRig(engine: Engine, options: Parameters<typeof startHarness>[1] = {}): Promise<DashboardRig> {
  const h = await startHarness(engine, options);
  const app = await buildApp({ storage: h.storage, clock: h.time, config: { ...loadConfig({}), limits: { ...defaultLimits } }, dnc: h.dnc, dialer: h.runtime });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const hash = await hashPassword(PASSWORD);

  return {
    h,
    app,
    async user(role, opts = {}) {
      const email = `${role}.${++seq}.${process.pid}@example.test`;
      const now = h.time.now();
      const row = await h.storage.db
        .insertInto('users')
        .values({ email, user_code: `dash-${role}${seq}`, display_name: `${role} ${seq}`, role, password_hash: hash, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (opts.queueId !== undefined) await h.storage.db.insertInto('queue_members').values({ queue_id: opts.queueId, user_id: row.id, added_at: now }).execute();
      for (const campaignId of opts.grants ?? []) await h.storage.db.insertInto('campaign_grants').values({ campaign_id: campaignId, user_id: row.id, granted_at: now }).execute();
      const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { login: email, password: PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
      return { userId: row.id, email, cookie: String(res.headers['set-cookie']).split(';')[0]!, actor: { userId: row.id, role, email, via: 'session' } };
    },
    async get(cookie, url) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : undefined };
    },
    async connect(cookie, query = '') {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/dashboard/events${query}`, cookie ? { headers: { cookie } } : {});
      const messages: any[] = [];
      ws.on('message', (data) => messages.push(JSON.parse(String(data))));
      const status = await new Promise<number>((resolve, reject) => {
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', reject);
      });
      const feed: Feed = {
        status,
        messages,
        async until(ok, what) {
          for (let i = 0; i < 500; i++) {
            const found = messages.find(ok);
            if (found) return found;
            await new Promise((r) => setTimeout(r, 10));
          }
          throw new Error(`no dashboard message: ${what}; got ${JSON.stringify(messages.map((m) => m.type))}`);
        },
        async untilView(campaignId, ok, what) {
          for (let i = 0; i < 500; i++) {
            const current = feed.view(campaignId);
            if (current && ok(current)) return current;
            await new Promise((r) => setTimeout(r, 10));
          }
          throw new Error(`the dashboard never showed ${what}; last: ${JSON.stringify(feed.view(campaignId))}`);
        },
        view(campaignId) {
          let current: any;
          for (const m of messages) {
            if (m.type === 'snapshot') current = m.campaigns.find((c: { id: number }) => c.id === campaignId);
            if (m.type !== 'tick') continue;
            const patch = m.changed.find((c: { id: number }) => c.id === campaignId);
            if (patch) current = { ...current, ...patch };
            if (m.removed.includes(campaignId)) current = undefined;
          }
          return current;
        },
        close: () => ws.close(),
      };
      return feed;
    },
    async close() {
      await app.close();
      await h.close();
    },
  };
}
