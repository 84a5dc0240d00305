import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../storage/schema.js';
import { listShapes } from './list-columns.js';

export const listColumnsQuery = z
  .object({
    listIds: z
      .string()
      .regex(/^\d+(,\d+){0,49}$/, 'Give up to 50 list IDs separated by commas, e.g. 3,7.')
      .transform((s) => [...new Set(s.split(',').map(Number))]),
  })
  .strict();

export const listColumnsView = z
  .array(
    z.object({
      listId: z.number(),
      name: z.string(),
      hasRecords: z.boolean().describe('Committed imports exist; an empty list tells nothing about columns'),
      ownerColumns: z.array(z.string()).describe('O1: the columns its imports took owners from'),
      columns: z.array(z.string()).describe('Every column known: mapped ones and custom ones, sorted'),
    }),
  )
  .meta({ id: 'ListColumns' });

/**
 * The columns a campaign can use from these lists — for the sort order (L3), the screen pop (P2)
 * and the owner column (O1) in the creation form: the same columns the server checks those
 * settings against. Deleted and unknown lists are left out.
 */
export async function getListColumns(db: Kysely<Database>, listIds: readonly number[]): Promise<z.infer<typeof listColumnsView>> {
  const live = await db.selectFrom('contact_lists').select('id').where('id', 'in', [...listIds]).where('deleted_at', 'is', null).execute();
  const shapes = await listShapes(db, live.map((l) => l.id));
  return shapes.map((s) => ({
    listId: s.listId,
    name: s.name,
    hasRecords: s.hasRecords,
    ownerColumns: s.ownerColumns,
    columns: [...s.columns].sort((a, b) => a.localeCompare(b)),
  }));
}
