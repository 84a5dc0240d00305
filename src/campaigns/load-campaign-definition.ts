import type { Kysely } from 'kysely';
import { notFound } from '../shared/errors.js';
import type { CampaignStatus, Database } from '../storage/schema.js';
import { definitionFromRow, type CampaignDefinition } from './campaign-definition.js';

/**
 * For the dialer engine and the agent desktop: a live campaign's complete definition (every
 * default filled in), its status and recycle count. No access check: callers are server-side.
 */
export async function loadCampaignDefinition(
  db: Kysely<Database>,
  id: number,
): Promise<{ id: number; status: CampaignStatus; recycleCount: number; definition: CampaignDefinition }> {
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('Campaign', id);
  return { id: row.id, status: row.status, recycleCount: row.recycle_count, definition: definitionFromRow(row) };
}
