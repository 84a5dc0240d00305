import { parseArgs } from 'node:util';
import { AppError } from '../shared/errors.js';
import { type ListPlan, planList } from '../simulation/plan-list.js';
import { fail, parseRunArgs, readScenarios } from './scenario-args.js';

/**
 * `pacer plan --scenarios FILE --scenario NAME --records N [--target-abandon A] [--replications R]
 * [--seed N] [--hours H] [--json]` (issue 7 point 7)
 *
 * How many agent-hours a list of N records needs on the scenario's floor, and the talk time per
 * agent-hour, by simulating the floor with Pacer's algorithm at the target
 * (src/simulation/plan-list.ts; each record is dialed once). Runs locally; no server needed.
 * A bad file, option or scenario name: a message on stderr, exit 2.
 */
const usage = `Usage: pacer plan --scenarios FILE --scenario NAME --records N [--target-abandon A]
                  [--replications R] [--seed N] [--hours H] [--json]
  --scenarios       a scenario file ("format": "pacer-scenario/1"), e.g. ../shared/bench/scenarios.json
  --scenario        the scenario of the file to plan on (may be left out when the file has one)
  --records         records in the list (each is dialed once: no retries)
  --target-abandon  the abandon target, as a share or a percentage: 0.03 or 3% (default: the scenario's)
  --replications    replications to simulate (default: the scenario's "replications")
  --seed            replication r runs on seed "N/r" (default 1)
  --hours           shift length in hours (default: the scenario's "hours")
  --json            the answer as one JSON object`;

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        scenarios: { type: 'string' },
        scenario: { type: 'string' },
        records: { type: 'string' },
        'target-abandon': { type: 'string' },
        replications: { type: 'string' },
        seed: { type: 'string', default: '1' },
        hours: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    return fail(`${(err as Error).message}\n${usage}`);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (!values.scenarios) return fail(`Name the scenario file with --scenarios FILE.\n${usage}`);
  if (values.records === undefined) return fail(`Say how many records the list has with --records N.\n${usage}`);
  const records = Number(values.records.replaceAll('_', ''));
  if (!(Number.isInteger(records) && records > 0)) return fail(`--records must be a whole number of at least 1, got "${values.records}".`);
  const target = values['target-abandon'] === undefined ? undefined : parseShare(values['target-abandon']);
  if (target === null) return fail(`--target-abandon must be a share between 0 and 1 or a percentage, e.g. 0.03 or 3%, got "${values['target-abandon']}".`);
  const run = parseRunArgs(values);
  if (typeof run === 'string') return fail(run);
  const { replications, hours } = run;

  try {
    const scenarios = readScenarios(values.scenarios);
    if (typeof scenarios === 'string') return fail(scenarios);
    const known = Object.keys(scenarios);
    const name = values.scenario ?? (known.length === 1 ? known[0]! : undefined);
    if (name === undefined) return fail(`Name the scenario with --scenario NAME: ${values.scenarios} has ${known.join(', ')}.`);
    if (!Object.hasOwn(scenarios, name)) return fail(`Unknown scenario "${name}": ${values.scenarios} has ${known.join(', ')}.`);
    const plan = planList(name, scenarios[name]!, { records, seed: values.seed, ...(target === undefined ? {} : { targetAbandon: target }), ...(replications ? { replications } : {}), ...(hours ? { hours } : {}) });
    process.stdout.write(values.json ? `${JSON.stringify(plan)}\n` : describe(plan));
    return 0;
  } catch (err) {
    if (err instanceof AppError) return fail(err.message);
    throw err;
  }
}

/** "0.03", "3%" → 0.03; null when it is neither a share nor a percentage. */
function parseShare(text: string): number | null {
  const percent = text.trim().endsWith('%');
  const x = Number(percent ? text.trim().slice(0, -1) : text);
  if (!Number.isFinite(x) || x < 0) return null;
  const share = percent ? x / 100 : x;
  return share <= 1 ? share : null;
}

function describe(p: ListPlan): string {
  const n = (x: number, digits = 0): string => x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;
  const rows: Array<[string, string]> = [
    ['agent-hours needed', n(p.agentHours, 1)],
    ['talk per agent-hour', `${n(p.talkMinutesPerAgentHour, 1)} min (${n(p.talkHours, 1)} h of conversation in all)`],
    ['dials per agent-hour', n(p.dialsPerAgentHour, 1)],
    ['contacts per agent-hour', `${n(p.connectsPerAgentHour, 2)} (${n(p.contacts)} in all)`],
    [`shifts of ${n(p.agents)} agents, ${n(p.shiftHours, 1)} h`, `${n(p.shifts, 2)} (${n(p.agentHoursPerShift, 1)} agent-hours logged in per shift)`],
    ['abandon rate, occupancy', `${pct(p.abandonRate)}, ${pct(p.occupancy)} (${p.replications} replications, seed ${p.seed})`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return [
    `${n(p.records)} records on scenario ${p.scenario}, ${p.algorithm} at a ${pct(p.targetAbandon)} abandon target:`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`),
    `Assumes ${p.assumption}.`,
    '',
  ].join('\n');
}

