import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../shared/clock.js';
import type { Database } from '../storage/schema.js';
import { hashPassword } from './passwords.js';

/** On the very first start there is nobody to sign in as: create an admin and say how to sign in. */
export async function ensureFirstAdmin(
  db: Kysely<Database>,
  clock: Clock,
  wanted: { email: string; password: string | undefined },
): Promise<{ email: string; password: string } | undefined> {
  const existing = await db.selectFrom('users').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst();
  if (existing) return undefined;
  const password = wanted.password ?? randomBytes(12).toString('base64url');
  const now = clock.now();
  await db
    .insertInto('users')
    .values({
      email: wanted.email,
      user_code: 'admin',
      display_name: 'Administrator',
      role: 'admin',
      password_hash: await hashPassword(password),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { email: wanted.email, password };
}
