import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

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

/** Extends our lease; false when it is no longer ours (another node took it after it expired, or it was deleted). */
export async function renewLease(db: Kysely<Database>, campaignId: number, nodeId: string, now: Date, ttlMs: number): Promise<boolean> {
  const res = await db
    .updateTable('campaign_leases')
    .set({ expires_at: new Date(now.getTime() + ttlMs) })
    .where('campaign_id', '=', campaignId)
    .where('holder', '=', nodeId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function releaseLease(db: Kysely<Database>, campaignId: number, nodeId: string): Promise<void> {
  await db.deleteFrom('campaign_leases').where('campaign_id', '=', campaignId).where('holder', '=', nodeId).execute();
}
