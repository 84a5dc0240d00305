import { createAlgorithm } from '../pacing/algorithms.js';
import { validationFailed } from '../shared/errors.js';
import { type Scenario, scenarioParts } from '../telephony/adapters/simulated/scenario.js';
import { simulateFloor } from './floor-simulation.js';
import type { ReplicationMetrics } from './replication-metrics.js';

/**
 * How much agent time a contact list needs (issue 7 point 7, `pacer plan`): the scenario's floor
 * is simulated with Pacer's algorithm (`pacer`) at the given abandon target, and the list's size
 * is divided by what one agent-hour gets through.
 *
 * Assumption: **each record is dialed once** — one dial uses up one record, whatever its outcome.
 * No-answer, busy and machine results are not retried (retry rules are campaign settings the
 * simulator does not model), so a list with retries needs proportionally more dials. Hence:
 * - `dialsPerAgentHour` = dials / logged-in agent-hours over all replications (so records per agent-hour);
 * - `agentHours` = records / dialsPerAgentHour;
 * - `talkMinutesPerAgentHour`, `connectsPerAgentHour`, `abandonRate`, `occupancy`: the replications' pooled figures;
 * - `agentHoursPerShift`: the logged-in agent-hours of one simulated shift (the scenario's agents
 *   and schedule), and `shifts` = agentHours / agentHoursPerShift: how many such shifts the list lasts.
 * Replication r runs on seed "<seed>/r", as `pacer simulate`'s.
 */
export interface PlanOptions {
  records: number;
  /** The abandon target as a share (0.03 = 3 %); default the scenario's. */
  targetAbandon?: number;
  seed: string;
  /** Default: the scenario's `replications`. */
  replications?: number;
  /** Default: the scenario's `hours`. */
  hours?: number;
  /** The algorithm simulated; default `pacer`. */
  algorithm?: string;
}

export interface ListPlan {
  scenario: string;
  algorithm: string;
  records: number;
  targetAbandon: number;
  agentHours: number;
  dialsPerAgentHour: number;
  talkMinutesPerAgentHour: number;
  talkHours: number;
  connectsPerAgentHour: number;
  contacts: number;
  abandonRate: number;
  occupancy: number;
  agents: number;
  shiftHours: number;
  agentHoursPerShift: number;
  shifts: number;
  replications: number;
  seed: string;
  assumption: string;
}

export const ONE_DIAL_PER_RECORD = 'each record is dialed once (one dial per record; no retries of no-answer, busy or machine)';

export function planList(name: string, scenario: Scenario, options: PlanOptions): ListPlan {
  if (!(Number.isInteger(options.records) && options.records > 0)) throw validationFailed(`The number of records must be a whole number of at least 1, got ${options.records}.`, { records: options.records });
  const target = options.targetAbandon ?? scenario.targetAbandon;
  if (!(target >= 0 && target <= 1)) throw validationFailed(`The abandon target must be a share between 0 and 1 (0.03 = 3 %), got ${target}.`, { targetAbandon: target });
  const parts = scenarioParts({ ...scenario, targetAbandon: target });
  const algorithm = options.algorithm ?? 'pacer';
  const replications = options.replications ?? parts.replications;
  const hours = options.hours ?? parts.hours;
  const runs: ReplicationMetrics[] = [];
  for (let r = 0; r < replications; r++) runs.push(simulateFloor(parts, createAlgorithm(algorithm), { seed: `${options.seed}/${r}`, hours }));

  const total = (f: (m: ReplicationMetrics) => number): number => runs.reduce((a, m) => a + f(m), 0);
  const agentHoursSimulated = total((m) => m.agentHours);
  const dials = total((m) => m.dials);
  if (dials === 0 || agentHoursSimulated === 0) throw validationFailed(`Scenario ${name} placed no dials in ${hours} h: nothing to plan from.`, { scenario: name });
  const dialsPerAgentHour = dials / agentHoursSimulated;
  const talkMinutesPerAgentHour = total((m) => m.talkMinutesPerAgentHour * m.agentHours) / agentHoursSimulated;
  const connectsPerAgentHour = total((m) => m.connects) / agentHoursSimulated;
  const live = total((m) => m.liveAnswers);
  const agentHours = options.records / dialsPerAgentHour;
  const agentHoursPerShift = agentHoursSimulated / runs.length;
  return {
    scenario: name,
    algorithm,
    records: options.records,
    targetAbandon: target,
    agentHours: round(agentHours, 2),
    dialsPerAgentHour: round(dialsPerAgentHour, 3),
    talkMinutesPerAgentHour: round(talkMinutesPerAgentHour, 2),
    talkHours: round((agentHours * talkMinutesPerAgentHour) / 60, 2),
    connectsPerAgentHour: round(connectsPerAgentHour, 3),
    contacts: Math.round(agentHours * connectsPerAgentHour),
    abandonRate: round(live === 0 ? 0 : total((m) => m.abandoned) / live, 6),
    occupancy: round(total((m) => m.occupancy * m.agentHours) / agentHoursSimulated, 6),
    agents: parts.agents.count,
    shiftHours: hours,
    agentHoursPerShift: round(agentHoursPerShift, 3),
    shifts: round(agentHours / agentHoursPerShift, 2),
    replications,
    seed: options.seed,
    assumption: ONE_DIAL_PER_RECORD,
  };
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
