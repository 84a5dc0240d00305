import { sql, type Kysely } from 'kysely';
import type { CampaignStatus, Database } from '../storage/schema.js';

/**
 * Issue 4 point 14: a campaign is paced by exactly one engine process at a time — the one
 * holding its lease. A node takes a lease that is free or expired, renews it well before it
 * expires, and stops dialing the moment a renewal finds another holder. Times come from the
 * engine's Clock (nodes are expected to keep their clocks in step, as NTP does; the TTL is far
 * longer than any such skew).
 */
export interface Lease {
  campaignId: number;
  holder: string;
  expiresAt: Date;
}

/** Takes the lease if it is free, expired or already ours; returns the holder after the attempt. */
export async function acquireLease(db: Kysely<Database>, campaignId: number, nodeId: string, now: Date, ttlMs: number): Promise<Lease> {
  const expires = new Date(now.getTime() + ttlMs);
  const { rows } = await sql<{ holder: string; expires_at: Date }>`
    INSERT INTO campaign_leases AS l (campaign_id, holder, acquired_at, expires_at)
    VALUES (${campaignId}, ${nodeId}, ${now}, ${expires})
    ON CONFLICT (campaign_id) DO UPDATE
       SET holder = excluded.holder,
           acquired_at = CASE WHEN l.holder = excluded.holder THEN l.acquired_at ELSE excluded.acquired_at END,
           expires_at = excluded.expires_at
     WHERE l.holder = excluded.holder OR l.expires_at < ${now}
    RETURNING holder, expires_at
  `.execute(db);
  if (rows[0]) return { campaignId, holder: rows[0].holder, expiresAt: rows[0].expires_at };
  const current = await db.selectFrom('campaign_leases').select(['holder', 'expires_at']).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
  return { campaignId, holder: current.holder, expiresAt: current.expires_at };
}

export async function releaseLease(db: Kysely<Database>, campaignId: number, nodeId: string): Promise<void> {
  await db.deleteFrom('campaign_leases').where('campaign_id', '=', campaignId).where('holder', '=', nodeId).execute();
}

export interface TickRead {
  /** False when the lease is no longer ours. */
  renewed: boolean;
  /** Null when the campaign row is gone. */
  campaign: { status: CampaignStatus; recycle_count: number; updated_at: Date; deleted_at: Date | null } | null;
  /** A committed import of the campaign's lists is not seeded into it yet (L2, O10). */
  unseeded: boolean;
}

/**
 * Extends our lease (false when it is no longer ours: another node took it after it expired, or
 * it was deleted) — a campaign engine's tick in one round trip (and one commit): extend our lease, read the
 * campaign's status and version, and ask whether an import appended to its lists waits to be
 * seeded. Three statements a tick was most of the database work of a long virtual-time run.
 */
export async function renewAndRead(db: Kysely<Database>, campaignId: number, nodeId: string, now: Date, ttlMs: number, listIds: readonly number[]): Promise<TickRead> {
  const lists = listIds.length > 0 ? [...listIds] : [-1];
  const res = await sql<{ renewed: boolean; status: CampaignStatus | null; recycle_count: number | null; updated_at: Date | null; deleted_at: Date | null; unseeded: boolean }>`
    WITH renewed AS (
      UPDATE campaign_leases SET expires_at = ${new Date(now.getTime() + ttlMs)}
       WHERE campaign_id = ${campaignId} AND holder = ${nodeId}
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM renewed) AS renewed, c.status, c.recycle_count, c.updated_at, c.deleted_at,
           EXISTS (
             SELECT 1 FROM list_imports i JOIN contact_lists l ON l.id = i.list_id
              WHERE i.list_id IN (${sql.join(lists)}) AND i.status = 'committed' AND l.deleted_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM campaign_seeded_imports s WHERE s.import_id = i.id AND s.campaign_id = ${campaignId})
           ) AS unseeded
      FROM (SELECT 1) AS one LEFT JOIN campaigns c ON c.id = ${campaignId}
  `.execute(db);
  const r = res.rows[0]!;
  return {
    renewed: r.renewed,
    campaign: r.status === null ? null : { status: r.status, recycle_count: Number(r.recycle_count), updated_at: new Date(r.updated_at!), deleted_at: r.deleted_at === null ? null : new Date(r.deleted_at) },
    unseeded: r.unseeded,
  };
}
