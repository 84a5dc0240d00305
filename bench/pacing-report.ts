/**
 * `npm run bench:pacing` (issue 7 point 5): every registered pacing algorithm on every scenario
 * of the benchmark file, with the file's replications and a fixed seed; writes the generated
 * section of docs/BENCHMARKS.md (between `<!-- pacing:begin -->` and `<!-- pacing:end -->`,
 * nothing else is touched) and SVG charts in docs/charts/:
 *
 * - `pacing-<scenario>.svg`: occupancy against abandon rate, one point per algorithm, the target line
 *   (and the optimal bound of BOUNDS.md for the exponential twins);
 * - `pacing-shift-<scenario>.svg` for S5 and S1: one replication minute by minute — dials per
 *   connect, the abandon rate the algorithm sees, and occupancy over the shift, per algorithm.
 *
 *   npm run bench:pacing -- [--scenarios ../shared/bench/scenarios.json] [--quick] [--seed 1]
 *                           [--out docs/BENCHMARKS.md] [--charts docs/charts]
 *
 * `--quick`: 2 replications of at most 2 hours per scenario (the shift charts keep the whole
 * shift), a smoke run. The optimal bounds are read from BOUNDS.md beside the scenario file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { algorithmNames, createAlgorithm } from '../src/pacing/algorithms.js';
import { simulateFloor } from '../src/simulation/floor-simulation.js';
import type { FloorMinute } from '../src/simulation/replication-metrics.js';
import { type ScenarioSummary, runScenario } from '../src/simulation/run-scenarios.js';
import { parseScenarioFile, scenarioParts } from '../src/telephony/adapters/simulated/scenario.js';
import { type LinePanel, lineChart, PALETTE, scatterChart, type Series } from './svg-charts.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', default: path.resolve(root, '../shared/bench/scenarios.json') },
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: path.join(root, 'docs/BENCHMARKS.md') },
    charts: { type: 'string', default: path.join(root, 'docs/charts') },
  },
});
const BEGIN = '<!-- pacing:begin -->';
const END = '<!-- pacing:end -->';
const SHIFT_SCENARIOS = ['S5', 'S1'];
/** Trailing window of the shift charts' dial ratio and occupancy. */
const SMOOTH_MIN = 15;
/** An algorithm holds the target on a scenario when its mean abandon rate is within it and at most this share of replications go over. */
const HOLD_P_EXCEED = 0.1;

if (!fs.existsSync(values.scenarios)) {
  process.stderr.write(`There is no scenario file ${values.scenarios}; name one with --scenarios FILE.\n`);
  process.exit(2);
}
const scenarios = parseScenarioFile(fs.readFileSync(values.scenarios, 'utf8'), values.scenarios);
const bounds = readBounds(path.join(path.dirname(values.scenarios), 'BOUNDS.md'));
const algorithms = [...algorithmNames];
const color = (algorithm: string): string => PALETTE[algorithms.indexOf(algorithm) % PALETTE.length]!;
const started = Date.now();
const loadBefore = os.loadavg()[0]!;

// ── run ─────────────────────────────────────────────────────────────────────────────

const results = new Map<string, ScenarioSummary[]>();
for (const [name, scenario] of Object.entries(scenarios)) {
  const rows: ScenarioSummary[] = [];
  for (const algorithm of algorithms) {
    const t0 = performance.now();
    const s = runScenario(name, scenario, algorithm, {
      seed: values.seed,
      ...(values.quick ? { replications: Math.min(2, scenario.replications ?? 1), hours: Math.min(2, scenario.hours) } : {}),
    });
    rows.push(s);
    process.stderr.write(`${name} ${algorithm.padEnd(14)} abandon ${pct(s.abandonRate)}  occupancy ${pct(s.occupancy)}  (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  results.set(name, rows);
}

const traces = new Map<string, Map<string, FloorMinute[]>>();
for (const name of SHIFT_SCENARIOS.filter((n) => Object.hasOwn(scenarios, n))) {
  const parts = scenarioParts(scenarios[name]);
  const byAlgorithm = new Map<string, FloorMinute[]>();
  for (const algorithm of algorithms) byAlgorithm.set(algorithm, simulateFloor(parts, createAlgorithm(algorithm), { seed: `${values.seed}/0`, trace: true }).trace!);
  traces.set(name, byAlgorithm);
}
const wallS = (Date.now() - started) / 1000;

// ── charts ──────────────────────────────────────────────────────────────────────────

fs.mkdirSync(values.charts, { recursive: true });
const chartFiles: Array<{ scenario: string; file: string; kind: 'scatter' | 'shift' }> = [];
for (const [name, rows] of results) {
  const target = rows[0]!.targetAbandon;
  const bound = bounds.get(name);
  const r = rows[0]!;
  const svg = scatterChart({
    title: `${name}: occupancy against abandon rate`,
    subtitle: `${describeScenario(name)} · mean of ${r.replications} replications of ${r.hours} h, seed ${r.seed}; bars ±1 standard error; hollow: over the target`,
    xLabel: 'abandon rate (% of live answers)',
    yLabel: 'agent occupancy (%)',
    points: rows.map((s) => ({
      label: s.algorithm,
      color: color(s.algorithm),
      x: 100 * s.abandonRate,
      y: 100 * s.occupancy,
      xErr: 100 * s.abandonRateStdErr,
      yErr: 100 * s.occupancyStdErr,
      hollow: !holds(s),
    })),
    xLines: [{ at: 100 * target, label: `target ${fmtPct(target)}` }],
    yLines: bound === undefined ? [] : [{ at: 100 * bound, label: `optimal bound ${(100 * bound).toFixed(1)} % (BOUNDS.md)` }],
    xMin: 0,
  });
  const file = path.join(values.charts, `pacing-${name}.svg`);
  fs.writeFileSync(file, svg);
  chartFiles.push({ scenario: name, file, kind: 'scatter' });
}
for (const [name, byAlgorithm] of traces) {
  const target = scenarios[name]!.targetAbandon;
  const series = (value: (minutes: FloorMinute[], i: number) => number | null): Series[] =>
    algorithms.map((a) => {
      const minutes = byAlgorithm.get(a)!;
      return { label: a, color: color(a), points: minutes.map((m, i) => [m.minute / 60, value(minutes, i)] as [number, number | null]) };
    });
  const trailing = (minutes: FloorMinute[], i: number, num: (m: FloorMinute) => number, den: (m: FloorMinute) => number): number | null => {
    let n = 0;
    let d = 0;
    for (let j = Math.max(0, i - SMOOTH_MIN + 1); j <= i; j++) {
      n += num(minutes[j]!);
      d += den(minutes[j]!);
    }
    return d > 0 ? n / d : null;
  };
  const panels: LinePanel[] = [
    { yLabel: `calls in flight per agent`, series: series((ms, i) => trailing(ms, i, (m) => m.callsInFlight, (m) => m.agentsLoggedIn)), yMin: 0 },
    { yLabel: `dials per connect`, series: series((ms, i) => trailing(ms, i, (m) => m.dials, (m) => m.connects)), yMin: 0 },
    {
      yLabel: 'abandon rate (%)', // clipped at 2.5 × the target: the first minutes' few answers swing it
      series: series((ms, i) => ms[i]!.abandonRatePercent),
      yLines: [{ at: 100 * target, label: `target ${fmtPct(target)}` }],
      yMin: 0,
      yMax: 250 * target,
    },
    { yLabel: `occupancy (%, ${SMOOTH_MIN}-min trailing)`, series: series((ms, i) => trailing(ms, i, (m) => 100 * (m.agentsLoggedIn - m.agentsFree), (m) => m.agentsLoggedIn)), yMax: 100 },
  ];
  const svg = lineChart({
    panelHeight: 180,
    title: `${name}: one shift minute by minute (replication 0, seed ${values.seed}/0)`,
    subtitle: `${describeScenario(name)}. Calls in flight per logged-in agent (the dial level, sampled each minute), dials per connected live answer and occupancy: means over the last ${SMOOTH_MIN} minutes. The abandon rate: since the shift began, AMD false machines included (the algorithm is shown it without them, and budgets for them).`,
    xLabel: 'hours into the shift',
    panels,
  });
  const file = path.join(values.charts, `pacing-shift-${name}.svg`);
  fs.writeFileSync(file, svg);
  chartFiles.push({ scenario: name, file, kind: 'shift' });
}

// ── the section of BENCHMARKS.md ────────────────────────────────────────────────────

const docDir = path.dirname(values.out);
const link = (file: string): string => path.relative(docDir, file).split(path.sep).join('/');
const cpus = os.cpus();
const args = process.argv.slice(2).filter((a, i, all) => a !== '--scenarios' && all[i - 1] !== '--scenarios');
const lines: string[] = [];
const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
lines.push(
  `- Generated by \`npm run bench:pacing${args.length ? ` -- ${args.join(' ')}` : ''}\` (bench/pacing-report.ts) — ${when} UTC${values.quick ? ', **quick smoke run** (2 replications of at most 2 h)' : ''}.`,
  `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node.js ${process.versions.node}; ` +
    `load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after (a shared machine); ${Math.round(wallS)} s in all.`,
  `- Scenarios: \`${path.basename(path.dirname(path.dirname(values.scenarios)))}/${path.basename(path.dirname(values.scenarios))}/${path.basename(values.scenarios)}\`, each algorithm on the scenario's replications ` +
    `(seed ${values.seed}: replication r on seed "${values.seed}/r", the same customers for every algorithm); the algorithms pace on the 30-day (US) window — over these runs, since the run began; "worst 24 h" is still measured. Definitions: docs/PACING.md.`,
  `- "holds" = mean abandon rate within the target and at most ${100 * HOLD_P_EXCEED} % of replications over it; "of bound" = occupancy / the optimal occupancy of BOUNDS.md (exponential twins, only when the target is held).`,
  '',
);
const best: string[] = [];
for (const [name, rows] of results) {
  const bound = bounds.get(name);
  const r = rows[0]!;
  lines.push(`### ${name} — ${describeScenario(name)}`, '');
  lines.push(`${r.replications} replications of ${r.hours} h, target ${fmtPct(r.targetAbandon)}.`, '');
  lines.push(`| algorithm | abandon | P(> target) | occupancy |${bound === undefined ? '' : ' of bound |'} talk min / agent-h | idle mean / p95 (s) | dials/h | holds |`);
  lines.push(`|---|---|---|---|${bound === undefined ? '' : '---|'}---|---|---|---|`);
  for (const s of rows) {
    const ofBound = bound === undefined ? '' : ` ${holds(s) ? (s.occupancy / bound).toFixed(3) : 'over target'} |`;
    lines.push(
      `| ${s.algorithm} | ${pct(s.abandonRate)} ± ${pct(s.abandonRateStdErr)} | ${s.pExceedTarget.toFixed(2)} | ${pct(s.occupancy)} ± ${pct(s.occupancyStdErr)} |${ofBound} ${s.talkMinutesPerAgentHour.toFixed(1)} | ${s.idleMeanS.toFixed(0)} / ${s.idleP95S.toFixed(0)} | ${Math.round(s.dialsPerHour).toLocaleString('en')} | ${holds(s) ? 'yes' : '**no**'} |`,
    );
  }
  const holding = rows.filter(holds);
  const top = holding.reduce<ScenarioSummary | null>((a, s) => (a === null || s.occupancy > a.occupancy ? s : a), null);
  lines.push('');
  lines.push(
    holding.length === 0
      ? `No algorithm holds the ${fmtPct(r.targetAbandon)} target on ${name}.`
      : `Hold the ${fmtPct(r.targetAbandon)} target: ${holding.map((s) => s.algorithm).join(', ')}${rows.length > holding.length ? `; not: ${rows.filter((s) => !holds(s)).map((s) => s.algorithm).join(', ')}` : ''}. ` +
          `Highest occupancy among them: **${top!.algorithm}** (${pct(top!.occupancy)}${bound === undefined ? '' : `, ${(top!.occupancy / bound).toFixed(3)} of the bound`}).`,
  );
  if (top) best.push(`${name} ${top.algorithm}`);
  lines.push('');
  const scatter = chartFiles.find((c) => c.scenario === name && c.kind === 'scatter');
  if (scatter) lines.push(`![${name}: occupancy against abandon rate per algorithm](${link(scatter.file)})`, '');
}
lines.push(`Best algorithm holding the target, per scenario: ${best.join(', ')}.`, '');
const shiftCharts = chartFiles.filter((c) => c.kind === 'shift');
if (shiftCharts.length) {
  lines.push('### Over a shift', '');
  lines.push(
    `One replication (seed ${values.seed}/0, the whole shift) per algorithm, minute by minute: calls in flight per logged-in agent (the dial level), dials per connected live answer and occupancy over the last ${SMOOTH_MIN} minutes, ` +
      `and the abandon rate since the start of the shift (AMD false machines included). On S5 the live rate drifts from 35 % to 10 % and agents log in and out.`,
    '',
  );
  for (const c of shiftCharts) lines.push(`![${c.scenario}: dial ratio, abandon rate and occupancy over the shift](${link(c.file)})`, '');
}
writeSection(values.out, lines.join('\n'));
process.stderr.write(`wrote ${path.relative(root, values.out)} and ${chartFiles.length} charts in ${path.relative(root, values.charts)} (${wallS.toFixed(0)} s)\n`);

// ── helpers ─────────────────────────────────────────────────────────────────────────

function holds(s: ScenarioSummary): boolean {
  return s.abandonRate <= s.targetAbandon && s.pExceedTarget <= HOLD_P_EXCEED;
}

function describeScenario(name: string): string {
  const s = scenarios[name]!;
  return `${s.description ?? name}, ${s.agents} agents, live ${fmtPct(s.outcomes.live ?? 0)}`;
}

/** The optimal occupancy per scenario from BOUNDS.md's table (column "optimal occupancy"); empty when there is no such file. */
function readBounds(file: string): Map<string, number> {
  const out = new Map<string, number>();
  if (!fs.existsSync(file)) return out;
  let column = -1;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (column < 0) {
      column = cells.indexOf('optimal occupancy');
      continue;
    }
    const value = Number(cells[column]);
    if (cells[0] && Number.isFinite(value) && value > 0) out.set(cells[0], value);
  }
  return out;
}

function writeSection(file: string, body: string): void {
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const section = `${BEGIN}\n${body.trimEnd()}\n${END}`;
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  const next =
    begin >= 0 && end > begin
      ? doc.slice(0, begin) + section + doc.slice(end + END.length)
      : `${doc.trimEnd()}\n\n## Pacing algorithms (issue 7 point 5)\n\n\`npm run bench:pacing\` — every algorithm on every scenario; the section below is generated, do not edit it by hand.\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)} %`;
}

function fmtPct(x: number): string {
  return `${Number((100 * x).toFixed(2))} %`;
}
