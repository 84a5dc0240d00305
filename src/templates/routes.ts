import { z } from 'zod';
import { ADMIN, STAFF } from '../access/actor.js';
import { contactableTimesSchema, wrapUpCodeSchema } from '../campaigns/campaign-schemas.js';
import { campaignView } from '../campaigns/campaign-view.js';
import { errors, idParam } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { contactableTimeTemplates, deleteTemplate, getTemplate, listTemplates, saveTemplate, wrapUpCodeSets } from './setting-templates.js';

const name = z.string().trim().min(1).max(100);
const meta = { id: z.number(), name: z.string(), updatedAt: z.string(), updatedBy: z.string().nullable().describe('Display name of who saved it last') };

const codeSetBody = z.object({ name, codes: z.array(wrapUpCodeSchema).max(100).describe('As a campaign\'s wrapUpCodes: custom codes, and system codes relabelled or remapped') }).strict().meta({ id: 'WrapUpCodeSetSave' });
const codeSetView = z.object({ ...meta, codes: campaignView.shape.wrapUpCodes }).meta({ id: 'WrapUpCodeSet' });
const hoursBody = z.object({ name, contactableTimes: contactableTimesSchema }).strict().meta({ id: 'ContactableTimeTemplateSave' });
const hoursView = z.object({ ...meta, contactableTimes: campaignView.shape.contactableTimes }).meta({ id: 'ContactableTimeTemplate' });

/**
 * Wrap-up code sets and contactable-time templates (issue 6 point 7): administrators keep
 * them, supervisors and administrators read them to fill a campaign's fields (a copy).
 */
export function templateRoutes(app: App, { storage: { db }, clock }: AppDeps): void {
  const resources = [
    { path: '/wrap-up-code-sets', tag: 'wrap-up code sets', kind: wrapUpCodeSets, body: codeSetBody, view: codeSetView, what: 'wrap-up code set (D8)' },
    { path: '/contactable-time-templates', tag: 'contactable-time templates', kind: contactableTimeTemplates, body: hoursBody, view: hoursView, what: 'contactable-time template (L5)' },
  ] as const;
  for (const r of resources) {
    // Each resource's body and view are checked by its schemas; the use cases are shared.
    const kind = r.kind as typeof wrapUpCodeSets;
    app.get(r.path, {
      config: { roles: STAFF },
      schema: { tags: [r.tag], summary: `Every ${r.what}, by name`, response: { 200: z.array(r.view), ...errors } },
    }, () => listTemplates(db, kind));

    app.post(r.path, {
      config: { roles: ADMIN },
      schema: { tags: [r.tag], summary: `Create a ${r.what}`, body: r.body, response: { 201: r.view, ...errors } },
    }, async (req, reply) => reply.status(201).send(await saveTemplate(db, clock, req.actor!, kind, req.body as never)));

    app.get(`${r.path}/:id`, {
      config: { roles: STAFF },
      schema: { tags: [r.tag], summary: `One ${r.what}`, params: idParam, response: { 200: r.view, ...errors } },
    }, (req) => getTemplate(db, kind, req.params.id));

    app.put(`${r.path}/:id`, {
      config: { roles: ADMIN },
      schema: { tags: [r.tag], summary: `Replace a ${r.what}; campaigns that copied it keep their copy`, params: idParam, body: r.body, response: { 200: r.view, ...errors } },
    }, (req) => saveTemplate(db, clock, req.actor!, kind, req.body as never, req.params.id));

    app.delete(`${r.path}/:id`, {
      config: { roles: ADMIN },
      schema: { tags: [r.tag], summary: `Delete a ${r.what}; campaigns that copied it keep their copy`, params: idParam, response: { 204: z.null(), ...errors } },
    }, async (req, reply) => {
      await deleteTemplate(db, kind, req.params.id);
      return reply.status(204).send(null);
    });
  }
}
