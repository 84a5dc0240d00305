import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, openTestStorage, type TestStorage } from '../support/storage.js';
import { adminToken, apiGet, startServer, type ServerProcess } from './server-process.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** L1, L2: `pacer import` end to end against a real server process, on both engines. */
describe.each(await availableEngines())('L1 pacer import CLI (%s)', (engine) => {
  let server: ServerProcess;
  let storage: TestStorage | undefined;
  let token: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-cli-'));

  beforeAll(async () => {
    if (engine === 'postgres') {
      storage = await openTestStorage('postgres');
      server = await startServer({ databaseUrl: storage.url! });
    } else {
      server = await startServer({ dataDir: dir });
    }
    token = await adminToken(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await storage?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const pacer = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['bin/pacer.js', 'import', ...args, '--url', server.url], { cwd: ROOT, env: { ...process.env, PACER_TOKEN: token } });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('L1 creates the list, guesses the mapping from a Shift_JIS header, imports and prints one JSON summary', async () => {
    const file = path.join(dir, 'tokyo.csv');
    fs.writeFileSync(file, iconv.encode('名前,フリガナ,電話番号,携帯番号,担当者メール\n山田太郎,ヤマダタロウ,03-1234-5678,090-1234-5678,agent@example.test\n佐藤花子,サトウハナコ,03-1234-5679,,\n鈴木,スズキ,12,,\n', 'shift_jis'));
    const res = await pacer(file, '--list', 'Tokyo CLI', '--region', 'JP', '--json');
    expect(res.code, res.stderr).toBe(0);
    const summary = JSON.parse(res.stdout);
    expect(summary).toMatchObject({ status: 'committed', rowsRead: 3, imported: 2, rejected: 1, duplicates: 0, errors: [{ row: 4, column: '電話番号', value: '12', reason: expect.any(String) }] });
    const lists = await apiGet(server.url, token, '/api/lists?q=Tokyo%20CLI');
    expect(lists.items).toEqual([expect.objectContaining({ name: 'Tokyo CLI', defaultRegion: 'JP', recordCount: 2 })]);
  });

  it('L2 a second run with the same --list appends; progress goes to stderr, the summary to stdout', async () => {
    const file = path.join(dir, 'more.csv');
    fs.writeFileSync(file, 'name,phone\nNew,+81 3 5555 0001\nYamada again,03-1234-5678\n');
    const res = await pacer(file, '--list', 'tokyo cli');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/Appending to list "tokyo cli"/);
    expect(res.stderr).toMatch(/Uploading… 100%/);
    expect(res.stdout).toMatch(/2 imported, 0 rejected \(0 duplicates\), 1 records replaced/);
    const lists = await apiGet(server.url, token, '/api/lists?q=Tokyo%20CLI');
    expect(lists.items[0].recordCount).toBe(3);
  });

  it('L1 a failed import exits non-zero with the reason; --mapping names the columns', async () => {
    const file = path.join(dir, 'broken.csv');
    fs.writeFileSync(file, 'who,number\nA,+81312345678\n"B,+81312345679\n');
    const mapping = path.join(dir, 'mapping.json');
    fs.writeFileSync(mapping, JSON.stringify({ phones: [{ column: 'number', type: 'mobile' }], name: 'who' }));
    const res = await pacer(file, '--list', 'Broken CLI', '--mapping', mapping, '--json');
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ status: 'failed', error: { code: 'invalid_file', message: expect.stringMatching(/malformed at row 3/) } });
    const missing = await pacer(path.join(dir, 'nope.csv'));
    expect(missing.code).toBe(1);
    const noToken = await run(process.execPath, ['bin/pacer.js', 'import', file], { cwd: ROOT, env: { ...process.env, PACER_TOKEN: '' } }).catch((e) => e);
    expect(noToken.code).toBe(2);
  });
});
