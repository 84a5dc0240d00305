import { z } from 'zod';
import { STAFF } from '../access/actor.js';
import { errors, idParam } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { pageOf } from '../shared/pagination.js';
import { attachDncList, attachList, detachDncList, detachList } from './attach-lists.js';
import { createCampaignBody, dialingModes, updateCampaignBody } from './campaign-schemas.js';
import { campaignView, loadCampaignView } from './campaign-view.js';
import { changeCampaignStatus, type SupervisorAction } from './change-campaign-status.js';
import { createCampaign } from './create-campaign.js';
import { deleteCampaign } from './delete-campaign.js';
import { campaignDefaults } from './get-campaign-defaults.js';
import { getListColumns, listColumnsQuery, listColumnsView } from './get-list-columns.js';
import { getOwnerErrors, ownerErrorsQuery, ownerErrorsView } from './get-owner-errors.js';
import { campaignSummary, listCampaigns, listCampaignsQuery } from './list-campaigns.js';
import { updateCampaign } from './update-campaign.js';

const listParams = z.object({ id: z.coerce.number().int().positive(), listId: z.coerce.number().int().positive() });
const dncParams = z.object({ id: z.coerce.number().int().positive(), dncListId: z.coerce.number().int().positive() });
const errorsWith422 = { ...errors, 422: errors[409] };

const actions: Record<SupervisorAction, string> = {
  start: 'Start dialing (draft, paused or stopped → running); 409 lists what is missing (L8)',
  pause: 'Pause (running → paused); agents finish their current calls (L8)',
  stop: 'Stop (running or paused → stopped) (L8)',
  recycle: 'Recycle: restart the lists from the top, keeping the status; complete → stopped (L7, O8)',
};

/** Campaign administration (L3, L5, L6, L8, O1–O3, O6, O7, D8, D9). Each route: a schema and one use case. */
export function campaignRoutes(app: App, { storage: { db }, clock }: AppDeps): void {
  app.get('/campaigns', {
    schema: { tags: ['campaigns'], summary: 'Campaigns (agents: only those of their queues, minimal fields)', querystring: listCampaignsQuery, response: { 200: pageOf(campaignSummary), ...errors } },
  }, (req) => listCampaigns(db, req.actor!, req.query));

  app.post('/campaigns', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'Create a campaign in draft; a supervisor creator is granted it', body: createCampaignBody, response: { 201: campaignView, ...errorsWith422 } },
  }, async (req, reply) => reply.status(201).send(await createCampaign(db, clock, req.actor!, req.body)));

  app.get('/campaigns/defaults', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'The settings a new campaign of a mode starts with (system wrap-up codes, retry rules, hours)', querystring: z.object({ mode: z.enum(dialingModes) }).strict(), response: { 200: campaignView.partial(), ...errors } },
  }, (req) => campaignDefaults(db, req.actor!, req.query.mode));

  app.get('/campaigns/list-columns', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'The columns of these lists a campaign can sort by, show on screen pop or take owners from (L3, P2, O1)', querystring: listColumnsQuery, response: { 200: listColumnsView, ...errors } },
  }, (req) => getListColumns(db, req.query.listIds));

  app.get('/campaigns/:id', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'One campaign with its lists, locked fields and allowed actions', params: idParam, response: { 200: campaignView, ...errors } },
  }, (req) => loadCampaignView(db, req.actor!, req.params.id));

  app.patch('/campaigns/:id', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'Change settings; mode, queueId and ownerColumn are locked (409 immutable_field, O7)', params: idParam, body: updateCampaignBody, response: { 200: campaignView, ...errors } },
  }, (req) => updateCampaign(db, clock, req.actor!, req.params.id, req.body));

  app.delete('/campaigns/:id', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'Delete a campaign that is not running (soft: reports keep it)', params: idParam, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await deleteCampaign(db, clock, req.actor!, req.params.id);
    return reply.status(204).send(null);
  });

  for (const [action, summary] of Object.entries(actions) as Array<[SupervisorAction, string]>) {
    app.post(`/campaigns/:id/${action}`, {
      config: { roles: STAFF },
      schema: { tags: ['campaigns'], summary, params: idParam, response: { 200: campaignView, ...errorsWith422 } },
    }, (req) => changeCampaignStatus(db, clock, req.actor!, req.params.id, action));
  }

  app.put('/campaigns/:id/lists/:listId', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'Attach a contact list (agent-owned: checks the owner column and the 200-owner limit)', params: listParams, response: { 200: campaignView, ...errorsWith422 } },
  }, (req) => attachList(db, req.actor!, req.params.id, req.params.listId));

  app.delete('/campaigns/:id/lists/:listId', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'Detach a contact list (a running campaign keeps at least one)', params: listParams, response: { 200: campaignView, ...errors } },
  }, (req) => detachList(db, req.actor!, req.params.id, req.params.listId));

  app.put('/campaigns/:id/dnc-lists/:dncListId', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'Check numbers against a do-not-call list (L4)', params: dncParams, response: { 200: campaignView, ...errors } },
  }, (req) => attachDncList(db, req.actor!, req.params.id, req.params.dncListId));

  app.delete('/campaigns/:id/dnc-lists/:dncListId', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'Stop checking a do-not-call list', params: dncParams, response: { 200: campaignView, ...errors } },
  }, (req) => detachDncList(db, req.actor!, req.params.id, req.params.dncListId));

  app.get('/campaigns/:id/owner-errors', {
    config: { roles: STAFF },
    schema: { tags: ['campaigns'], summary: 'Agent-owned error monitor: undeliverable records by reason, and records per owner (O3)', params: idParam, querystring: ownerErrorsQuery, response: { 200: ownerErrorsView, ...errors } },
  }, (req) => getOwnerErrors(db, req.params.id, req.query));
}
