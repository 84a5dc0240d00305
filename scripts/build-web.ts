import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the agent desktop (web/) with Vite into web/dist, which the server serves. The build
 * is skipped when web/dist was built from the same sources: a hash of web/'s source files and
 * the versions of the build tools is kept in web/dist/.source-hash. `npm start` and `npm test`
 * call this first, so a fresh clone, a `git pull` or an edit under web/src rebuilds by itself.
 *
 * Several processes may ask at once (vitest runs test files in parallel): one builds, under
 * web/.build.lock, into a temporary folder that replaces web/dist in one rename; the others
 * wait for it and then find the build current.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(root, 'web');
export const webDistDir = path.join(webDir, 'dist');
const hashFile = '.source-hash';
const lockFile = path.join(webDir, '.build.lock');
const inputs = ['index.html', 'vite.config.ts', 'tsconfig.json', 'src', 'public'];
const tools = ['vite', '@vitejs/plugin-react', 'react', 'react-dom'];

async function filesUnder(p: string): Promise<string[]> {
  if (!existsSync(p)) return [];
  if (!(await stat(p)).isDirectory()) return [p];
  const entries = await readdir(p, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => filesUnder(path.join(p, e.name))));
  return nested.flat();
}

/** The hash of what the build is made from: web/'s sources and the build tools' versions. */
export async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await Promise.all(inputs.map((i) => filesUnder(path.join(webDir, i))))).flat().sort();
  for (const file of files) {
    hash.update(path.relative(webDir, file)).update('\0').update(await readFile(file)).update('\0');
  }
  for (const tool of tools) {
    const manifest = path.join(root, 'node_modules', tool, 'package.json');
    const version = existsSync(manifest) ? (JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version : 'missing';
    hash.update(`${tool}@${version}\0`);
  }
  return hash.digest('hex');
}

async function builtHash(): Promise<string | null> {
  try {
    return (await readFile(path.join(webDistDir, hashFile), 'utf8')).trim();
  } catch {
    return null;
  }
}

export async function webBuildIsCurrent(): Promise<boolean> {
  return existsSync(path.join(webDistDir, 'index.html')) && (await builtHash()) === (await sourceHash());
}

async function takeLock(): Promise<boolean> {
  try {
    const handle = await open(lockFile, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // A lock left by a build that died: older than two minutes.
    const age = Date.now() - (await stat(lockFile).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > 120_000) await rm(lockFile, { force: true });
    return false;
  }
}

async function build(hash: string, log: (line: string) => void): Promise<void> {
  const { build: viteBuild } = await import('vite');
  const tmp = path.join(webDir, `.dist-${process.pid}-${Date.now()}`);
  const started = Date.now();
  log('Building the agent desktop (web/) with Vite…');
  await viteBuild({ configFile: path.join(webDir, 'vite.config.ts'), root: webDir, logLevel: 'warn', build: { outDir: tmp, emptyOutDir: true } });
  await writeFile(path.join(tmp, hashFile), `${hash}\n`);
  const old = path.join(webDir, `.dist-old-${process.pid}-${Date.now()}`);
  if (existsSync(webDistDir)) await rename(webDistDir, old);
  await rename(tmp, webDistDir);
  await rm(old, { recursive: true, force: true });
  log(`Agent desktop built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/** Builds web/dist unless it is current; `force` builds anyway. Safe to call from several processes at once. */
export async function ensureWebBuild(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<'current' | 'built'> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const deadline = Date.now() + 180_000;
  for (;;) {
    const hash = await sourceHash();
    if (!options.force && existsSync(path.join(webDistDir, 'index.html')) && (await builtHash()) === hash) return 'current';
    if (await takeLock()) {
      try {
        // Someone else may have finished the same build while we waited for the lock.
        if (!options.force && (await builtHash()) === hash && existsSync(path.join(webDistDir, 'index.html'))) return 'current';
        await build(hash, log);
        return 'built';
      } finally {
        await rm(lockFile, { force: true });
      }
    }
    if (Date.now() > deadline) throw new Error(`Waited 3 minutes for another build of web/ (${lockFile}); remove the lock file if no build is running.`);
    await new Promise((r) => setTimeout(r, 250));
    options = { ...options, force: false };
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = !process.argv.includes('--if-stale');
  await mkdir(webDir, { recursive: true });
  await ensureWebBuild({ force });
}
