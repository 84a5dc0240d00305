import { z } from 'zod';
import { distributionSchema } from '../../../engine/distributions.js';
import { validationFailed } from '../../../shared/errors.js';

/**
 * Configuration of the simulated carrier (T1). Times are in seconds, as in the benchmark
 * scenarios (shared/bench/scenarios.json; scenario.ts translates one). Every field but the
 * outcome rates, answer delay and talk time has a default.
 */
export const simOutcomes = ['live', 'machine', 'fax', 'busy', 'noAnswer', 'badNumber', 'failed'] as const;
export type SimOutcome = (typeof simOutcomes)[number];

const seconds = z.number().min(0);
const delaySchema = z.union([seconds, distributionSchema]).describe('Seconds, fixed or as a distribution');

export const scriptedCallSchema = z
  .object({
    outcome: z.enum(simOutcomes),
    answerAfterSeconds: seconds.optional().describe('live, machine, fax: answer this long after dialing'),
    delaySeconds: seconds.optional().describe('busy, badNumber, failed, noAnswer: end this long after dialing'),
    talkSeconds: seconds.optional().describe('live: hang up this long after being bridged to an agent'),
  })
  .strict();
export type ScriptedCall = z.infer<typeof scriptedCallSchema>;

export const simulatedCarrierConfigSchema = z
  .object({
    outcomes: z
      .object(Object.fromEntries(simOutcomes.map((o) => [o, z.number().min(0)])) as Record<SimOutcome, z.ZodNumber>)
      .partial()
      .strict()
      .refine((o) => Object.values(o).some((w) => (w ?? 0) > 0), 'Give at least one outcome a positive rate, e.g. {"live": 0.2, "noAnswer": 0.8}.')
      .describe('Relative rates of each outcome of a dial; they need not sum to 1'),
    answerDelay: distributionSchema.describe('Dial to answer, for live, machine and fax outcomes'),
    ringingAfterSeconds: seconds.default(1).describe('Dial to the ringing event'),
    noAnswerAfter: distributionSchema.nullable().default(null).describe('When set, an unanswered dial ends this long after dialing (if before the ring timeout)'),
    busyDelay: delaySchema.default(3),
    badNumberDelay: delaySchema.default(2),
    failedDelay: delaySchema.default(1),
    talk: distributionSchema.describe('A live contact hangs up this long after being bridged to an agent'),
    patience: distributionSchema.nullable().default(null).describe('A live contact left waiting for an agent hangs up after this; null = waits'),
    machineRecordSeconds: seconds.default(60).describe('An answering machine hangs up this long after answering'),
    faxSeconds: seconds.default(30).describe('A fax machine hangs up this long after answering'),
    messageSeconds: seconds.default(8).describe('How long a played message lasts'),
    amd: z
      .object({
        humanDecisionSeconds: seconds.default(1.5),
        humanAfterGreetingSeconds: seconds
          .default(0)
          .describe("How long before a human decision the person's greeting ended (the law's 2 s to reach an agent run from there, D6); 0: reported as at the decision"),
        machineDecisionSeconds: seconds.default(3),
        faxDecisionSeconds: seconds.default(2),
        falseMachineRate: z.number().min(0).max(1).default(0).describe('Share of live answers classified machine'),
        falseHumanRate: z.number().min(0).max(1).default(0).describe('Share of machines classified human'),
        unknownRate: z.number().min(0).max(1).default(0).describe('Share of live and machine answers left undecided'),
      })
      .strict()
      .prefault({}),
    liveDrift: z
      .object({ from: z.number().min(0), to: z.number().min(0), intoOutcome: z.enum(simOutcomes), overHours: z.number().positive() })
      .strict()
      .nullable()
      .default(null)
      .describe('The live rate moves linearly from `from` to `to` over `overHours` after the carrier starts; the difference goes to `intoOutcome`'),
    script: z.record(z.string(), scriptedCallSchema).default({}).describe('Fixed fates for given numbers (tests, demos)'),
    unreachableAgents: z.array(z.number().int().positive()).default([]).describe("Agents whose phone line does not take a bridged call (`bridge_failed`): a phone that is off, unplugged or refusing"),
  })
  .strict();

export type SimulatedCarrierConfigInput = z.input<typeof simulatedCarrierConfigSchema>;
export type SimulatedCarrierConfig = z.output<typeof simulatedCarrierConfigSchema>;

export function parseSimulatedCarrierConfig(input: SimulatedCarrierConfigInput): SimulatedCarrierConfig {
  const parsed = simulatedCarrierConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw validationFailed(`The simulated carrier's configuration is not valid: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, issues);
}

/** The server's simulated carrier (T1) unless PACER_SIMULATED_CARRIER changes it: a plausible outbound floor. */
export const serverCarrierConfig: SimulatedCarrierConfigInput = {
  outcomes: { live: 0.3, machine: 0.15, fax: 0.02, busy: 0.1, noAnswer: 0.35, badNumber: 0.05, failed: 0.03 },
  answerDelay: { dist: 'lognormal', median: 8, p90: 20 },
  talk: { dist: 'lognormal', median: 60, p90: 240 },
  patience: { dist: 'lognormal', median: 6, p90: 20 },
  amd: { falseMachineRate: 0.02, falseHumanRate: 0.1 },
};
