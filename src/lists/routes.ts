import { Readable } from 'node:stream';
import { z } from 'zod';
import { STAFF } from '../access/actor.js';
import { errors, errorBody, idParam } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { AppError, errorStatus, type ErrorCode } from '../shared/errors.js';
import { pageOf, pageQuery } from '../shared/pagination.js';
import { startImport, type ImportSummary } from './import-contacts.js';
import { createListBody, importParams, importStarted, importSummary, importView, listView, previewQuery, previewView, rowError, uploadDescription, uploadQuery } from './list-schemas.js';
import { createList, deleteList, getList, listLists } from './manage-lists.js';
import { createNormaliserPool, normaliserThreads } from './normaliser-pool.js';
import { previewFile } from './preview-file.js';
import { readUpload } from './read-upload.js';
import { getImport, importErrorsCsv, listImportErrors, listImports } from './view-imports.js';

const fileErrors = { ...errors, 413: errorBody, 415: errorBody, 422: errorBody } as const;

/** L1, L2, O10: contact lists and their imports. Staff only (admins and supervisors); agents get 403. */
export function listRoutes(app: App, deps: AppDeps): void {
  const { storage, clock, config } = deps;
  const { db } = storage;
  const normaliser = createNormaliserPool(normaliserThreads(storage.engine));
  const running = new Map<number, { stop: AbortController; done: Promise<ImportSummary> }>();
  app.addHook('onClose', async () => {
    for (const r of running.values()) r.stop.abort();
    await Promise.allSettled([...running.values()].map((r) => r.done));
    await normaliser.close();
  });

  app.get('/lists', {
    config: { roles: STAFF },
    schema: { tags: ['lists'], summary: 'Contact lists, with record counts of committed imports', querystring: pageQuery.extend({ q: z.string().max(100).optional() }), response: { 200: pageOf(listView), ...errors } },
  }, (req) => listLists(db, { ...req.query, search: req.query.q }));

  app.post('/lists', {
    config: { roles: STAFF },
    schema: { tags: ['lists'], summary: 'Create a contact list', body: createListBody, response: { 201: listView, ...errors } },
  }, async (req, reply) => reply.status(201).send(await createList(db, clock, req.actor!, req.body)));

  app.get('/lists/:id', {
    config: { roles: STAFF },
    schema: { tags: ['lists'], summary: 'One contact list', params: idParam, response: { 200: listView, ...errors } },
  }, (req) => getList(db, req.params.id));

  app.delete('/lists/:id', {
    config: { roles: STAFF },
    schema: { tags: ['lists'], summary: 'Delete a list (soft); refused while a running or paused campaign uses it', params: idParam, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await deleteList(db, clock, req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/lists/:id/imports', {
    config: { roles: STAFF },
    schema: {
      tags: ['lists'],
      summary: 'Import (or append) a CSV file into the list; 202 at once with the import ID, or the summary with ?wait=true',
      description: uploadDescription,
      consumes: ['multipart/form-data'],
      params: idParam,
      querystring: uploadQuery,
      response: { 200: importSummary, 202: importStarted, ...fileErrors },
    },
  }, async (req, reply) => {
    const upload = await readUpload(req, config.limits.maxFileBytes);
    const stop = new AbortController();
    const { importId, done } = await startImport({ storage, clock, limits: config.limits, normaliser }, { ...upload, listId: req.params.id, actor: req.actor!, signal: stop.signal });
    running.set(importId, { stop, done });
    void done.finally(() => running.delete(importId));
    if (!req.query.wait) {
      return reply.status(202).send({ importId, listId: req.params.id, status: 'running' as const, progress: `/api/lists/${req.params.id}/imports/${importId}` });
    }
    const summary = await done;
    if (summary.status === 'failed' && summary.error) {
      const code: ErrorCode = summary.error.code in errorStatus ? (summary.error.code as ErrorCode) : 'internal';
      throw new AppError(code, summary.error.message, { ...(summary.error.details as object | null), importId });
    }
    return summary;
  });

  app.post('/lists/:id/imports/preview', {
    config: { roles: STAFF },
    schema: { tags: ['lists'], summary: "The first rows of a file and a guessed mapping (the mapping step); nothing is stored", description: uploadDescription, consumes: ['multipart/form-data'], params: idParam, querystring: previewQuery, response: { 200: previewView, ...fileErrors } },
  }, async (req) => {
    await getList(db, req.params.id);
    const upload = await readUpload(req, config.limits.maxFileBytes);
    return previewFile(upload.file, config.limits, { encoding: upload.encoding, rows: req.query.rows });
  });

  app.get('/lists/:id/imports', {
    config: { roles: STAFF },
    schema: { tags: ['lists'], summary: "The list's imports, newest first", params: idParam, querystring: pageQuery, response: { 200: pageOf(importView), ...errors } },
  }, (req) => listImports(db, req.params.id, req.query));

  app.get('/lists/:id/imports/:importId', {
    config: { roles: STAFF },
    schema: { tags: ['lists'], summary: 'Progress and outcome of one import', params: importParams, response: { 200: importView, ...errors } },
  }, (req) => getImport(db, req.params.id, req.params.importId));

  app.get('/lists/:id/imports/:importId/errors', {
    config: { roles: STAFF },
    schema: { tags: ['lists'], summary: 'Per-row errors of an import (row, column, value, reason)', params: importParams, querystring: pageQuery, response: { 200: pageOf(rowError), ...errors } },
  }, (req) => listImportErrors(db, req.params.id, req.params.importId, req.query));

  app.get('/lists/:id/imports/:importId/errors.csv', {
    config: { roles: STAFF },
    schema: { tags: ['lists'], summary: 'Per-row errors as CSV (UTF-8 with BOM, opens in Excel)', params: importParams, produces: ['text/csv'] },
  }, async (req, reply) => {
    const chunks = importErrorsCsv(db, req.params.id, req.params.importId);
    const first = await chunks.next(); // checks the list and import exist before the headers go out
    const body = Readable.from((async function* () {
      if (!first.done) yield first.value;
      yield* chunks;
    })());
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="list-${req.params.id}-import-${req.params.importId}-errors.csv"`)
      .send(body);
  });
}
