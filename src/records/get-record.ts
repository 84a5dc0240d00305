import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { notFound } from '../shared/errors.js';
import type { Database, PhoneEntry } from '../storage/schema.js';

export interface RecordView {
  id: number;
  listId: number;
  rowNumber: number;
  name: string | null;
  phoneticName: string | null;
  timeZone: string | null;
  timeZoneSource: string | null;
  postalCode: string | null;
  region: string | null;
  owner: string | null;
  phones: PhoneEntry[];
  custom: Record<string, string>;
}

/**
 * One contact record. Staff see every record of a committed import; an agent sees only a
 * record they own (O1) or hold a callback on — anything else answers 404, so an agent cannot
 * even learn that another agent's record exists.
 */
export async function getRecord(db: Kysely<Database>, actor: Actor, id: number): Promise<RecordView> {
  let query = db
    .selectFrom('contact_records as r')
    .innerJoin('list_imports as i', 'i.id', 'r.import_id')
    .innerJoin('contact_lists as l', 'l.id', 'r.list_id')
    .selectAll('r')
    .where('r.id', '=', id)
    .where('i.status', '=', 'committed')
    .where('l.deleted_at', 'is', null);
  if (actor.role === 'agent') {
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['r.owner_ref']), 'in', eb.selectFrom('users').select((s) => s.fn('lower', ['email']).as('e')).where('id', '=', actor.userId)),
        eb(eb.fn('lower', ['r.owner_ref']), 'in', eb.selectFrom('users').select((s) => s.fn('lower', ['user_code']).as('c')).where('id', '=', actor.userId)),
        eb.exists(eb.selectFrom('callbacks').select('callbacks.id').whereRef('callbacks.record_id', '=', 'r.id').where('callbacks.assignee_id', '=', actor.userId)),
      ]),
    );
  }
  const r = await query.executeTakeFirst();
  if (!r) throw notFound('Record', id);
  return {
    id: r.id,
    listId: r.list_id,
    rowNumber: r.row_number,
    name: r.name,
    phoneticName: r.phonetic_name,
    timeZone: r.time_zone,
    timeZoneSource: r.time_zone_source,
    postalCode: r.postal_code,
    region: r.region,
    owner: r.owner_ref,
    phones: r.phones,
    custom: r.custom,
  };
}
