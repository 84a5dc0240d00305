/**
 * The floor the dialer benches run (issue 4 point 13): a queue of `agents` agents and a list of
 * `records` contacts in New York, written straight into the database in chunks.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../src/storage/schema.js';

export interface Floor {
  queueId: number;
  agentIds: number[];
  listId: number;
}

export async function seedFloor(db: Kysely<Database>, now: Date, o: { agents: number; records: number }): Promise<Floor> {
  const queue = await db.insertInto('queues').values({ name: 'bench', created_at: now }).returning('id').executeTakeFirstOrThrow();
  const agentIds: number[] = [];
  for (let i = 0; i < o.agents; i += 500) {
    const rows = await db
      .insertInto('users')
      .values(Array.from({ length: Math.min(500, o.agents - i) }, (_, k) => ({ email: `bot${i + k}@bench.test`, user_code: `bot${i + k}`, display_name: `Bot ${i + k}`, role: 'agent' as const, password_hash: null, created_at: now, updated_at: now })))
      .returning('id')
      .execute();
    agentIds.push(...rows.map((r) => r.id));
  }
  for (let i = 0; i < agentIds.length; i += 500) await db.insertInto('queue_members').values(agentIds.slice(i, i + 500).map((id) => ({ queue_id: queue.id, user_id: id, added_at: now }))).execute();
  const list = await db.insertInto('contact_lists').values({ name: 'Bench', created_at: now }).returning('id').executeTakeFirstOrThrow();
  const imp = await db.insertInto('list_imports').values({ list_id: list.id, status: 'committed', mapping: JSON.stringify({ phones: [{ column: 'phone', type: 'home' }], name: 'name' }), error: null, started_at: now }).returning('id').executeTakeFirstOrThrow();
  for (let i = 0; i < o.records; i += 2000) {
    await db
      .insertInto('contact_records')
      .values(Array.from({ length: Math.min(2000, o.records - i) }, (_, k) => ({ list_id: list.id, import_id: imp.id, row_number: i + k + 2, name: `Contact ${i + k}`, time_zone: 'America/New_York', region: 'US', phones: JSON.stringify([{ number: `+1212${String(1_000_000 + i + k).padStart(7, '0')}`, type: 'home', column: 'phone' }]), custom: '{}' })))
      .execute();
  }
  return { queueId: queue.id, agentIds, listId: list.id };
}
