import { sql, type Kysely } from 'kysely';
import type { CampaignDefinition } from '../campaigns/campaign-definition.js';
import type { Database } from '../storage/schema.js';
import { sortKeySql } from './sort-key.js';

/**
 * Brings a campaign's per-record dial state (`campaign_records`) up to date with its lists:
 *
 * - A new batch (the first start, or a recycle — L7, O8) starts from the top: the campaign's
 *   rows are dropped and every committed import of the attached lists is seeded again. Owners
 *   are resolved again then, so owner changes (O9) and agents added to the queue (O4) take
 *   effect at the recycle and not before.
 * - Within a batch, imports committed later (an append while running, L2, O10) are seeded as
 *   they appear. A record an append replaced in place keeps its row; if it was set aside (an
 *   unknown or out-of-queue owner, O3, or a bad number) it is resolved again from the new data,
 *   which is how a corrected file fixes owners without a recycle (O10).
 *
 * Seeding is one INSERT … SELECT per import, so it costs one pass over the new records. The
 * sort key (L3) and the contact zone are computed here, once, so that picking the next records
 * later reads an index and never the list.
 */
export interface SeedTarget {
  campaignId: number;
  batch: number;
  definition: CampaignDefinition;
  listIds: readonly number[];
}

export const OWNER_PROBLEMS = ['unknown_owner', 'owner_disabled', 'not_in_queue'] as const;

/** Starts `batch` if it is new (dropping the previous batch's rows). True when it was new. */
export async function ensureBatch(db: Kysely<Database>, campaignId: number, batch: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('campaign_batches')
      .values({ campaign_id: campaignId, batch, started_at: now })
      .onConflict((oc) => oc.columns(['campaign_id', 'batch']).doNothing())
      .returning('batch')
      .executeTakeFirst();
    if (!inserted) return false;
    await trx.deleteFrom('campaign_records').where('campaign_id', '=', campaignId).execute();
    await trx.deleteFrom('campaign_seeded_imports').where('campaign_id', '=', campaignId).execute();
    await trx.deleteFrom('campaign_zones').where('campaign_id', '=', campaignId).execute();
    return true;
  });
}

/** Committed imports of the attached lists that this batch has not seeded yet, oldest first. */
export async function unseededImports(db: Kysely<Database>, campaignId: number, listIds: readonly number[]): Promise<Array<{ id: number; mapping: Record<string, unknown> }>> {
  if (listIds.length === 0) return [];
  return db
    .selectFrom('list_imports as i')
    .innerJoin('contact_lists as l', 'l.id', 'i.list_id')
    .select(['i.id', 'i.mapping'])
    .where('i.list_id', 'in', [...listIds])
    .where('i.status', '=', 'committed')
    .where('l.deleted_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('campaign_seeded_imports as s').select('s.import_id').whereRef('s.import_id', '=', 'i.id').where('s.campaign_id', '=', campaignId))),
    )
    .orderBy('i.id')
    .execute();
}

/** Seeds one committed import into the batch; returns how many rows were written. */
export async function seedImport(db: Kysely<Database>, target: SeedTarget, imp: { id: number; mapping: Record<string, unknown> }, now: Date): Promise<number> {
  const { campaignId, batch, definition } = target;
  const sample = await db.selectFrom('contact_records').select('custom').where('import_id', '=', imp.id).limit(1).executeTakeFirst();
  const customKeys = sample ? Object.keys(sample.custom) : [];
  const sortKey = sortKeySql(definition.sortOrder, { mapping: imp.mapping, customKeys });
  const owned = definition.mode === 'agent_owned_preview';
  const queueId = definition.queueId;

  return db.transaction().execute(async (trx) => {
    const result = await sql<{ n: number }>`
      WITH src AS (
        SELECT r.id, r.list_id,
               coalesce(r.time_zone, '') || '|' || coalesce(upper(r.region), '') AS zone_key,
               ${sortKey} AS sort_key,
               (${owned} AND coalesce(btrim(r.owner_ref), '') <> '') AS has_owner,
               CASE WHEN ${owned} AND coalesce(btrim(r.owner_ref), '') <> '' THEN coalesce(
                 (SELECT u.id FROM users u WHERE lower(u.email) = lower(r.owner_ref)),
                 (SELECT u.id FROM users u WHERE lower(u.user_code) = lower(r.owner_ref))) END AS owner_user
          FROM contact_records r
         WHERE r.import_id = ${imp.id}
      ), classified AS (
        SELECT src.*,
               CASE WHEN NOT src.has_owner THEN NULL
                    WHEN src.owner_user IS NULL THEN 'unknown_owner'
                    WHEN u.disabled THEN 'owner_disabled'
                    WHEN NOT EXISTS (SELECT 1 FROM queue_members qm WHERE qm.queue_id = ${queueId} AND qm.user_id = src.owner_user) THEN 'not_in_queue'
               END AS problem
          FROM src LEFT JOIN users u ON u.id = src.owner_user
      ), written AS (
        INSERT INTO campaign_records AS cr
               (campaign_id, record_id, list_id, batch, status, reason, owner_id, zone_key, sort_key, result_counts, dead_numbers, updated_at)
        SELECT ${campaignId}, c.id, c.list_id, ${batch},
               CASE WHEN c.problem IS NULL THEN 'pending' ELSE 'set_aside' END,
               c.problem, coalesce(c.owner_user, 0), c.zone_key, c.sort_key, '{}', '[]', ${now}
          FROM classified c
        ON CONFLICT (campaign_id, record_id) DO UPDATE SET
               zone_key = excluded.zone_key,
               sort_key = excluded.sort_key,
               list_id = excluded.list_id,
               status = CASE WHEN cr.status = 'set_aside' THEN excluded.status ELSE cr.status END,
               reason = CASE WHEN cr.status = 'set_aside' THEN excluded.reason ELSE cr.reason END,
               owner_id = CASE WHEN cr.status = 'set_aside' THEN excluded.owner_id ELSE cr.owner_id END,
               dead_numbers = CASE WHEN cr.status = 'set_aside' THEN '[]'::jsonb ELSE cr.dead_numbers END,
               next_attempt_at = CASE WHEN cr.status = 'set_aside' THEN NULL ELSE cr.next_attempt_at END,
               updated_at = excluded.updated_at
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM written
    `.execute(trx);
    await sql`
      INSERT INTO campaign_zones (campaign_id, zone_key)
      SELECT DISTINCT ${campaignId}::int, coalesce(r.time_zone, '') || '|' || coalesce(upper(r.region), '')
        FROM contact_records r WHERE r.import_id = ${imp.id}
      ON CONFLICT DO NOTHING
    `.execute(trx);
    await trx.insertInto('campaign_seeded_imports').values({ campaign_id: campaignId, import_id: imp.id, batch, seeded_at: now }).execute();
    return Number(result.rows[0]?.n ?? 0);
  });
}

/** Seeds every import the batch does not have yet. Returns the number of rows written. */
export async function seedCampaignRecords(db: Kysely<Database>, target: SeedTarget, now: Date): Promise<number> {
  let written = 0;
  for (const imp of await unseededImports(db, target.campaignId, target.listIds)) {
    written += await seedImport(db, target, { id: imp.id, mapping: imp.mapping }, now);
  }
  return written;
}

export async function campaignZones(db: Kysely<Database>, campaignId: number): Promise<string[]> {
  const rows = await db.selectFrom('campaign_zones').select('zone_key').where('campaign_id', '=', campaignId).orderBy('zone_key').execute();
  return rows.map((r) => r.zone_key);
}
