import { ANYONE, STAFF } from '../access/actor.js';
import { sendCsv } from '../http/csv-reply.js';
import { errors, idParam } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { pageOf } from '../shared/pagination.js';
import { getCallback, updateCallback } from './access-callbacks.js';
import { changesBody, csvQuery, reassignBody, reassignResult, searchQuery } from './callback-schemas.js';
import { callbackView } from './callback-view.js';
import { callbacksCsv } from './export-callbacks-csv.js';
import { listMyCallbacksToday, myCallbacksToday } from './list-my-callbacks-today.js';
import { reassignCallbacks } from './reassign-callbacks.js';
import { searchCallbacks } from './search-callbacks.js';

const tags = ['callbacks'];

export function callbackRoutes(app: App, { storage: { db }, clock }: AppDeps): void {
  app.get('/callbacks', {
    config: { roles: ANYONE },
    schema: { tags, summary: 'Search callbacks (C2, C3): supervisors their granted campaigns, agents their own', querystring: searchQuery, response: { 200: pageOf(callbackView), ...errors } },
  }, (req) => searchCallbacks(db, clock, req.actor!, req.query));

  app.get('/callbacks.csv', {
    config: { roles: STAFF },
    schema: { tags, summary: 'The same search as CSV (C6): UTF-8 with BOM, or encoding=shift_jis', querystring: csvQuery, produces: ['text/csv'] },
  }, (req, reply) => sendCsv(reply, clock, 'callbacks', req.query.encoding, callbacksCsv(db, clock, req.actor!, req.query)));

  app.post('/callbacks/reassign', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Reassign many callbacks at once (C8), all or nothing', body: reassignBody, response: { 200: reassignResult, ...errors } },
  }, (req) => reassignCallbacks(db, clock, req.actor!, req.body));

  app.get('/callbacks/:id', {
    config: { roles: ANYONE },
    schema: { tags, summary: 'One callback', params: idParam, response: { 200: callbackView, ...errors } },
  }, (req) => getCallback(db, clock, req.actor!, req.params.id));

  app.patch('/callbacks/:id', {
    config: { roles: ANYONE },
    schema: { tags, summary: 'Edit a callback (supervisor with a grant on its campaign, C4)', params: idParam, body: changesBody, response: { 200: callbackView, ...errors } },
  }, (req) => updateCallback(db, clock, req.actor!, req.params.id, req.body));

  app.get('/agent/callbacks/today', {
    config: { roles: ANYONE },
    schema: { tags: ['agent'], summary: 'My callbacks for today in my time zone, and earlier ones still open (C5)', response: { 200: myCallbacksToday, ...errors } },
  }, (req) => listMyCallbacksToday(db, clock, req.actor!));
}
