import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/**
 * Where the SIP carrier (T2) rings an agent when a customer answers: her phone line, or null when
 * none is set — or no such user exists; the caller decides whether that fails the bridge.
 */
export async function agentSipUri(db: Kysely<Database>, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('sip_uri').where('id', '=', userId).executeTakeFirst();
  return row?.sip_uri ?? null;
}
