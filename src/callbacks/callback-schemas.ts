import { z } from 'zod';
import { pageQuery } from '../shared/pagination.js';
import { timeZoneSchema as timeZone } from '../users/user-schemas.js';
import { ALERTS } from './callback-alert.js';

/** Request schemas of the callback routes (C2, C4, C5, C6, C8); the response is `callbackView`. */
const text = z.string().trim().min(1).max(200);
const id = z.coerce.number().int().positive();

/** "a,b" or a single value, each one of `values`. */
const oneOrMore = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values)).min(1));

export const SORTS = ['windowStart', 'windowEnd', 'createdAt', 'updatedAt', 'id', 'name', 'campaign', 'assignee'] as const;
export type CallbackSort = (typeof SORTS)[number];
export const STATUSES = ['pending', 'delivered', 'done', 'cancelled'] as const;

export const searchFilters = z.object({
  from: z.string().max(40).optional().describe('period start: 2026-03-02, 2026-03-02T09:30 (in timeZone) or an instant with offset; window start ≥ from'),
  to: z.string().max(40).optional().describe('period end: as from, and 2026-03-02T24:00 (or 2026-03-02) is the end of that day; window start < to'),
  timeZone: timeZone.optional().describe("zone of from/to (and of the CSV's times); default: mine"),
  alert: oneOrMore(ALERTS).optional().describe('overdue, due, approaching; several joined by commas'),
  status: oneOrMore(STATUSES).optional().describe('pending, delivered, done, cancelled; several joined by commas'),
  campaignId: id.optional(),
  batch: z.string().trim().min(1).max(40).optional(),
  listId: id.optional().describe('deleted lists match nothing'),
  dialGroup: text.optional().describe("the dial group's (queue's) name, exactly"),
  name: text.optional().describe('part of the contact name, any case'),
  phoneticName: text.optional().describe('part of the phonetic name (furigana); katakana and hiragana, full and half width, match each other; spaces ignored'),
  phone: text.optional().describe('digits of the callback number, in any format (03-1234-5678 finds +81312345678)'),
  assigneeId: z.union([z.literal('anyone'), id]).optional().describe('a user ID, or "anyone": callbacks for anyone in the queue'),
  notes: text.optional().describe('part of the notes'),
  sort: z.enum(SORTS).default('windowStart'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type SearchFilters = z.infer<typeof searchFilters>;

export const searchQuery = searchFilters.extend(pageQuery.shape);
export type SearchQuery = z.infer<typeof searchQuery>;

export const CSV_COLUMNS = [
  'id', 'windowStart', 'windowEnd', 'alert', 'campaign', 'batch', 'list', 'dialGroup', 'name', 'phoneticName', 'phone', 'assignee', 'notes', 'createdAt', 'updatedAt', 'updatedBy', 'status', 'timeZone',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const csvQuery = searchFilters.extend({
  encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8').describe('utf-8 (with BOM) or shift_jis'),
  columns: oneOrMore(CSV_COLUMNS).optional().describe(`the columns, in order; default all of ${CSV_COLUMNS.join(', ')}`),
});
export type CsvQuery = z.infer<typeof csvQuery>;

export const changesBody = z
  .object({
    windowStart: z.iso.datetime({ offset: true }),
    windowEnd: z.iso.datetime({ offset: true }),
    timeZone,
    assigneeId: z.number().int().positive().nullable().describe('null: anyone in the queue'),
    dialGroup: z.string().max(100).nullable().describe("one of the batch's dial groups (the campaign's queue); null: the campaign's queue"),
    notes: z.string().max(500, 'Notes may have at most 500 characters.'),
  })
  .partial()
  .strict();
export type CallbackChanges = z.infer<typeof changesBody>;

export const reassignBody = z
  .object({
    callbackIds: z.array(z.number().int().positive()).min(1).max(1000),
    assigneeId: z.number().int().positive().nullable().describe('an active member of each campaign\'s queue, or null: anyone in the queue'),
  })
  .strict();
export type ReassignRequest = z.infer<typeof reassignBody>;

export const reassignResult = z
  .object({ reassigned: z.number(), assigneeId: z.number().nullable(), callbackIds: z.array(z.number()) })
  .meta({ id: 'CallbackReassignment' });
