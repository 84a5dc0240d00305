import { z } from 'zod';
import { errors, idParam } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { pageOf, pageQuery } from '../shared/pagination.js';
import { isTimeZone } from '../users/user-schemas.js';
import { getCallback, listCallbacks, updateCallback } from './access-callbacks.js';
import { callbackView } from './callback-view.js';

const changesBody = z
  .object({
    windowStart: z.iso.datetime({ offset: true }),
    windowEnd: z.iso.datetime({ offset: true }),
    timeZone: z.string().refine(isTimeZone, 'Not an IANA time zone.'),
    assigneeId: z.number().int().positive().nullable(),
    dialGroup: z.string().max(100).nullable(),
    notes: z.string().max(500, 'Notes may have at most 500 characters.'),
  })
  .partial()
  .strict();

export function callbackRoutes(app: App, { storage: { db }, clock }: AppDeps): void {
  app.get('/callbacks', {
    schema: { tags: ['callbacks'], summary: 'Callbacks visible to me', querystring: pageQuery, response: { 200: pageOf(callbackView), ...errors } },
  }, (req) => listCallbacks(db, req.actor!, req.query));

  app.get('/callbacks/:id', {
    schema: { tags: ['callbacks'], summary: 'One callback', params: idParam, response: { 200: callbackView, ...errors } },
  }, (req) => getCallback(db, req.actor!, req.params.id));

  app.patch('/callbacks/:id', {
    schema: { tags: ['callbacks'], summary: 'Edit a callback (supervisor with a grant on its campaign, C4)', params: idParam, body: changesBody, response: { 200: callbackView, ...errors } },
  }, (req) => updateCallback(db, clock, req.actor!, req.params.id, req.body));
}
