import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/**
 * One callback with what its views show (C3): the campaign and its queue (the dial group),
 * the contact's name and phonetic name, the list (only while it is not deleted), the
 * assignee's and last editor's names. Callbacks of deleted campaigns are gone with them.
 */
export function callbackRows(db: Kysely<Database>) {
  return db
    .selectFrom('callbacks as c')
    .innerJoin('campaigns as k', 'k.id', 'c.campaign_id')
    .innerJoin('queues as q', 'q.id', 'k.queue_id')
    .innerJoin('contact_records as r', 'r.id', 'c.record_id')
    .leftJoin('contact_lists as l', (j) => j.onRef('l.id', '=', 'r.list_id').on('l.deleted_at', 'is', null))
    .leftJoin('users as a', 'a.id', 'c.assignee_id')
    .leftJoin('users as u', 'u.id', 'c.updated_by')
    .where('k.deleted_at', 'is', null);
}

export type CallbackRowsQuery = ReturnType<typeof callbackRows>;

export function selectCallbackColumns(q: CallbackRowsQuery) {
  return q.select([
    'c.id',
    'c.campaign_id',
    'k.name as campaign_name',
    'k.queue_id',
    'q.name as queue_name',
    'c.record_id',
    'c.batch',
    'c.dial_group',
    'c.phone',
    'c.window_start',
    'c.window_end',
    'c.time_zone',
    'c.assignee_id',
    'a.display_name as assignee_name',
    'c.notes',
    'c.status',
    'c.created_at',
    'c.created_by',
    'c.updated_at',
    'c.updated_by',
    'u.display_name as updated_by_name',
    'l.id as list_id',
    'l.name as list_name',
    'r.name',
    'r.phonetic_name',
  ]);
}

export type CallbackRow = Awaited<ReturnType<ReturnType<typeof selectCallbackColumns>['executeTakeFirstOrThrow']>>;
