import { z } from 'zod';
import { mappingSchema } from './mapping.js';

/** Request and response schemas of the list routes: they validate, type and document (OpenAPI). */
export const listView = z
  .object({
    id: z.number(),
    name: z.string(),
    defaultRegion: z.string(),
    defaultTimeZone: z.string().nullable(),
    recordCount: z.number().describe('Records of committed imports'),
    importCount: z.number(),
    runningImports: z.number(),
    lastImport: z.object({ id: z.number(), status: z.enum(['running', 'committed', 'failed']), startedAt: z.string(), finishedAt: z.string().nullable() }).nullable().describe('The newest import'),
    campaigns: z.array(z.object({ id: z.number(), name: z.string(), status: z.string() })).describe('Campaigns using the list; appending is allowed while they run (L2)'),
    createdAt: z.string(),
  })
  .meta({ id: 'ContactList' });

export const createListBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    defaultRegion: z.string().trim().length(2).default('US').describe('ISO 3166 alpha-2; numbers without a country code are read in this region'),
    defaultTimeZone: z.string().trim().min(1).max(64).nullable().optional().describe('IANA zone used when no column, postal code or number gives one'),
  })
  .strict();

export const rowError = z.object({ row: z.number(), column: z.string().nullable(), value: z.string().nullable(), reason: z.string() }).meta({ id: 'ImportRowError' });

const failure = z.object({ code: z.string(), message: z.string(), details: z.unknown() });

export const importView = z
  .object({
    id: z.number(),
    listId: z.number(),
    status: z.enum(['running', 'committed', 'failed']),
    fileName: z.string().nullable(),
    encoding: z.string().nullable(),
    bytesTotal: z.number().nullable(),
    bytesRead: z.number(),
    rowsRead: z.number(),
    imported: z.number(),
    rejected: z.number(),
    duplicates: z.number(),
    replaced: z.number().describe('Records already in the list that rows of this import replaced (same primary number)'),
    errorCount: z.number(),
    error: failure.nullable(),
    startedBy: z.string().nullable().describe('Display name of who uploaded the file'),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ListImport' });

export const importSummary = z
  .object({
    importId: z.number(),
    listId: z.number(),
    status: z.enum(['committed', 'failed']),
    encoding: z.string(),
    rowsRead: z.number(),
    imported: z.number(),
    rejected: z.number(),
    duplicates: z.number(),
    replaced: z.number(),
    errorCount: z.number(),
    error: failure.nullable(),
  })
  .meta({ id: 'ImportSummary' });

export const importStarted = z.object({ importId: z.number(), listId: z.number(), status: z.literal('running'), progress: z.string() });

export const uploadQuery = z.object({
  wait: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe('true: answer when the import is done, with its summary'),
});

export const previewQuery = z.object({ rows: z.coerce.number().int().min(1).max(100).default(20) });

export const previewView = z.object({
  encoding: z.string(),
  delimiter: z.string(),
  header: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  mapping: mappingSchema.nullable(),
  roles: z.record(z.string(), z.string()),
});

export const importParams = z.object({ id: z.coerce.number().int().positive(), importId: z.coerce.number().int().positive() });

export const uploadDescription =
  'multipart/form-data: fields `mapping` (JSON, see ListMapping; omitted = guessed from the header), `encoding` (utf-8, shift_jis, windows-1250; omitted = detected), `region` (default region for numbers), `size` (file bytes, for progress), then the `file` part.';
