import type { Kysely } from 'kysely';
import { hashPassword } from '../access/passwords.js';
import type { Clock } from '../shared/clock.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Page, PageQuery } from '../shared/pagination.js';
import type { Database, Role, User } from '../storage/schema.js';
import { toUserView, type CreateUserInput, type UpdateUserInput, type UserView } from './user-schemas.js';

/** Users (A1, and agents for §4 of the foundation): email and user ID are unique, case-insensitively. */
export async function createUser(db: Kysely<Database>, clock: Clock, input: CreateUserInput): Promise<UserView> {
  const userCode = input.userCode ?? input.email.split('@')[0]!.replace(/[^A-Za-z0-9._-]/g, '');
  await assertUnique(db, input.email, userCode);
  const now = clock.now();
  const user = await db
    .insertInto('users')
    .values({
      email: input.email,
      user_code: userCode,
      display_name: input.displayName,
      role: input.role,
      password_hash: await hashPassword(input.password),
      locale: input.locale,
      time_zone: input.timeZone,
      sip_uri: input.sipUri ?? null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUserView(user);
}

export async function updateUser(db: Kysely<Database>, clock: Clock, id: number, input: UpdateUserInput): Promise<UserView> {
  const existing = await getUserRow(db, id);
  if (input.email !== undefined || input.userCode !== undefined) {
    await assertUnique(db, input.email ?? existing.email, input.userCode ?? existing.user_code, id);
  }
  const user = await db
    .updateTable('users')
    .set({
      ...(input.email !== undefined && { email: input.email }),
      ...(input.userCode !== undefined && { user_code: input.userCode }),
      ...(input.displayName !== undefined && { display_name: input.displayName }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
      ...(input.disabled !== undefined && { disabled: input.disabled }),
      ...(input.sipUri !== undefined && { sip_uri: input.sipUri }),
      ...(input.password !== undefined && { password_hash: await hashPassword(input.password) }),
      updated_at: clock.now(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (input.disabled || input.password !== undefined) {
    await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  }
  return toUserView(user);
}

export async function getUserRow(db: Kysely<Database>, id: number): Promise<User> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('User', id);
  return user;
}

export interface UserFilter extends PageQuery {
  role?: Role | undefined;
  q?: string | undefined;
}

export async function listUsers(db: Kysely<Database>, filter: UserFilter): Promise<Page<UserView>> {
  let query = db.selectFrom('users');
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['email']), 'like', like), eb(eb.fn('lower', ['display_name']), 'like', like), eb(eb.fn('lower', ['user_code']), 'like', like)]),
    );
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toUserView), total: Number(count.n), limit: filter.limit, offset: filter.offset };
}

async function assertUnique(db: Kysely<Database>, email: string, userCode: string, exceptId?: number): Promise<void> {
  let query = db
    .selectFrom('users')
    .select(['id', 'email', 'user_code'])
    .where((eb) => eb.or([eb(eb.fn('lower', ['email']), '=', email.toLowerCase()), eb(eb.fn('lower', ['user_code']), '=', userCode.toLowerCase())]));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const clash = await query.executeTakeFirst();
  if (!clash) return;
  const field = clash.email.toLowerCase() === email.toLowerCase() ? 'email' : 'userCode';
  throw new AppError('conflict', `Another user already has this ${field === 'email' ? 'email' : 'user ID'} (${field === 'email' ? email : userCode}); each must be unique.`, {
    field,
    userId: clash.id,
  });
}
