import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { notFound } from '../shared/errors.js';
import type { Campaign, Database } from '../storage/schema.js';
import { definitionFromRow, type CampaignDefinition } from './campaign-definition.js';
import {
  amdSettingsSchema,
  callGuideSchema,
  campaignStatuses,
  dialingModes,
  recordOrderings,
  retryRuleSchema,
  systemResults,
  weekdays,
  wrapUpOutcomes,
} from './campaign-schemas.js';
import { allowedActions } from './lifecycle.js';

/** O7: what can never change after creation; the UI shows these fields read-only. */
export const LOCKED_FIELDS = ['mode', 'queueId', 'ownerColumn'] as const;

const window = z.object({ start: z.string(), end: z.string() });
const actionEnum = z.enum(['start', 'pause', 'stop', 'recycle', 'complete']);

export const campaignView = z
  .object({
    id: z.number(),
    name: z.string(),
    mode: z.enum(dialingModes),
    queueId: z.number(),
    queueName: z.string(),
    ownerColumn: z.string().nullable(),
    status: z.enum(campaignStatuses),
    lists: z.array(z.object({ id: z.number(), name: z.string(), position: z.number() })),
    dncLists: z.array(z.object({ id: z.number(), name: z.string() })),
    callerId: z.string().nullable(),
    regulatoryProfile: z.enum(['us', 'uk', 'none']),
    linesPerAgent: z.number().nullable(),
    abandonTarget: z.number().nullable(),
    abandonWindow: z.enum(['us', 'uk']).nullable(),
    contactableTimes: z.object({
      weekly: z.object(Object.fromEntries(weekdays.map((d) => [d, z.array(window)])) as Record<(typeof weekdays)[number], z.ZodArray<typeof window>>),
      holidays: z.array(z.object({ date: z.string(), country: z.string().optional(), name: z.string().optional() })),
      defaultTimeZone: z.string(),
    }),
    retryRules: z.object({
      results: z.object(Object.fromEntries(systemResults.map((r) => [r, retryRuleSchema])) as Record<(typeof systemResults)[number], typeof retryRuleSchema>),
      maxAttemptsPerRecord: z.number(),
      maxAttemptsPerNumberPerDay: z.number(),
    }),
    wrapUpCodes: z.array(
      z.object({ code: z.string(), label: z.string(), outcome: z.enum(wrapUpOutcomes), retryAfterMinutes: z.number().nullable(), shortcut: z.string().nullable(), system: z.boolean() }),
    ),
    previewCompleteCode: z.string().nullable(),
    callGuide: callGuideSchema.nullable(),
    screenPopFields: z.array(z.string()),
    sortOrder: z.array(z.object({ column: z.string(), direction: z.enum(['asc', 'desc']), compareAs: z.enum(['text', 'number', 'date']) })),
    ordering: z.enum(recordOrderings).describe('D4: sort or answer_likelihood'),
    preview: z.object({ autoAccept: z.boolean(), reviewTimeoutSeconds: z.number().nullable(), skipAllowed: z.boolean(), maxSkipsPerRecord: z.number().nullable() }).nullable(),
    wrapUpTimeoutSeconds: z.number().nullable(),
    abandonMessage: z.string().nullable(),
    amd: amdSettingsSchema.extend({ message: z.string().nullable() }).nullable(),
    lockedFields: z.array(z.enum(LOCKED_FIELDS)).describe('O7: fields that can never change; create a new campaign instead'),
    allowedActions: z.array(actionEnum).describe('Lifecycle actions possible from the current status'),
    canEdit: z.boolean().describe('Whether you may change this campaign (admin, or supervisor with a grant)'),
    statusChangedAt: z.string().nullable(),
    firstStartedAt: z.string().nullable(),
    recycleCount: z.number(),
    lastRecycledAt: z.string().nullable(),
    createdBy: z.number().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Campaign' });
export type CampaignView = z.infer<typeof campaignView>;

/** The campaign row with the definition, lists and rights of the actor, as the API shows it. */
export async function loadCampaignView(db: Kysely<Database>, actor: Actor, id: number): Promise<CampaignView> {
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('Campaign', id);
  const [queue, lists, dncLists, grant] = await Promise.all([
    db.selectFrom('queues').select('name').where('id', '=', row.queue_id).executeTakeFirst(),
    db
      .selectFrom('campaign_lists as cl')
      .innerJoin('contact_lists as l', 'l.id', 'cl.list_id')
      .select(['l.id', 'l.name', 'cl.position'])
      .where('cl.campaign_id', '=', id)
      .where('l.deleted_at', 'is', null)
      .orderBy('cl.position')
      .orderBy('l.id')
      .execute(),
    db
      .selectFrom('campaign_dnc_lists as cd')
      .innerJoin('dnc_lists as d', 'd.id', 'cd.dnc_list_id')
      .select(['d.id', 'd.name'])
      .where('cd.campaign_id', '=', id)
      .orderBy('d.id')
      .execute(),
    actor.role === 'supervisor'
      ? db.selectFrom('campaign_grants').select('user_id').where('campaign_id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  return toCampaignView(row, definitionFromRow(row), {
    queueName: queue?.name ?? '',
    lists,
    dncLists,
    canEdit: actor.role === 'admin' || (actor.role === 'supervisor' && grant !== undefined),
  });
}

export function toCampaignView(
  row: Campaign,
  d: CampaignDefinition,
  extra: { queueName: string; lists: CampaignView['lists']; dncLists: CampaignView['dncLists']; canEdit: boolean },
): CampaignView {
  return {
    id: row.id,
    ...d,
    queueName: extra.queueName,
    status: row.status,
    lists: extra.lists,
    dncLists: extra.dncLists,
    lockedFields: [...LOCKED_FIELDS],
    allowedActions: allowedActions(row.status),
    canEdit: extra.canEdit,
    statusChangedAt: row.status_changed_at?.toISOString() ?? null,
    firstStartedAt: row.first_started_at?.toISOString() ?? null,
    recycleCount: row.recycle_count,
    lastRecycledAt: row.last_recycled_at?.toISOString() ?? null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
