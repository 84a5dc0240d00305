import type { Session, TestApp } from '../support/app.js';

/**
 * Test data for the callback tests, written straight into the database (callbacks are created by
 * the engine's reschedule, tested in tests/dialer/): two queues, two campaigns, two lists,
 * Japanese contacts with phonetic names, and agents in and out of the queues.
 */
export interface Floor {
  queueId: number;
  otherQueueId: number;
  campaignId: number;
  otherCampaignId: number;
  listId: number;
  oldListId: number;
  records: { sato: number; suzuki: number; tanaka: number; old: number };
  agentA: Session;
  agentB: Session;
  /** A member of the other queue only. */
  agentC: Session;
  /** A member of the first queue, disabled. */
  disabledId: number;
}

export async function makeFloor(t: TestApp): Promise<Floor> {
  const db = t.storage.db;
  const now = t.clock.now();
  const queue = async (name: string) => (await db.insertInto('queues').values({ name, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  const queueId = await queue('Collections');
  const otherQueueId = await queue('Renewals');
  const campaign = async (name: string, q: number) =>
    (await db.insertInto('campaigns').values({ name, mode: 'preview', queue_id: q, settings: '{}', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  const campaignId = await campaign('Spring collections', queueId);
  const otherCampaignId = await campaign('Winter renewals', otherQueueId);
  const list = async (name: string) => {
    const id = (await db.insertInto('contact_lists').values({ name, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    const importId = (await db.insertInto('list_imports').values({ list_id: id, status: 'committed', mapping: '{}', error: null, started_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    return { id, importId };
  };
  const tokyo = await list('Tokyo accounts');
  const old = await list('Old accounts');
  const record = async (l: { id: number; importId: number }, name: string, phonetic: string, phone: string) =>
    (
      await db
        .insertInto('contact_records')
        .values({ list_id: l.id, import_id: l.importId, row_number: 2, name, phonetic_name: phonetic, phones: JSON.stringify([{ number: phone, type: 'home', column: 'phone' }]), custom: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const records = {
    sato: await record(tokyo, '佐藤 一郎', 'サトウ イチロウ', '+81312345678'),
    suzuki: await record(tokyo, '鈴木 花子', 'スズキ ハナコ', '+81398765432'),
    tanaka: await record(tokyo, 'Tanaka Ken', 'タナカ ケン', '+819011112222'),
    old: await record(old, 'Old Contact', 'オールド', '+81355556666'),
  };
  const agentA = await t.signInAs('agent');
  const agentB = await t.signInAs('agent');
  const agentC = await t.signInAs('agent');
  const disabledId = (await t.signInAs('agent')).userId;
  await db.updateTable('users').set({ disabled: true }).where('id', '=', disabledId).execute();
  const member = (q: number, u: number) => db.insertInto('queue_members').values({ queue_id: q, user_id: u, added_at: now }).execute();
  await member(queueId, agentA.userId);
  await member(queueId, agentB.userId);
  await member(queueId, disabledId);
  await member(otherQueueId, agentC.userId);
  return { queueId, otherQueueId, campaignId, otherCampaignId, listId: tokyo.id, oldListId: old.id, records, agentA, agentB, agentC, disabledId };
}

export interface CallbackSpec {
  campaignId: number;
  recordId: number;
  /** Window start, minutes from the clock's now. */
  inMinutes: number;
  minutes?: number;
  phone?: string;
  assigneeId?: number | null;
  notes?: string;
  batch?: string;
  status?: 'pending' | 'delivered' | 'done' | 'cancelled';
  timeZone?: string;
}

export async function addCallback(t: TestApp, s: CallbackSpec): Promise<number> {
  const now = t.clock.now();
  const start = new Date(now.getTime() + s.inMinutes * 60_000);
  const phones = await t.storage.db.selectFrom('contact_records').select('phones').where('id', '=', s.recordId).executeTakeFirstOrThrow();
  const row = await t.storage.db
    .insertInto('callbacks')
    .values({
      campaign_id: s.campaignId,
      record_id: s.recordId,
      batch: s.batch ?? '1',
      phone: s.phone ?? phones.phones[0]!.number,
      window_start: start,
      window_end: new Date(start.getTime() + (s.minutes ?? 60) * 60_000),
      time_zone: s.timeZone ?? 'Asia/Tokyo',
      assignee_id: s.assigneeId ?? null,
      notes: s.notes ?? '',
      status: s.status ?? 'pending',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const ids = (page: { items: Array<{ id: number }> }): number[] => page.items.map((c) => c.id).sort((a, b) => a - b);
