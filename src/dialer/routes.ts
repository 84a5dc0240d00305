import { z } from 'zod';
import { agentSocket } from '../agents/agent-socket.js';
import { agentRoutes } from '../agents/routes.js';
import { dashboardRoutes } from '../dashboard/routes.js';
import { registerSockets } from '../http/sockets.js';
import { errors, idParam } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { STAFF } from '../access/actor.js';
import { ABANDON_DEFINITION, getAbandonRate } from './abandon-rate.js';
import { getDialStatus } from './get-dial-status.js';

/**
 * The dialer's routes (issue 4 points 5 and 11): the agent commands and event channel
 * (src/agents/routes.ts), the supervisors' dashboard and its channel (src/dashboard/routes.ts)
 * and "why is this record not being dialed?" (J6). Registered only when
 * the composition root gives the app a dialer runtime.
 */
const dialStatus = z
  .object({
    recordId: z.number(),
    campaignId: z.number(),
    campaignStatus: z.string(),
    recordStatus: z.string().describe('not_queued, pending, in_progress, callback, done or set_aside'),
    dialableNow: z.boolean(),
    reason: z.string().nullable().describe('outside_contactable_hours, do_not_call, callback_pending, number_daily_limit, record_attempt_limit, retry_wait, uk_abandoned_recently, …'),
    message: z.string(),
    nextAllowedAt: z.string().nullable(),
    attempts: z.number(),
    maxAttemptsPerRecord: z.number(),
    skips: z.number(),
    pendingCallback: z.object({ id: z.number(), windowStart: z.string(), timeZone: z.string(), assignee: z.string().nullable() }).nullable(),
    numbers: z.array(z.object({ number: z.string(), type: z.string(), allowed: z.boolean(), reason: z.string().nullable(), message: z.string().nullable(), nextAllowedAt: z.string().nullable() })),
  })
  .meta({ id: 'DialStatus' });

const windowRate = z.object({
  window: z.enum(['us', 'uk']),
  from: z.string(),
  to: z.string(),
  abandoned: z.number().describe('live answers abandoned (D6) in the window'),
  liveAnswers: z.number().describe('calls a person answered in the window: connected or abandoned'),
  ratePercent: z.number().nullable().describe('abandoned / liveAnswers × 100; null when nobody answered'),
});
const abandonRate = z
  .object({
    campaignId: z.number(),
    asOf: z.string(),
    definition: z.string(),
    us: windowRate.describe('rolling 30 days (FCC)'),
    uk: windowRate.describe('rolling 24 hours (Ofcom)'),
    target: z.object({ percent: z.number(), window: z.enum(['us', 'uk']) }).nullable().describe("the predictive campaign's abandonTarget and the window it is judged over"),
  })
  .meta({ id: 'AbandonRate' });

export function dialerRoutes(app: App, deps: AppDeps): void {
  app.get('/campaigns/:id/abandon-rate', {
    config: { roles: STAFF },
    schema: {
      tags: ['campaigns'],
      summary: `The campaign's abandon rate over a rolling 30 days (us) and 24 hours (uk), with numerator and denominator (D6). ${ABANDON_DEFINITION}`,
      params: idParam,
      response: { 200: abandonRate, ...errors },
    },
  }, (req) => getAbandonRate(deps.storage.db, req.params.id, deps.clock.now()));
  const dashboard = dashboardRoutes(app, deps);
  const runtime = deps.dialer;
  if (!runtime) return;
  const { storage: { db }, dnc, clock } = deps;
  app.get('/records/:id/dial-status', {
    schema: {
      tags: ['records'],
      summary: 'Why is this record (not) being dialed in this campaign? The dial-time decision per number, the reason and the next allowed time (J6, L4–L6, C7). Agents: only their own records.',
      params: idParam,
      querystring: z.object({ campaignId: z.coerce.number().int().positive() }).strict(),
      response: { 200: dialStatus, ...errors },
    },
  }, (req) => getDialStatus({ db, dnc, clock }, req.actor!, req.params.id, req.query.campaignId));
  agentRoutes(app, deps, runtime);
  registerSockets(app, [agentSocket(runtime), ...(dashboard.socket ? [dashboard.socket] : [])]);
}
