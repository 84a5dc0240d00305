import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Issue 7 point 1: `pacer simulate` end to end, as a child process, on a small scenario file of its own. */
const SMALL = {
  agents: 3, hours: 8, replications: 30, targetAbandon: 0.03,
  outcomes: { live: 0.3, machine: 0.1, busy: 0.05, noAnswer: 0.5, badNumber: 0.05 },
  answerDelay: { dist: 'lognormal', mean: 8, cv: 0.5 },
  noAnswerTimeoutS: 20, busyDelayS: 3, badNumberDelayS: 2,
  talk: { dist: 'lognormal', mean: 60, cv: 1.0 },
  wrap: { dist: 'lognormal', mean: 8, cv: 0.5 },
  amd: { enabled: true, humanDecisionS: 1.5, machineDecisionS: 3.0, falseMachineRate: 0.02, falseHumanRate: 0.1, agentMarksMachineS: 8 },
  maxConnectWaitS: 2,
};
const TWIN = {
  agents: 2, hours: 100, targetAbandon: 0.03,
  agentsSchedule: [[0, 2], [0.25, 1]],
  outcomes: { live: 0.25, noAnswer: 0.75 },
  ring: { dist: 'exponential', mean: 15 },
  talk: { dist: 'exponential', mean: 60 },
  wrap: { dist: 'fixed', mean: 0 },
  amd: { enabled: false },
  maxConnectWaitS: 0,
};
const FILE = { format: 'pacer-scenario/1', about: 'test scenarios', scenarios: { SMALL, TWIN } };
const FIELDS = ['abandonRate', 'worstAbandon24h', 'pExceedTarget', 'occupancy', 'talkMinutesPerAgentHour', 'idleMeanS', 'idleP95S', 'connectsPerAgentHour', 'dialsPerHour', 'peakRinging'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-simulate-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

async function pacer(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/pacer.js', 'simulate', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const jsonLines = (stdout: string): Array<Record<string, unknown>> => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('D3, issue 7 pt 1: pacer simulate', () => {
  const file = write('scenarios.json', FILE);
  const quick = ['--scenarios', file, '--hours', '0.5', '--replications', '2'];

  it('D3, issue 7 pt 1: --json prints one JSON line per scenario and algorithm with every figure; the same seed gives the same lines, another seed others; without --json a table', async () => {
    const [first, again, other, table] = await Promise.all([
      pacer(...quick, '--json', '--seed', '7'),
      pacer(...quick, '--json', '--seed', '7'),
      pacer(...quick, '--json', '--seed', '8'),
      pacer(...quick, '--scenario', 'SMALL', '--algorithm', 'progressive', '--algorithm', 'fixed-ratio', '--ratio', '1.5'),
    ]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const lines = jsonLines(first.stdout);
    const all = ['pacer', 'progressive', 'fixed-ratio', 'vicidial-adapt', 'omnidialer', 'erlang'];
    expect(lines.map((l) => `${l.scenario}/${l.algorithm}`)).toEqual([...all.map((a) => `SMALL/${a}`), ...all.map((a) => `TWIN/${a}`)]);
    for (const line of lines) {
      for (const field of FIELDS) expect(line[field], `${line.scenario}/${line.algorithm} ${field}`).toEqual(expect.any(Number));
      expect(line).toMatchObject({ replications: 2, hours: 0.5, seed: '7', targetAbandon: 0.03 });
      expect(line.occupancy as number).toBeGreaterThan(0);
      expect(line.occupancy as number).toBeLessThanOrEqual(1);
      expect(line.dialsPerHour as number).toBeGreaterThan(0);
    }
    expect(again.stdout).toBe(first.stdout);
    expect(other.stdout).not.toBe(first.stdout);
    expect(table.code).toBe(0);
    const rows = table.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^scenario\s+algorithm\s+reps\s+abandon\s+worst24h/);
    expect(rows.slice(1).map((r) => r.split(/\s+/).slice(0, 3).join(' '))).toEqual(['SMALL progressive 2', 'SMALL fixed-ratio 2']);
  });

  it('issue 7 pt 1: a file that is not JSON, or not in the format, or not there is refused with the position or the JSON path (exit 2)', async () => {
    const broken = write('broken.json', '{\n  "format": "pacer-scenario/1",\n  "scenarios": { "A": { "agents": 1, } }\n}');
    const unknownField = write('unknown.json', { ...FILE, scenarios: { SMALL: { ...SMALL, amd: { ...SMALL.amd, falseMachine: 0.1 } } } });
    const results = await Promise.all([broken, unknownField, path.join(dir, 'absent.json')].map((f) => pacer('--scenarios', f, '--hours', '0.1', '--json')));
    for (const r of results) expect(r).toMatchObject({ code: 2, stdout: '' });
    const [notJson, unknown, absentFile] = results.map((r) => r.stderr);
    expect(notJson).toMatch(/broken\.json is not JSON at line 3, column 38: /);
    expect(unknown).toContain('unknown.json is not a valid scenario file (format "pacer-scenario/1")');
    expect(unknown).toContain('scenarios.SMALL.amd: unknown field "falseMachine" (expected "enabled", "humanDecisionS", "machineDecisionS", "falseMachineRate", "falseHumanRate", "agentMarksMachineS")');
    expect(absentFile).toMatch(/Cannot read the scenario file .*absent\.json: there is no such file/);
  });

  it('issue 7 pt 1: an unknown scenario or algorithm is refused, naming the known ones (exit 2)', async () => {
    const [scenario, algorithm, flag] = await Promise.all([
      pacer(...quick, '--scenario', 'S9', '--json'),
      pacer(...quick, '--algorithm', 'pacer', '--algorithm', 'magic', '--json'),
      pacer(...quick, '--replications', 'many'),
    ]);
    expect(scenario).toMatchObject({ code: 2, stdout: '' });
    expect(scenario.stderr).toMatch(/Unknown scenario "S9": .*scenarios\.json has SMALL, TWIN/);
    expect(algorithm).toMatchObject({ code: 2, stdout: '' });
    expect(algorithm.stderr).toContain('Unknown pacing algorithm "magic". Known algorithms: pacer, progressive, fixed-ratio, vicidial-adapt, omnidialer, erlang.');
    expect(flag).toMatchObject({ code: 2, stdout: '' });
    expect(flag.stderr).toContain('--replications must be a whole number of at least 1, got "many"');
  });
});
