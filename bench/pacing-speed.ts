/**
 * Issue 7 point 9: one 8-hour replication of scenario S4 (100 agents) with the `pacer` algorithm
 * in the pacing simulator must take under 2 seconds. Runs `--runs` replications (seeds 1/0,
 * 1/1, …) one after the other, after one warm-up, and prints each one's wall-clock and CPU time
 * (the file is read and parsed outside the timing).
 *
 *   node --import tsx bench/pacing-speed.ts [--scenarios ../shared/bench/scenarios.json] [--scenario S4] [--algorithm pacer] [--runs 3]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAlgorithm } from '../src/pacing/algorithms.js';
import { simulateFloor } from '../src/simulation/floor-simulation.js';
import { parseScenarioFile, scenarioParts } from '../src/telephony/adapters/simulated/scenario.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', default: path.resolve(root, '../shared/bench/scenarios.json') },
    scenario: { type: 'string', default: 'S4' },
    algorithm: { type: 'string', default: 'pacer' },
    runs: { type: 'string', default: '3' },
  },
});
const scenarios = parseScenarioFile(fs.readFileSync(values.scenarios, 'utf8'), values.scenarios);
const scenario = scenarios[values.scenario];
if (!scenario) throw new Error(`No scenario ${values.scenario} in ${values.scenarios}`);
const parts = scenarioParts(scenario);

const once = (seed: string) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const m = simulateFloor(parts, createAlgorithm(values.algorithm), { seed });
  const wallS = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { m, wallS, cpuS: (used.user + used.system) / 1e6 };
};

once('warm-up');
console.log(`pacing simulator: ${values.scenario} (${parts.agents.count} agents, ${parts.hours} h), algorithm ${values.algorithm}, one replication per line`);
const walls: number[] = [];
for (let r = 0; r < Number(values.runs); r++) {
  const { m, wallS, cpuS } = once(`1/${r}`);
  walls.push(wallS);
  console.log(
    `  seed 1/${r}: ${wallS.toFixed(2)} s wall clock (${cpuS.toFixed(2)} s CPU); ${m.dials.toLocaleString('en')} dials, ${m.events.toLocaleString('en')} events, ` +
      `abandon ${(100 * m.abandonRate).toFixed(2)} %, occupancy ${(100 * m.occupancy).toFixed(1)} %`,
  );
}
walls.sort((a, b) => a - b);
const median = walls[Math.floor(walls.length / 2)]!;
console.log(`  median ${median.toFixed(2)} s per replication (target < 2 s: ${median < 2 ? 'met' : 'MISSED'})`);
