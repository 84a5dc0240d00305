import { sql, type Transaction } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Database } from '../storage/schema.js';
import { assertRoomForList, bumpCount, INTERNAL_LIST_NAME, type DncDeps } from './dnc-views.js';
import { requireNumber } from './normalise-number.js';

/**
 * L4 "a do_not_call wrap-up adds it": puts the number on the Internal list (created on
 * demand), whoever the actor — an agent's wrap-up is allowed to block a number even though
 * agents cannot read DNC lists. For the dialing engine to call; no HTTP route of its own.
 */
export async function addToDoNotCall(
  { dnc, clock }: DncDeps,
  input: { number: string; region?: string | undefined; reason: string },
  actor: Pick<Actor, 'userId'>,
): Promise<{ listId: number; number: string; added: boolean }> {
  const { digits, e164 } = requireNumber(input.number, input.region);
  return dnc.change(async (trx) => {
    const now = clock.now();
    const list = await internalListId(trx, now);
    const inserted = await trx
      .insertInto('dnc_numbers')
      .values({ list_id: list.id, number: digits, added_at: now, added_by: actor.userId, reason: input.reason })
      .onConflict((oc) => oc.columns(['list_id', 'number']).doNothing())
      .returning('number')
      .executeTakeFirst();
    if (inserted) await bumpCount(trx, list.id, 1, now);
    const result = { listId: list.id, number: e164, added: inserted !== undefined };
    if (!inserted && !list.created) return { result };
    return {
      result,
      apply: (set) => {
        set.addList(list.id);
        set.add(list.id, [digits]);
      },
    };
  });
}

async function internalListId(trx: Transaction<Database>, now: Date): Promise<{ id: number; created: boolean }> {
  const find = () =>
    trx
      .selectFrom('dnc_lists')
      .select('id')
      .where(sql<string>`lower(name)`, '=', INTERNAL_LIST_NAME.toLowerCase())
      .executeTakeFirst();
  const existing = await find();
  if (existing) return { id: existing.id, created: false };
  await assertRoomForList(trx, true);
  const again = await find(); // another request may have created it while we waited for the lock
  if (again) return { id: again.id, created: false };
  const row = await trx
    .insertInto('dnc_lists')
    .values({ name: INTERNAL_LIST_NAME, source: 'internal', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}
