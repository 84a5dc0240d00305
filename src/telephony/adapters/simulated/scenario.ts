import { z } from 'zod';
import { type Distribution, distributionSchema } from '../../../engine/distributions.js';
import { validationFailed } from '../../../shared/errors.js';
import type { SimulatedCarrierConfigInput } from './simulated-config.js';

/**
 * A pacing scenario in the benchmark format (shared/bench/scenarios.json, "pacer-scenario/1"),
 * split into what each part of a simulation needs: the simulated carrier's configuration, the
 * dialer's settings, and the simulated agents' behaviour (wrap-up time, how long an agent takes
 * to notice a machine the detector passed as human).
 */
const rate = z.number().min(0).max(1);

export const scenarioSchema = z.object({
  description: z.string().optional(),
  agents: z.number().int().positive(),
  hours: z.number().positive(),
  replications: z.number().int().positive().optional(),
  targetAbandon: rate,
  agentsSchedule: z.array(z.tuple([z.number().min(0), z.number().int().min(0)])).optional(),
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
});
export type Scenario = z.infer<typeof scenarioSchema>;

export interface ScenarioParts {
  carrier: SimulatedCarrierConfigInput;
  dialer: { ringTimeoutSeconds: number; detectMachine: boolean; maxConnectWaitSeconds: number; targetAbandon: number };
  agents: { count: number; schedule: Array<[hours: number, agents: number]>; wrap: Distribution; marksMachineAfterSeconds: number };
  hours: number;
  replications: number;
}

/** With no ring timeout in the scenario (the exponential twins), unanswered dials end by the `ring` distribution; this only caps them. */
const UNLIMITED_RING_SECONDS = 24 * 3600;

export function scenarioParts(input: unknown): ScenarioParts {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw validationFailed(`The scenario is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const s = parsed.data;
  const answerDelay = s.answerDelay ?? s.ring;
  if (!answerDelay) throw validationFailed('The scenario needs "answerDelay" or "ring": how long a dial takes to be answered.');
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
      detectMachine: s.amd.enabled,
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
