import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/**
 * C4, C8: who may be handed a callback — a user who exists, is not disabled and is a member of
 * the campaign's queue (the engine delivers a callback to its assignee only in that queue).
 * Null, "anyone in the queue", is always allowed.
 */
export type AssigneeProblem = 'no_such_user' | 'disabled' | 'not_in_queue';

export interface AssigneeRefusal {
  queueId: number;
  problem: AssigneeProblem;
  message: string;
}

/** The queues (of those given) the assignee may not take callbacks for, each with why. */
export async function assigneeRefusals(db: Kysely<Database>, assigneeId: number | null, queueIds: readonly number[]): Promise<AssigneeRefusal[]> {
  if (assigneeId === null || queueIds.length === 0) return [];
  const queues = [...new Set(queueIds)];
  const user = await db.selectFrom('users').select(['display_name', 'disabled']).where('id', '=', assigneeId).executeTakeFirst();
  if (!user) return queues.map((queueId) => ({ queueId, problem: 'no_such_user', message: `User ${assigneeId} does not exist.` }));
  if (user.disabled) return queues.map((queueId) => ({ queueId, problem: 'disabled', message: `${user.display_name} (user ${assigneeId}) is disabled; pick an active agent.` }));
  const member = await db.selectFrom('queue_members').select('queue_id').where('user_id', '=', assigneeId).where('queue_id', 'in', queues).execute();
  const memberOf = new Set(member.map((m) => m.queue_id));
  const names = new Map((await db.selectFrom('queues').select(['id', 'name']).where('id', 'in', queues).execute()).map((q) => [q.id, q.name]));
  return queues
    .filter((q) => !memberOf.has(q))
    .map((queueId) => ({
      queueId,
      problem: 'not_in_queue',
      message: `${user.display_name} (user ${assigneeId}) is not a member of the queue "${names.get(queueId) ?? queueId}"; add them to it (PUT /api/queues/${queueId}/members/${assigneeId}) or pick a member.`,
    }));
}
