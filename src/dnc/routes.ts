import { z } from 'zod';
import { STAFF } from '../access/actor.js';
import { errors, idParam } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { AppError } from '../shared/errors.js';
import { pageOf, pageQuery } from '../shared/pagination.js';
import { checkDncNumber } from './check-dnc-number.js';
import type { DncDeps } from './dnc-views.js';
import { importDncNumbers } from './import-dnc-numbers.js';
import { createDncList, deleteDncList, getDncList, listDncLists, updateDncList } from './manage-dnc-lists.js';
import { addDncNumber, listDncNumbers, removeDncNumber } from './manage-dnc-numbers.js';

/** L4 do-not-call lists. Admins and supervisors only: agents get 403 on every route here. */
const region = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'a two-letter ISO 3166 country code such as US or JP');
const source = z.enum(['internal', 'imported']);
const listView = z
  .object({ id: z.number(), name: z.string(), source, numberCount: z.number(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'DncList' });
const numberView = z
  .object({ number: z.string(), addedAt: z.string(), addedBy: z.number().nullable(), addedByName: z.string().nullable(), reason: z.string().nullable() })
  .meta({ id: 'DncNumber' });
const listBody = z.object({ name: z.string().trim().min(1).max(100), source: source.optional() }).strict();
const listPatch = z
  .object({ name: z.string().trim().min(1).max(100).optional(), source: source.optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.source !== undefined, 'give name or source');
const numberBody = z
  .object({
    number: z.string().min(1).max(64).describe('E.164 (+81312345678) or national with region'),
    region: region.optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
const numberParams = z.object({ id: z.coerce.number().int().positive(), number: z.string().min(1).max(64) });
const listIds = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'comma-separated list IDs such as 1,4')
  .transform((s) => s.split(',').map(Number));
const checkQuery = z.object({ number: z.string().min(1).max(64), region: region.optional(), listIds: listIds.optional() });
const checkView = z
  .object({ number: z.string(), blocked: z.boolean(), lists: z.array(z.object({ id: z.number(), name: z.string() })) })
  .meta({ id: 'DncCheck' });
const importQuery = z.object({
  column: z.string().trim().min(1).max(200).optional().describe('header name of the number column; default: the first column'),
  header: z.enum(['auto', 'yes', 'no']).default('auto'),
  region: region.optional().describe('default region for numbers without +country code'),
  encoding: z.string().trim().min(1).max(40).default('utf-8'),
  strict: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('refuse the whole file if any row is invalid'),
});
const importView = z
  .object({
    listId: z.number(),
    rowsRead: z.number(),
    imported: z.number(),
    duplicates: z.number(),
    rejected: z.number(),
    errors: z.array(z.object({ row: z.number(), line: z.number(), column: z.string(), value: z.string(), reason: z.string() })),
    errorsTruncated: z.boolean(),
  })
  .meta({ id: 'DncImport' });
const failures = { ...errors, 413: errors[400], 415: errors[400], 422: errors[400] };

export function dncRoutes(app: App, { storage: { db }, clock, dnc, config }: AppDeps): void {
  const deps: DncDeps = { db, clock, dnc };
  const tags = ['dnc'];

  app.get('/dnc/lists', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Do-not-call lists', response: { 200: z.array(listView), ...errors } },
  }, () => listDncLists(deps));

  app.post('/dnc/lists', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Create a do-not-call list (at most 32)', body: listBody, response: { 201: listView, ...failures } },
  }, async (req, reply) => reply.status(201).send(await createDncList(deps, req.body)));

  app.get('/dnc/lists/:id', {
    config: { roles: STAFF },
    schema: { tags, summary: 'One do-not-call list', params: idParam, response: { 200: listView, ...errors } },
  }, (req) => getDncList(deps, req.params.id));

  app.patch('/dnc/lists/:id', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Rename a list or change its source', params: idParam, body: listPatch, response: { 200: listView, ...errors } },
  }, (req) => updateDncList(deps, req.params.id, req.body));

  app.delete('/dnc/lists/:id', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Delete a list and its numbers (not while a live campaign uses it)', params: idParam, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await deleteDncList(deps, req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/dnc/lists/:id/numbers', {
    config: { roles: STAFF },
    schema: {
      tags,
      summary: "A list's numbers; q finds numbers starting with the given digits",
      params: idParam,
      querystring: pageQuery.extend({ q: z.string().max(32).optional() }),
      response: { 200: pageOf(numberView), ...errors },
    },
  }, (req) => listDncNumbers(deps, req.params.id, req.query));

  app.post('/dnc/lists/:id/numbers', {
    config: { roles: STAFF },
    schema: {
      tags,
      summary: 'Add a number (201 when added, 200 when it was already on the list)',
      params: idParam,
      body: numberBody,
      response: { 200: z.object({ number: z.string(), added: z.boolean(), listId: z.number() }), 201: z.object({ number: z.string(), added: z.boolean(), listId: z.number() }), ...errors },
    },
  }, async (req, reply) => {
    const out = await addDncNumber(deps, req.params.id, req.body, req.actor!);
    return reply.status(out.added ? 201 : 200).send(out);
  });

  app.delete('/dnc/lists/:id/numbers/:number', {
    config: { roles: STAFF },
    schema: {
      tags,
      summary: 'Remove a number (E.164, with or without +; or national with ?region=)',
      params: numberParams,
      querystring: z.object({ region: region.optional() }),
      response: { 204: z.null(), ...errors },
    },
  }, async (req, reply) => {
    await removeDncNumber(deps, req.params.id, { number: req.params.number, region: req.query.region });
    return reply.status(204).send(null);
  });

  app.post('/dnc/lists/:id/import', {
    config: { roles: STAFF },
    schema: {
      tags,
      summary: 'Import numbers from a CSV file (multipart field "file"); all or nothing',
      consumes: ['multipart/form-data'],
      params: idParam,
      querystring: importQuery,
      response: { 200: importView, ...failures },
    },
  }, async (req) => {
    if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file".');
    const upload = await req.file();
    if (!upload) throw new AppError('validation_failed', 'The upload has no file; send the CSV in a multipart field named "file".');
    return importDncNumbers(deps, req.params.id, upload.file, { ...req.query, fileName: upload.filename, maxBytes: config.limits.maxFileBytes }, req.actor!);
  });

  app.get('/dnc/check', {
    config: { roles: STAFF },
    schema: {
      tags,
      summary: 'Is a number blocked, and by which lists (all lists, or only listIds)',
      querystring: checkQuery,
      response: { 200: checkView, ...errors },
    },
  }, (req) => checkDncNumber(deps, req.query));
}
