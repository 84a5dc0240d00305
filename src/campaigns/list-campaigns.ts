import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { grantedCampaignIds } from '../access/grants.js';
import type { Page } from '../shared/pagination.js';
import { pageQuery } from '../shared/pagination.js';
import type { CampaignStatus, Database, DialingMode } from '../storage/schema.js';
import { campaignStatuses, dialingModes } from './campaign-schemas.js';

/**
 * The campaign listing. Staff see every campaign with what the admin table needs; an agent
 * sees only the campaigns of their own queues, and only what they need to join one (D10).
 */
export const listCampaignsQuery = pageQuery
  .extend({
    status: z.enum(campaignStatuses).optional(),
    mode: z.enum(dialingModes).optional(),
    queueId: z.coerce.number().int().positive().optional(),
    search: z.string().trim().min(1).max(120).optional().describe('Part of the name, any case'),
  })
  .strict();
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuery>;

export const campaignSummary = z
  .object({
    id: z.number(),
    name: z.string(),
    mode: z.enum(dialingModes),
    status: z.enum(campaignStatuses),
    queueId: z.number(),
    queueName: z.string(),
    ownerColumn: z.string().nullable().optional().describe('Staff only'),
    listCount: z.number().optional().describe('Staff only'),
    canEdit: z.boolean().optional().describe('Staff only: whether you may change it'),
    createdAt: z.string().optional().describe('Staff only'),
    updatedAt: z.string().optional().describe('Staff only'),
  })
  .meta({ id: 'CampaignSummary' });
export type CampaignSummary = z.infer<typeof campaignSummary>;

export async function listCampaigns(db: Kysely<Database>, actor: Actor, q: ListCampaignsQuery): Promise<Page<CampaignSummary>> {
  let query = db.selectFrom('campaigns as c').innerJoin('queues as qu', 'qu.id', 'c.queue_id').where('c.deleted_at', 'is', null);
  if (q.status) query = query.where('c.status', '=', q.status);
  if (q.mode) query = query.where('c.mode', '=', q.mode);
  if (q.queueId) query = query.where('c.queue_id', '=', q.queueId);
  if (q.search) query = query.where((eb) => eb(eb.fn('strpos', [eb.fn('lower', ['c.name']), eb.val(q.search!.toLowerCase())]), '>', 0));
  if (actor.role === 'agent') {
    query = query.where('c.queue_id', 'in', db.selectFrom('queue_members').select('queue_id').where('user_id', '=', actor.userId));
  }
  const [rows, count, granted] = await Promise.all([
    query
      .select((eb) => [
        'c.id',
        'c.name',
        'c.mode',
        'c.status',
        'c.queue_id',
        'qu.name as queue_name',
        'c.owner_column',
        'c.created_at',
        'c.updated_at',
        eb.selectFrom('campaign_lists as cl').innerJoin('contact_lists as l', 'l.id', 'cl.list_id').whereRef('cl.campaign_id', '=', 'c.id').where('l.deleted_at', 'is', null).select((s) => s.fn.countAll<number>().as('n')).as('list_count'),
      ])
      .orderBy('c.name')
      .orderBy('c.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    grantedCampaignIds(db, actor),
  ]);
  const items = rows.map((r): CampaignSummary => {
    const base = { id: r.id, name: r.name, mode: r.mode as DialingMode, status: r.status as CampaignStatus, queueId: r.queue_id, queueName: r.queue_name };
    if (actor.role === 'agent') return base;
    return {
      ...base,
      ownerColumn: r.owner_column,
      listCount: Number(r.list_count ?? 0),
      canEdit: granted === undefined || granted.includes(r.id),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  });
  return { items, total: Number(count.n), limit: q.limit, offset: q.offset };
}
