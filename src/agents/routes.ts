import type { FastifyRequest } from 'fastify';
import { ANYONE } from '../access/actor.js';
import type { DialerRuntime } from '../dialer/dialer-runtime.js';
import { errors } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import type { AgentCommandDeps } from './agent-commands.js';
import { agentView, campaignParam, completeBody, dialBody, markBody, myProgressView, notReadyBody, recordBody, rescheduleBody, snoozeBody, wrapUpBody } from './agent-schemas.js';
import { goNotReady, goReady } from './change-readiness.js';
import { hangUpCall, holdCall, markCall, resumeCall, wrapUpCall } from './control-call.js';
import { getMyProgress } from './get-my-progress.js';
import { getAgentState } from './get-agent-state.js';
import { Idempotency } from './idempotency.js';
import { joinCampaign, leaveCampaign } from './join-campaign.js';
import { takeCallback } from './take-callback.js';
import { acceptRecord, completeRecord, dialNumber, requeueRecord, rescheduleRecord, skipRecord, snoozeRecord } from './work-record.js';

/**
 * The agent desktop's commands (issue 4 point 11; D10, P1–P6, D5, D7–D9, C1), for the signed-in
 * user. Each route: a schema and one use case. A command the current state does not allow
 * answers 409 with the state machine's message; one sent again with the same
 * `Idempotency-Key` header answers as the first time without acting twice. The event channel
 * (agent-socket.ts) is registered with the other WebSocket routes (src/dialer/routes.ts).
 */
const tags = ['agent'];
const response = { 200: agentView, ...errors };
const key = (req: FastifyRequest): string | undefined => {
  const value = req.headers['idempotency-key'];
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;
};

export function agentRoutes(app: App, { storage: { db } }: AppDeps, runtime: DialerRuntime): void {
  const deps: AgentCommandDeps = { runtime, db };
  const once = new Idempotency(() => runtime.deps.ports.clock.now().getTime());
  const config = { roles: ANYONE };
  const command = <T>(req: FastifyRequest, run: () => Promise<T>): Promise<T> => once.run(req.actor!.userId, key(req), run);

  app.get('/agent/state', { config, schema: { tags, summary: 'My state, the record in hand (numbers with the recommended one marked, P5), its history (P2), my lines and messages', response } }, (req) =>
    getAgentState(deps, req.actor!));

  app.get('/agent/progress', { config, schema: { tags, summary: 'O11: my own records in each agent-owned campaign of my queues — owned, done, skipped, remaining, errors — and the next ones in the order they come', response: { 200: myProgressView } } }, (req) =>
    getMyProgress(db, req.actor!));

  app.post('/agent/campaigns/:id/join', { config, schema: { tags, summary: 'Join a running campaign of my queue (D10); I start not ready', params: campaignParam, response } }, (req) =>
    command(req, () => joinCampaign(deps, req.actor!, req.params.id)));

  app.post('/agent/campaigns/:id/leave', { config, schema: { tags, summary: 'Leave a campaign (D10); refused while holding one of its records', params: campaignParam, response } }, (req) =>
    command(req, () => leaveCampaign(deps, req.actor!, req.params.id)));

  app.post('/agent/leave', { config, schema: { tags, summary: 'Leave every campaign (log out of all skills)', response } }, (req) => command(req, () => leaveCampaign(deps, req.actor!)));

  app.post('/agent/ready', { config, schema: { tags, summary: 'Ready for work; while a record is in hand, cancels a pending not-ready (P2)', response } }, (req) => command(req, () => goReady(deps, req.actor!)));

  app.post('/agent/not-ready', { config, schema: { tags, summary: 'Not ready with a reason; with a record in hand, after it (P2: no further offers)', body: notReadyBody, response } }, (req) =>
    command(req, () => goNotReady(deps, req.actor!, req.body.reason)));

  app.post('/agent/callbacks/:id/take', { config, schema: { tags, summary: 'C5: call one of my open callbacks now (from My callbacks today): its record comes to me to preview, with its number', params: campaignParam, response } }, (req) =>
    command(req, () => takeCallback(deps, req.actor!, req.params.id)));

  app.post('/agent/accept', { config, schema: { tags, summary: 'Accept the offered record (P1)', body: recordBody, response } }, (req) =>
    command(req, () => acceptRecord(deps, req.actor!, req.body?.recordId)));

  app.post('/agent/skip', { config, schema: { tags, summary: 'Skip the record: it is offered again later, and counted (P4)', body: recordBody, response } }, (req) =>
    command(req, () => skipRecord(deps, req.actor!, req.body?.recordId)));

  app.post('/agent/complete', { config, schema: { tags, summary: 'Complete the record without (further) calling, with a disposition (P3)', body: completeBody, response } }, (req) =>
    command(req, () => completeRecord(deps, req.actor!, req.body ?? {}, req.body?.recordId)));

  app.post('/agent/requeue', { config, schema: { tags, summary: 'Back to the queue for anyone (P6)', body: recordBody, response } }, (req) =>
    command(req, () => requeueRecord(deps, req.actor!, req.body?.recordId)));

  app.post('/agent/snooze', { config, schema: { tags, summary: 'Back to my own queue for later (P6)', body: snoozeBody, response } }, (req) =>
    command(req, () => snoozeRecord(deps, req.actor!, req.body?.minutes, req.body?.recordId)));

  app.post('/agent/reschedule', { config, schema: { tags, summary: 'Reschedule as a callback: time, zone, number, assignee, notes (C1)', body: rescheduleBody, response } }, (req) =>
    command(req, () => rescheduleRecord(deps, req.actor!, req.body.callback, req.body.recordId)));

  app.post('/agent/dial', { config, schema: { tags, summary: 'Dial a number of the previewed record, after the dial-time check (P5; 409 with the reason when it may not be dialed now)', body: dialBody, response } }, (req) =>
    command(req, () => dialNumber(deps, req.actor!, req.body?.number, req.body?.recordId)));

  app.post('/agent/hold', { config, schema: { tags, summary: 'Hold the active call (D7)', response } }, (req) => command(req, () => holdCall(deps, req.actor!)));

  app.post('/agent/resume', { config, schema: { tags, summary: 'Resume the held call (D7)', response } }, (req) => command(req, () => resumeCall(deps, req.actor!)));

  app.post('/agent/hang-up', { config, schema: { tags, summary: 'Hang up (refused while held, D7); before an answer it cancels the dial', response } }, (req) => command(req, () => hangUpCall(deps, req.actor!)));

  app.post('/agent/mark', { config, schema: { tags, summary: 'Close the call as a machine, fax or bad number and move on (D5)', body: markBody, response } }, (req) =>
    command(req, () => markCall(deps, req.actor!, req.body.as)));

  app.post('/agent/wrap-up', { config, schema: { tags, summary: 'Wrap up with a code, notes, call-guide answers and, for a callback code, the callback (D8, D9, C1)', body: wrapUpBody, response } }, (req) =>
    command(req, () => wrapUpCall(deps, req.actor!, req.body, req.body.recordId)));
}
