import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../shared/clock.js';
import { AppError, forbidden, notFound } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';

/**
 * Queues (skills, outdial queues, dial groups) and their members. An agent's queues are the
 * skills they can log into: a campaign dials for one queue and only its members may join it.
 */
export interface QueueView {
  id: number;
  name: string;
  memberCount: number;
  createdAt: string;
}

export async function listQueues(db: Kysely<Database>, actor: Actor): Promise<QueueView[]> {
  let query = db
    .selectFrom('queues')
    .leftJoin('queue_members', 'queue_members.queue_id', 'queues.id')
    .select((eb) => ['queues.id', 'queues.name', 'queues.created_at', eb.fn.count<number>('queue_members.user_id').as('members')])
    .groupBy(['queues.id', 'queues.name', 'queues.created_at'])
    .orderBy('queues.name');
  if (actor.role === 'agent') {
    query = query.where('queues.id', 'in', db.selectFrom('queue_members').select('queue_id').where('user_id', '=', actor.userId));
  }
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, memberCount: Number(r.members), createdAt: r.created_at.toISOString() }));
}

export async function getQueue(db: Kysely<Database>, actor: Actor, id: number): Promise<QueueView> {
  const queue = (await listQueues(db, actor)).find((q) => q.id === id);
  if (!queue) throw notFound('Queue', id);
  return queue;
}

export async function createQueue(db: Kysely<Database>, clock: Clock, name: string): Promise<QueueView> {
  await assertNameFree(db, name);
  const row = await db.insertInto('queues').values({ name, created_at: clock.now() }).returningAll().executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, memberCount: 0, createdAt: row.created_at.toISOString() };
}

export async function renameQueue(db: Kysely<Database>, actor: Actor, id: number, name: string): Promise<QueueView> {
  await assertNameFree(db, name, id);
  const res = await db.updateTable('queues').set({ name }).where('id', '=', id).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound('Queue', id);
  return getQueue(db, actor, id);
}

export async function deleteQueue(db: Kysely<Database>, id: number): Promise<void> {
  const used = await db.selectFrom('campaigns').select(['id', 'name']).where('queue_id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (used) throw new AppError('conflict', `Queue ${id} is used by campaign "${used.name}"; move or delete that campaign first.`, { campaignId: used.id });
  const res = await db.deleteFrom('queues').where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('Queue', id);
}

export interface MemberView {
  userId: number;
  email: string;
  userCode: string;
  displayName: string;
  addedAt: string;
}

export async function listMembers(db: Kysely<Database>, actor: Actor, queueId: number): Promise<MemberView[]> {
  await getQueue(db, actor, queueId);
  const rows = await db
    .selectFrom('queue_members')
    .innerJoin('users', 'users.id', 'queue_members.user_id')
    .select(['users.id', 'users.email', 'users.user_code', 'users.display_name', 'queue_members.added_at'])
    .where('queue_members.queue_id', '=', queueId)
    .orderBy('users.display_name')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, userCode: r.user_code, displayName: r.display_name, addedAt: r.added_at.toISOString() }));
}

export async function addMember(db: Kysely<Database>, clock: Clock, queueId: number, userId: number): Promise<void> {
  const queue = await db.selectFrom('queues').select('id').where('id', '=', queueId).executeTakeFirst();
  if (!queue) throw notFound('Queue', queueId);
  const user = await db.selectFrom('users').select(['id', 'role']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('User', userId);
  if (user.role !== 'agent') throw new AppError('validation_failed', `Only agents are queue members; user ${userId} is ${user.role}.`, { userId });
  await db
    .insertInto('queue_members')
    .values({ queue_id: queueId, user_id: userId, added_at: clock.now() })
    .onConflict((oc) => oc.columns(['queue_id', 'user_id']).doNothing())
    .execute();
}

export async function removeMember(db: Kysely<Database>, queueId: number, userId: number): Promise<void> {
  const res = await db.deleteFrom('queue_members').where('queue_id', '=', queueId).where('user_id', '=', userId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound(`Member of queue ${queueId}`, userId);
}

/** The queues (skills) an agent can log into. */
export async function queuesOfUser(db: Kysely<Database>, actor: Actor, userId: number): Promise<QueueView[]> {
  if (actor.role === 'agent' && actor.userId !== userId) throw forbidden('Agents can see only their own queues.');
  const ids = (await db.selectFrom('queue_members').select('queue_id').where('user_id', '=', userId).execute()).map((r) => r.queue_id);
  const all = await listQueues(db, { ...actor, role: 'admin' });
  return all.filter((q) => ids.includes(q.id));
}

async function assertNameFree(db: Kysely<Database>, name: string, exceptId?: number): Promise<void> {
  let query = db.selectFrom('queues').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const clash = await query.executeTakeFirst();
  if (clash) throw new AppError('conflict', `A queue named "${name}" already exists; choose another name.`, { queueId: clash.id });
}
