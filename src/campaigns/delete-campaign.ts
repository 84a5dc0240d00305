import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { assertCampaignGrant } from '../access/grants.js';
import type { Clock } from '../shared/clock.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { allowedActions } from './lifecycle.js';

/**
 * Deletes a campaign softly: it disappears from every listing and frees its name, while its
 * attempts and reports keep pointing at it. A running campaign must be paused or stopped first.
 */
export async function deleteCampaign(db: Kysely<Database>, clock: Clock, actor: Actor, id: number): Promise<void> {
  await assertCampaignGrant(db, actor, id);
  const now = clock.now();
  const res = await db
    .updateTable('campaigns')
    .set({ deleted_at: now, updated_at: now, updated_by: actor.userId })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .where('status', '!=', 'running')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) > 0) return;
  const row = await db.selectFrom('campaigns').select('status').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('Campaign', id);
  throw new AppError('invalid_state', `Campaign ${id} is running and cannot be deleted; pause or stop it first.`, {
    status: row.status,
    action: 'delete',
    allowedActions: allowedActions(row.status),
  });
}
