import type { Kysely } from 'kysely';
import type { Clock } from '../shared/clock.js';
import { notFound } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import type { Actor } from './actor.js';
import { hashSecret, newSecret } from './secrets.js';

/** API tokens let integrations (and the `pacer` CLI) act as a user. The secret is shown once. */
export async function createApiToken(db: Kysely<Database>, clock: Clock, actor: Actor, name: string) {
  const token = newSecret('pat');
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: actor.userId, name, token_hash: hashSecret(token), created_at: clock.now() })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, createdAt: row.created_at.toISOString(), token };
}

export async function listApiTokens(db: Kysely<Database>, actor: Actor) {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', actor.userId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

export async function revokeApiToken(db: Kysely<Database>, clock: Clock, actor: Actor, id: number): Promise<void> {
  const res = await db
    .updateTable('api_tokens')
    .set({ revoked_at: clock.now() })
    .where('id', '=', id)
    .where('user_id', '=', actor.userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound('API token', id);
}
