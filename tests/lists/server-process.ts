import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** A real Pacer server process (npx tsx src/main.ts) on a free port, for the CLI and crash tests. */
export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export const ADMIN_PASSWORD = 'list-tests-admin-password';
const ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startServer(env: { dataDir?: string; databaseUrl?: string; port?: number }): Promise<ServerProcess> {
  const port = env.port ?? (await freePort());
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PACER_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PACER_ADMIN_EMAIL: 'admin@pacer.local',
      LOG_LEVEL: 'warn',
      ...(env.dataDir ? { PACER_DATA_DIR: env.dataDir } : {}),
      DATABASE_URL: env.databaseUrl ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      if (out.includes('Pacer is ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    proc,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill(signal);
      await exited;
    },
  };
}

/** Signs in as the first admin and returns an API token. */
export async function adminToken(url: string): Promise<string> {
  const signIn = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin@pacer.local', password: ADMIN_PASSWORD }) });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const token = await fetch(`${url}/api/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name: 'list tests' }) });
  return ((await token.json()) as { token: string }).token;
}

export async function apiGet(url: string, token: string, route: string): Promise<any> {
  const res = await fetch(`${url}${route}`, { headers: { authorization: `Bearer ${token}` } });
  return res.json();
}
