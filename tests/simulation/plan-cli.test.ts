import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Issue 7 point 7: `pacer plan` end to end, as a child process, on a small scenario file of its own. */
const SMALL = {
  agents: 5, hours: 2, replications: 3, targetAbandon: 0.03,
  outcomes: { live: 0.3, machine: 0.1, busy: 0.05, noAnswer: 0.5, badNumber: 0.05 },
  answerDelay: { dist: 'lognormal', mean: 8, cv: 0.5 },
  noAnswerTimeoutS: 20, busyDelayS: 3, badNumberDelayS: 2,
  talk: { dist: 'lognormal', mean: 60, cv: 1.0 },
  wrap: { dist: 'lognormal', mean: 8, cv: 0.5 },
  amd: { enabled: true, humanDecisionS: 1.5, machineDecisionS: 3.0, falseMachineRate: 0.0, falseHumanRate: 0.1, agentMarksMachineS: 8 },
  maxConnectWaitS: 0,
};
const OTHER = { ...SMALL, agents: 2 };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-plan-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'scenarios.json');
fs.writeFileSync(file, JSON.stringify({ format: 'pacer-scenario/1', scenarios: { SMALL, OTHER } }));

async function pacer(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/pacer.js', 'plan', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface Plan {
  records: number;
  targetAbandon: number;
  agentHours: number;
  dialsPerAgentHour: number;
  talkMinutesPerAgentHour: number;
  agentHoursPerShift: number;
  shifts: number;
  abandonRate: number;
  occupancy: number;
}

describe('X1, issue 7 pt 7: pacer plan', () => {
  const plan = ['--scenarios', file, '--scenario', 'SMALL', '--records', '20000', '--seed', '3'];

  it('X1, issue 7 pt 7: --json answers agent-hours consistent with the dials per agent-hour and the records; a higher target never needs more agent-hours on the same seed; without --json a readable answer', async () => {
    const [low, mid, high, text] = await Promise.all([
      pacer(...plan, '--target-abandon', '0.5%', '--json'),
      pacer(...plan, '--target-abandon', '0.03', '--json'),
      pacer(...plan, '--target-abandon', '10%', '--json'),
      pacer(...plan),
    ]);
    const plans = [low, mid, high].map((r) => {
      expect(r).toMatchObject({ code: 0, stderr: '' });
      return JSON.parse(r.stdout) as Plan;
    });
    expect(plans.map((p) => p.targetAbandon)).toEqual([0.005, 0.03, 0.1]);
    for (const p of plans) {
      expect(p.records).toBe(20000);
      expect((p.agentHours * p.dialsPerAgentHour) / p.records).toBeCloseTo(1, 3);
      expect(p.talkMinutesPerAgentHour).toBeGreaterThan(0);
      expect(p.talkMinutesPerAgentHour).toBeLessThanOrEqual(60 * p.occupancy + 1e-9);
      expect(p.agentHoursPerShift).toBeCloseTo(5 * 2, 0); // 5 agents × 2 h, no schedule
      expect(p.shifts).toBeCloseTo(p.agentHours / p.agentHoursPerShift, 1);
    }
    const [l, m, h] = plans as [Plan, Plan, Plan];
    expect(m.agentHours).toBeLessThanOrEqual(l.agentHours);
    expect(h.agentHours).toBeLessThanOrEqual(m.agentHours);
    expect(h.abandonRate).toBeGreaterThan(l.abandonRate); // the target did change the pacing
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^20,000 records on scenario SMALL, pacer at a 3\.00 % abandon target:/);
    expect(text.stdout).toMatch(new RegExp(`agent-hours needed +${m.agentHours.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}\n`));
    expect(text.stdout).toMatch(/talk per agent-hour\s+\d+\.\d min/);
    expect(text.stdout).toContain('Assumes each record is dialed once');
  });

  it('X1, issue 7 pt 7: a missing or bad option, an unknown scenario or file is refused with what to do (exit 2)', async () => {
    const results = await Promise.all([
      pacer('--scenarios', file, '--records', '100'),
      pacer('--scenarios', file, '--scenario', 'S9', '--records', '100'),
      pacer('--scenarios', file, '--scenario', 'SMALL'),
      pacer('--scenarios', file, '--scenario', 'SMALL', '--records', 'lots'),
      pacer('--scenarios', file, '--scenario', 'SMALL', '--records', '100', '--target-abandon', '5'),
      pacer('--scenarios', path.join(dir, 'absent.json'), '--scenario', 'SMALL', '--records', '100'),
    ]);
    for (const r of results) expect(r).toMatchObject({ code: 2, stdout: '' });
    const [noScenario, unknown, noRecords, badRecords, badTarget, absent] = results.map((r) => r.stderr);
    expect(noScenario).toMatch(/Name the scenario with --scenario NAME: .*scenarios\.json has SMALL, OTHER/);
    expect(unknown).toMatch(/Unknown scenario "S9": .*scenarios\.json has SMALL, OTHER/);
    expect(noRecords).toContain('Say how many records the list has with --records N.');
    expect(badRecords).toContain('--records must be a whole number of at least 1, got "lots"');
    expect(badTarget).toContain('--target-abandon must be a share between 0 and 1 or a percentage, e.g. 0.03 or 3%, got "5"');
    expect(absent).toMatch(/Cannot read the scenario file .*absent\.json: there is no such file/);
  });
});
