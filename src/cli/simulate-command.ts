import { parseArgs } from 'node:util';
import type { AbandonWindowName } from '../dialer/abandon-rate.js';
import { algorithmNames, createAlgorithm, describeAlgorithm } from '../pacing/algorithms.js';
import { type ScenarioSummary, runScenario } from '../simulation/run-scenarios.js';
import { AppError } from '../shared/errors.js';
import { fail, parseRunArgs, readScenarios } from './scenario-args.js';

/**
 * `pacer simulate --scenarios FILE [--scenario NAME]… [--algorithm NAME]… [--replications R]
 * [--seed N] [--hours H] [--window uk|us] [--ratio X] [--json]` (issue 7 point 1)
 *
 * Runs pacing algorithms on the scenarios of a "pacer-scenario/1" file in virtual time
 * (src/simulation/) and prints, for each scenario and algorithm, the summary of its
 * replications: with --json one JSON object per line (JSON Lines), else a table. Runs locally;
 * no server needed. A bad file, an unknown scenario or algorithm: a message on stderr, exit 2.
 */
const usage = `Usage: pacer simulate --scenarios FILE [--scenario NAME]... [--algorithm NAME]...
                      [--replications R] [--seed N] [--hours H] [--window uk|us] [--ratio X] [--json]
  --scenarios     a scenario file ("format": "pacer-scenario/1"), e.g. ../shared/bench/scenarios.json
  --scenario      a scenario of the file (repeat for several; default all)
  --algorithm     a pacing algorithm (repeat for several; default all): ${algorithmNames.join(', ')}
  --replications  replications per scenario (default: the scenario's "replications")
  --seed          replication r runs on seed "N/r", the same for every algorithm (default 1)
  --hours         shift length in hours (default: the scenario's "hours"), e.g. for quick runs
  --window        the abandon-rate window the algorithms see: us = rolling 30 days (default; over a shift of
                  under 30 days, since it began), uk = rolling 24 hours
  --ratio         fixed-ratio's calls in flight per free agent (default 2)
  --json          one JSON object per scenario and algorithm, one per line`;

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        scenarios: { type: 'string' },
        scenario: { type: 'string', multiple: true },
        algorithm: { type: 'string', multiple: true },
        replications: { type: 'string' },
        seed: { type: 'string', default: '1' },
        hours: { type: 'string' },
        window: { type: 'string', default: 'us' },
        ratio: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    return fail(`${(err as Error).message}\n${usage}`);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n\nAlgorithms:\n${algorithmNames.map((n) => `  ${n.padEnd(12)} ${describeAlgorithm(n)}`).join('\n')}\n`);
    return 0;
  }
  if (!values.scenarios) return fail(`Name the scenario file with --scenarios FILE.\n${usage}`);
  const run = parseRunArgs(values);
  if (typeof run === 'string') return fail(run);
  const { replications, hours } = run;
  const ratio = values.ratio === undefined ? undefined : Number(values.ratio);
  if (values.window !== 'uk' && values.window !== 'us') return fail(`--window must be uk (rolling 24 hours) or us (rolling 30 days), got "${values.window}".`);
  const window: AbandonWindowName = values.window;

  try {
    const scenarios = readScenarios(values.scenarios);
    if (typeof scenarios === 'string') return fail(scenarios);
    const names = values.scenario ?? Object.keys(scenarios);
    const unknownScenario = names.find((n) => !Object.hasOwn(scenarios, n));
    if (unknownScenario !== undefined) return fail(`Unknown scenario "${unknownScenario}": ${values.scenarios} has ${Object.keys(scenarios).join(', ')}.`);
    const algorithms = values.algorithm ?? [...algorithmNames];
    const algorithmOptions = ratio === undefined ? {} : { ratio };
    for (const name of algorithms) createAlgorithm(name, algorithmOptions); // refuse an unknown name before any run
    const table = values.json ? null : new Table();
    for (const name of names) {
      for (const algorithm of algorithms) {
        const summary = runScenario(name, scenarios[name]!, algorithm, { seed: values.seed, replications, hours, window, algorithmOptions });
        if (table) table.row(summary);
        else process.stdout.write(`${JSON.stringify(summary)}\n`);
      }
    }
    return 0;
  } catch (err) {
    if (err instanceof AppError) return fail(err.message);
    throw err;
  }
}


/** The readable form: a header, then a row per scenario and algorithm as each finishes. */
class Table {
  private readonly columns: Array<[string, number, (s: ScenarioSummary) => string]> = [
    ['scenario', 8, (s) => s.scenario],
    ['algorithm', 12, (s) => s.algorithm],
    ['reps', 5, (s) => String(s.replications)],
    ['abandon', 8, (s) => pct(s.abandonRate)],
    ['worst24h', 8, (s) => pct(s.worstAbandon24h)],
    ['P(>tgt)', 7, (s) => s.pExceedTarget.toFixed(2)],
    ['occup.', 7, (s) => pct(s.occupancy)],
    ['talk/h', 7, (s) => s.talkMinutesPerAgentHour.toFixed(1)],
    ['idle s', 7, (s) => s.idleMeanS.toFixed(1)],
    ['idle p95', 8, (s) => s.idleP95S.toFixed(1)],
    ['conn/h', 7, (s) => s.connectsPerAgentHour.toFixed(1)],
    ['dials/h', 8, (s) => Math.round(s.dialsPerHour).toString()],
    ['peak ring', 9, (s) => String(s.peakRinging)],
  ];
  private started = false;

  row(s: ScenarioSummary): void {
    if (!this.started) {
      this.started = true;
      this.line(this.columns.map(([title]) => title));
    }
    this.line(this.columns.map(([, , value]) => value(s)));
  }

  private line(cells: string[]): void {
    process.stdout.write(`${cells.map((c, i) => (i < 2 ? c.padEnd(this.columns[i]![1]) : c.padStart(this.columns[i]![1]))).join('  ')}\n`);
  }
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
