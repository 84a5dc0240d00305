import { z } from 'zod';
import { errors, idParam } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { getRecord } from './get-record.js';

const recordView = z
  .object({
    id: z.number(),
    listId: z.number(),
    rowNumber: z.number(),
    name: z.string().nullable(),
    phoneticName: z.string().nullable(),
    timeZone: z.string().nullable(),
    timeZoneSource: z.string().nullable(),
    postalCode: z.string().nullable(),
    region: z.string().nullable(),
    owner: z.string().nullable(),
    phones: z.array(z.object({ number: z.string(), type: z.string(), column: z.string() })),
    custom: z.record(z.string(), z.string()),
  })
  .meta({ id: 'ContactRecord' });

export function recordRoutes(app: App, { storage: { db } }: AppDeps): void {
  app.get('/records/:id', {
    schema: { tags: ['records'], summary: 'One contact record (agents: only their own)', params: idParam, response: { 200: recordView, ...errors } },
  }, (req) => getRecord(db, req.actor!, req.params.id));
}
