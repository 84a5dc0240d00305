import { z } from 'zod';
import { type Distribution, distributionSchema } from '../../../engine/distributions.js';
import { AppError, validationFailed } from '../../../shared/errors.js';
import { jsonErrorPosition } from '../../../shared/json-error-position.js';
import type { SimulatedCarrierConfigInput } from './simulated-config.js';

/**
 * A pacing scenario in the benchmark format (shared/bench/scenarios.json, "pacer-scenario/1"),
 * split into what each part of a simulation needs: the simulated carrier's configuration, the
 * dialer's settings, and the simulated agents' behaviour (wrap-up time, how long an agent takes
 * to notice a machine the detector passed as human).
 */
const rate = z.number().min(0).max(1);
/** The file states the outcomes' probabilities: they must add up to 1 (within rounding). */
const SUM_TOLERANCE = 1e-6;

export const scenarioSchema = z
  .object({
    description: z.string().optional(),
    agents: z.number().int().positive(),
    hours: z.number().positive(),
    replications: z.number().int().positive().optional(),
    targetAbandon: rate,
    agentsSchedule: z.array(z.tuple([z.number().min(0), z.number().int().min(0)])).min(1).optional(),
    outcomes: z.object({ live: rate, machine: rate, fax: rate, busy: rate, noAnswer: rate, badNumber: rate, failed: rate }).partial().strict(),
    liveDrift: z.object({ from: rate, to: rate, intoOutcome: z.enum(['machine', 'fax', 'busy', 'noAnswer', 'badNumber', 'failed']) }).strict().optional(),
    answerDelay: distributionSchema.optional(),
    ring: distributionSchema.optional(),
    noAnswerTimeoutS: z.number().positive().optional(),
    busyDelayS: z.number().min(0).optional(),
    badNumberDelayS: z.number().min(0).optional(),
    talk: distributionSchema,
    wrap: distributionSchema,
    amd: z
      .object({
        enabled: z.boolean(),
        humanDecisionS: z.number().min(0).optional(),
        machineDecisionS: z.number().min(0).optional(),
        falseMachineRate: rate.optional(),
        falseHumanRate: rate.optional(),
        agentMarksMachineS: z.number().min(0).optional(),
      })
      .strict(),
    maxConnectWaitS: z.number().min(0),
  })
  .strict()
  .superRefine((s, ctx) => {
    const sum = Object.values(s.outcomes).reduce<number>((a, b) => a + (b ?? 0), 0);
    if (Math.abs(sum - 1) > SUM_TOLERANCE) ctx.addIssue({ code: 'custom', path: ['outcomes'], message: `the probabilities of the outcomes of a dial must add up to 1; these add up to ${Number(sum.toFixed(6))}` });
    s.agentsSchedule?.forEach(([hours], i) => {
      const before = i === 0 ? -1 : s.agentsSchedule![i - 1]![0];
      if (hours <= before) ctx.addIssue({ code: 'custom', path: ['agentsSchedule', i, 0], message: `the schedule's hours must increase: ${hours} comes after ${before}` });
    });
    if (!s.answerDelay && !s.ring) ctx.addIssue({ code: 'custom', path: [], message: 'the scenario needs "answerDelay" or "ring": how long a dial takes to be answered' });
  });

export type Scenario = z.infer<typeof scenarioSchema>;

export interface ScenarioParts {
  carrier: SimulatedCarrierConfigInput;
  /** `ringTimeoutSeconds` is what the carrier is told; `noAnswerTimeoutSeconds` the scenario's own, null when it has none (the exponential twins). */
  dialer: {
    ringTimeoutSeconds: number;
    noAnswerTimeoutSeconds: number | null;
    detectMachine: boolean;
    /** The detector's configured false-machine rate (share of live answers): the dialer budgets for abandons it cannot see. */
    amdFalseMachineRate: number;
    maxConnectWaitSeconds: number;
    targetAbandon: number;
  };
  agents: { count: number; schedule: Array<[hours: number, agents: number]>; wrap: Distribution; marksMachineAfterSeconds: number };
  hours: number;
  replications: number;
}

/** With no ring timeout in the scenario (the exponential twins), unanswered dials end by the `ring` distribution; this only caps them. */
const UNLIMITED_RING_SECONDS = 24 * 3600;

export function scenarioParts(input: unknown): ScenarioParts {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const issues = describeIssues(scenarioSchema, parsed.error.issues);
    throw validationFailed(`The scenario is not valid: ${issues.map((i) => `${i.path || '(the scenario)'}: ${i.message}`).join('; ')}`, issues);
  }
  const s = parsed.data;
  const answerDelay = (s.answerDelay ?? s.ring)!; // the schema asks for one of them
  // The exponential twins resolve every dial after the `ring` time, answered or not.
  const noAnswerAfter = s.ring && !s.noAnswerTimeoutS ? s.ring : null;
  return {
    carrier: {
      outcomes: s.outcomes,
      answerDelay,
      noAnswerAfter,
      ...(s.busyDelayS !== undefined ? { busyDelay: s.busyDelayS } : {}),
      ...(s.badNumberDelayS !== undefined ? { badNumberDelay: s.badNumberDelayS } : {}),
      talk: s.talk,
      amd: {
        ...(s.amd.humanDecisionS !== undefined ? { humanDecisionSeconds: s.amd.humanDecisionS } : {}),
        ...(s.amd.machineDecisionS !== undefined ? { machineDecisionSeconds: s.amd.machineDecisionS } : {}),
        falseMachineRate: s.amd.falseMachineRate ?? 0,
        falseHumanRate: s.amd.falseHumanRate ?? 0,
      },
      liveDrift: s.liveDrift ? { ...s.liveDrift, overHours: s.hours } : null,
    },
    dialer: {
      ringTimeoutSeconds: s.noAnswerTimeoutS ?? UNLIMITED_RING_SECONDS,
      noAnswerTimeoutSeconds: s.noAnswerTimeoutS ?? null,
      detectMachine: s.amd.enabled,
      amdFalseMachineRate: s.amd.enabled ? (s.amd.falseMachineRate ?? 0) : 0,
      maxConnectWaitSeconds: s.maxConnectWaitS,
      targetAbandon: s.targetAbandon,
    },
    agents: {
      count: s.agents,
      schedule: s.agentsSchedule ?? [[0, s.agents]],
      wrap: s.wrap,
      marksMachineAfterSeconds: s.amd.agentMarksMachineS ?? 0,
    },
    hours: s.hours,
    replications: s.replications ?? 1,
  };
}

/** A scenario file: `{"format": "pacer-scenario/1", "about": "…", "scenarios": {"S1": {…}, …}}`. */
export const scenarioFileSchema = z
  .object({
    format: z.literal('pacer-scenario/1'),
    about: z.string().optional(),
    scenarios: z.record(z.string().min(1), scenarioSchema).refine((r) => Object.keys(r).length > 0, 'the file names no scenario'),
  })
  .strict();

/**
 * Reads a scenario file's text (issue 7 point 1). Refuses text that is not JSON (with the line
 * and column), and anything not in the format — an unknown field, a missing or mistyped one —
 * naming the JSON path and what is expected there (AppError 'invalid_file').
 */
export function parseScenarioFile(text: string, source = 'the scenario file'): Record<string, Scenario> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark, as some editors write
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    const at = jsonErrorPosition(body);
    throw new AppError('invalid_file', `${source} is not JSON${at ? ` at line ${at.line}, column ${at.column}` : ''}: ${(err as Error).message}`, { source, ...at });
  }
  const parsed = scenarioFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = describeIssues(scenarioFileSchema, parsed.error.issues);
    throw new AppError('invalid_file', `${source} is not a valid scenario file (format "pacer-scenario/1"):\n${issues.map((i) => `  ${i.path || '(the top level)'}: ${i.message}`).join('\n')}`, issues);
  }
  return parsed.data.scenarios;
}

const DISTRIBUTION_FORMS = '{"dist": "fixed", "mean": S}, {"dist": "exponential", "mean": S}, {"dist": "lognormal", "mean": S, "cv": X} or {"dist": "lognormal", "median": S, "p90": S}';

/** Zod's issues as "path: what is wrong and what is expected" (an unknown field lists the known ones). */
export function describeIssues(schema: z.ZodType, issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const at = path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      out.push({ path: at, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}${known ? ` (expected ${known.map((k) => `"${k}"`).join(', ')})` : ''}` });
    } else if (issue.code === 'invalid_union') {
      // The only unions here are time distributions: report the branch whose "dist" matched, if one did.
      const matched = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_value' && i.path.length === 1 && i.path[0] === 'dist'));
      if (matched.length === 1) out.push(...describeIssues(schema, matched[0]!, path));
      else {
        const missing = issue.errors.every((branch) => branch.some((i) => i.path.length === 0 && i.message.endsWith('received undefined')));
        out.push({ path: at, message: `${missing ? 'missing; ' : ''}expected a time distribution: ${DISTRIBUTION_FORMS}` });
      }
    } else {
      out.push({ path: at, message: issue.message.replace(/^Invalid input: /, '') });
    }
  }
  return out;
}

/** The fields an object in `schema` at `path` accepts, or null when the path does not lead to one. */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] | null {
  let node: z.core.$ZodType | undefined = schema;
  const step = (n: z.core.$ZodType): z.core.$ZodType => {
    const def = n._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.innerType) return step(def.innerType); // optional, default, nullable…
    if (def.type === 'pipe' && def.in) return step(def.in);
    return n;
  };
  for (const key of path) {
    if (!node) return null;
    const n = step(node);
    const def = n._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; valueType?: z.core.$ZodType; element?: z.core.$ZodType; items?: z.core.$ZodType[] };
    if (def.type === 'object') node = def.shape?.[String(key)];
    else if (def.type === 'record') node = def.valueType;
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'tuple') node = def.items?.[Number(key)];
    else return null;
  }
  if (!node) return null;
  const def = step(node)._zod.def as { type: string; shape?: Record<string, unknown> };
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : null;
}
