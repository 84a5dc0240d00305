import type { Kysely } from 'kysely';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Database, User } from '../storage/schema.js';
import type { Actor } from './actor.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { hashSecret, newSecret } from './secrets.js';

export const SESSION_COOKIE = 'pacer_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** A session is extended when it has less than this left, so a shift never signs out mid-call. */
const RENEW_BELOW_MS = SESSION_TTL_MS / 2;

export interface SignInResult {
  token: string;
  expiresAt: Date;
  user: User;
}

export async function signIn(db: Kysely<Database>, clock: Clock, login: string, password: string): Promise<SignInResult> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb(eb.fn('lower', ['email']), '=', login.toLowerCase()), eb(eb.fn('lower', ['user_code']), '=', login.toLowerCase())]))
    .executeTakeFirst();
  // Verify even when the user is unknown, so timing does not tell which accounts exist.
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
  if (!user || !ok || user.disabled) {
    throw new AppError('invalid_credentials', 'The email or user ID and password do not match an active account.');
  }
  const token = newSecret('ps');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insertInto('sessions').values({ token_hash: hashSecret(token), user_id: user.id, created_at: now, expires_at: expiresAt }).execute();
  return { token, expiresAt, user };
}

export async function signOut(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashSecret(token)).execute();
}

/** Resolves a session cookie or a bearer API token to an actor; undefined when neither is valid. */
export async function resolveActor(
  db: Kysely<Database>,
  clock: Clock,
  credentials: { sessionToken?: string | undefined; bearerToken?: string | undefined },
): Promise<Actor | undefined> {
  const now = clock.now();
  if (credentials.bearerToken) {
    const row = await db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.id as token_id', 'users.id', 'users.role', 'users.email', 'users.disabled', 'api_tokens.revoked_at'])
      .where('api_tokens.token_hash', '=', hashSecret(credentials.bearerToken))
      .executeTakeFirst();
    if (!row || row.revoked_at || row.disabled) return undefined;
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
    return { userId: row.id, role: row.role, email: row.email, via: 'token' };
  }
  if (credentials.sessionToken) {
    const tokenHash = hashSecret(credentials.sessionToken);
    const row = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.role', 'users.email', 'users.disabled', 'sessions.expires_at'])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row || row.disabled || row.expires_at.getTime() <= now.getTime()) return undefined;
    if (row.expires_at.getTime() - now.getTime() < RENEW_BELOW_MS) {
      await db
        .updateTable('sessions')
        .set({ expires_at: new Date(now.getTime() + SESSION_TTL_MS) })
        .where('token_hash', '=', tokenHash)
        .execute();
    }
    return { userId: row.id, role: row.role, email: row.email, via: 'session' };
  }
  return undefined;
}

// The hash of a random secret: compared against for unknown logins, never matched.
let dummy: Promise<string> | undefined;
const dummyHash = (): Promise<string> => (dummy ??= hashPassword(newSecret('dummy')));
