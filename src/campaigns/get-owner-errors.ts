import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, notFound } from '../shared/errors.js';
import { pageQuery } from '../shared/pagination.js';
import type { Database } from '../storage/schema.js';
import { countOwnerErrors, countOwningAgents, listOwnerErrorRecords, listOwners, MAX_OWNERS, ownerProblems } from './campaign-owners.js';
import { attachedListIds } from './campaign-references.js';

/**
 * The agent-owned error monitor (O3): records whose owner is unknown (no user with that email
 * or user ID), disabled, or not a member of the campaign's queue are never delivered; this
 * lists them by reason with counts, and every owner with how many records they own.
 */
export const ownerErrorsQuery = pageQuery.extend({ problem: z.enum(ownerProblems as [string, ...string[]]).optional().describe('Only records with this problem') }).strict();
export type OwnerErrorsQuery = z.infer<typeof ownerErrorsQuery>;

const problemEnum = z.enum(['unknown_owner', 'owner_disabled', 'not_in_queue']);
const OWNER_LIMIT = 1000;

export const ownerErrorsView = z
  .object({
    campaignId: z.number(),
    ownerColumn: z.string(),
    queueId: z.number(),
    maxOwners: z.number().describe('O2: at most this many agents may own records'),
    owningAgents: z.number().describe('Distinct users owning records'),
    counts: z.object({
      ownedRecords: z.number(),
      unownedRecords: z.number().describe('No owner: delivered to anyone in the queue (O5)'),
      deliverableRecords: z.number(),
      errorRecords: z.number(),
      byProblem: z.object({ unknown_owner: z.number(), owner_disabled: z.number(), not_in_queue: z.number() }),
    }),
    owners: z.object({
      items: z.array(z.object({ ownerRef: z.string(), records: z.number(), userId: z.number().nullable(), displayName: z.string().nullable(), problem: problemEnum.nullable() })),
      total: z.number(),
      truncated: z.boolean().describe(`Only the first ${OWNER_LIMIT} owners are listed`),
    }),
    records: z.object({
      items: z.array(z.object({ recordId: z.number(), listId: z.number(), rowNumber: z.number(), name: z.string().nullable(), ownerRef: z.string(), problem: problemEnum })),
      total: z.number(),
      limit: z.number(),
      offset: z.number(),
    }),
  })
  .meta({ id: 'OwnerErrors' });
export type OwnerErrorsView = z.infer<typeof ownerErrorsView>;

export async function getOwnerErrors(db: Kysely<Database>, id: number, q: OwnerErrorsQuery): Promise<OwnerErrorsView> {
  const row = await db.selectFrom('campaigns').select(['id', 'mode', 'queue_id', 'owner_column']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('Campaign', id);
  if (row.mode !== 'agent_owned_preview' || row.owner_column === null) {
    throw new AppError('conflict', `Campaign ${id} is a ${row.mode} campaign; the owner error monitor is for agent_owned_preview campaigns only.`, { mode: row.mode });
  }
  const listIds = await attachedListIds(db, id);
  const [counts, owners, owningAgents, records] = await Promise.all([
    countOwnerErrors(db, listIds, row.queue_id),
    listOwners(db, listIds, row.queue_id, OWNER_LIMIT),
    countOwningAgents(db, listIds, row.queue_id),
    listOwnerErrorRecords(db, listIds, row.queue_id, { problem: q.problem as (typeof ownerProblems)[number] | undefined, limit: q.limit, offset: q.offset }),
  ]);
  const errorRecords = Object.values(counts.byProblem).reduce((a, b) => a + b, 0);
  return {
    campaignId: id,
    ownerColumn: row.owner_column,
    queueId: row.queue_id,
    maxOwners: MAX_OWNERS,
    owningAgents,
    counts: { ...counts, errorRecords },
    owners: { items: owners.owners, total: owners.total, truncated: owners.total > owners.owners.length },
    records: { ...records, limit: q.limit, offset: q.offset },
  };
}
