import { hashPassword } from '../../src/access/passwords.js';
import { buildApp } from '../../src/app.js';
import { DoNotCall } from '../../src/dnc/do-not-call.js';
import { defaultLimits, loadConfig, type Config } from '../../src/config.js';
import type { App } from '../../src/http/types.js';
import { ManualClock } from '../../src/shared/clock.js';
import type { Role } from '../../src/storage/schema.js';
import { openTestStorage, type Engine, type TestStorage } from './storage.js';

/**
 * A real Pacer application on a real database, driven through HTTP (Fastify's inject:
 * the full request pipeline — parsing, auth, validation, handlers — without a socket).
 */
export interface TestApp {
  app: App;
  storage: TestStorage;
  clock: ManualClock;
  config: Config;
  /** L4: the app's in-memory do-not-call set. */
  dnc: DoNotCall;
  /** Creates a user and returns a session cookie header for them. */
  signInAs(role: Role, opts?: { email?: string; userCode?: string }): Promise<Session>;
  close(): Promise<void>;
}

export interface Session {
  userId: number;
  email: string;
  cookie: string;
  /** Calls the API as this user; `body` is sent as JSON. */
  call(method: string, url: string, body?: unknown): Promise<{ status: number; json: any; body: string; headers: Record<string, unknown> }>;
}

let counter = 0;
const PASSWORD = 'correct horse battery';

export async function startTestApp(engine: Engine, overrides: Partial<Config> = {}): Promise<TestApp> {
  const storage = await openTestStorage(engine);
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const config: Config = { ...loadConfig({}), limits: { ...defaultLimits }, ...overrides };
  const dnc = await DoNotCall.load(storage);
  const app = await buildApp({ storage, clock, config, dnc });
  await app.ready();
  const passwordHash = await hashPassword(PASSWORD);

  async function signInAs(role: Role, opts: { email?: string; userCode?: string } = {}): Promise<Session> {
    counter += 1;
    const email = opts.email ?? `${role}${counter}@example.test`;
    const now = clock.now();
    const user = await storage.db
      .insertInto('users')
      .values({
        email,
        user_code: opts.userCode ?? `${role}${counter}`,
        display_name: `${role} ${counter}`,
        role,
        password_hash: passwordHash,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { login: email, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
    const setCookie = String(res.headers['set-cookie']);
    const cookie = setCookie.split(';')[0]!;
    return { userId: user.id, email, cookie, call: (method, url, body) => call(cookie, method, url, body) };
  }

  async function call(cookie: string | undefined, method: string, url: string, body?: unknown) {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: cookie ? { cookie } : {},
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    let json: unknown;
    try {
      json = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, json, body: res.body, headers: res.headers as Record<string, unknown> };
  }

  return {
    app,
    storage,
    clock,
    config,
    dnc,
    signInAs,
    close: async () => {
      await app.close();
      await storage.close();
    },
  };
}

export { PASSWORD };
