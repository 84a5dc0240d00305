import { z } from 'zod';

/** The dashboard's response schema (R1, O11, X2): it validates what goes out and documents the OpenAPI. */
const rate = z.object({ abandoned: z.number(), liveAnswers: z.number(), ratePercent: z.number().nullable() });

const agent = z.object({
  userId: z.number(),
  name: z.string(),
  state: z.string().describe('ready, not_ready, reserved.offered, reserved.previewing, on_call.dialing|ringing|amd|active|held, wrap_up'),
  reason: z.string().nullable().describe('the not-ready reason'),
  since: z.string(),
  secondsInState: z.number(),
});

const campaign = z
  .object({
    id: z.number(),
    name: z.string(),
    mode: z.string(),
    status: z.string(),
    pacedHere: z.boolean().describe('this node holds the lease and paces the campaign: calls, agents, dial ratio and pacing are known (else null)'),
    pacedBy: z.string().nullable().describe('the node that holds the lease and dials the campaign (this one when pacedHere); null while no node does: a running campaign\'s engine starts when its first agent joins'),
    dialing: z.boolean(),
    progress: z
      .object({
        total: z.number(),
        done: z.number(),
        remaining: z.number().describe('pending: fresh, or due again later (retries, skips, snoozes)'),
        setAside: z.number(),
        inProgress: z.number().describe('claimed by the dialer: buffered, offered, in a call or in wrap-up'),
        callbacksPending: z.number(),
        penetrationPercent: z.number().nullable().describe('(done + set aside) / total'),
      })
      .describe('L8 list penetration of the current batch; the parts add up to total'),
    abandonRate: z.object({
      us: rate.describe('rolling 30 days'),
      uk: rate.describe('rolling 24 hours'),
      target: z.object({ percent: z.number(), window: z.enum(['us', 'uk']) }).nullable(),
      source: z.enum(['engine', 'database']),
    }),
    calls: z.object({ dialing: z.number(), ringing: z.number(), amd: z.number(), waiting: z.number(), active: z.number(), held: z.number(), total: z.number() }).nullable(),
    dialRatio: z
      .object({ callsInFlight: z.number(), agentsReady: z.number(), agentsJoined: z.number(), callsPerReadyAgent: z.number().nullable(), callsPerAgent: z.number().nullable() })
      .nullable(),
    agentsByState: z.record(z.string(), z.number()).nullable(),
    agents: z.array(agent).nullable(),
    owners: z
      .array(z.object({ userId: z.number(), name: z.string(), owned: z.number(), done: z.number(), skipped: z.number(), remaining: z.number(), errors: z.number() }))
      .nullable()
      .describe('O11, agent-owned preview: owned = done + skipped + remaining + errors (set aside)'),
    pacing: z
      .object({
        at: z.string(),
        policy: z.string(),
        callsToPlace: z.number(),
        placed: z.number(),
        predictedFreeAgents: z.number(),
        agentsReady: z.number(),
        agentsFreeingSoon: z.number(),
        callsInFlight: z.number(),
        callsWaiting: z.number(),
        answerRate: z.number(),
        sampleSize: z.number(),
        abandonRatePercent: z.number().nullable(),
        abandonTargetPercent: z.number(),
        abandonBudgetLeftPercent: z.number(),
        window: z.enum(['us', 'uk']),
        why: z.string(),
      })
      .nullable()
      .describe('X2, predictive: the last pacing decision, its inputs and why'),
  })
  .meta({ id: 'CampaignDashboard' });

export const dashboardView = z.object({ asOf: z.string(), node: z.string().nullable(), campaigns: z.array(campaign) }).meta({ id: 'Dashboard' });

export const dashboardQuery = z
  .object({
    campaignIds: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'Comma-separated campaign IDs, e.g. 3,7.')
      .optional()
      .describe('Only these campaigns (each must be one you may watch); all of yours when left out'),
  })
  .strict();

export const idsOf = (q: { campaignIds?: string | undefined }): number[] | null => (q.campaignIds ? [...new Set(q.campaignIds.split(',').map(Number))] : null);
