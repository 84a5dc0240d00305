import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { csvLine, encodeCsv, type CsvEncoding } from '../shared/csv.js';
import { userTimeZone } from '../callbacks/search-callbacks.js';
import type { Database } from '../storage/schema.js';
import { pagedLines, timeIn } from './csv-cells.js';
import type { CustomerFilters, CustomerView } from './report-schemas.js';
import { customerPage, filterCustomers } from './search-customers.js';

/**
 * R3: the customer search as CSV, every match streamed 2,000 records at a time: one line per
 * record and campaign that holds it (a record in no visible campaign has one line with the
 * campaign cells empty). Times in `timeZone` (default mine), named in the header.
 */
export async function* customersCsv(db: Kysely<Database>, actor: Actor, q: CustomerFilters & { encoding: CsvEncoding; timeZone?: string | undefined }) {
  const filtered = await filterCustomers(db, q);
  const zone = q.timeZone ?? (await userTimeZone(db, actor.userId));
  const when = timeIn(zone);
  const header = csvLine([
    'record ID', 'list ID', 'list', 'name', 'phonetic name', 'phones', "contact's time zone",
    'campaign ID', 'campaign', 'batch', 'status', 'reason', 'attempts', 'last result', `last attempt (${zone})`, `next attempt (${zone})`,
  ]);
  const rows = (c: CustomerView) => {
    const record = [c.recordId, c.listId, c.listName, c.name, c.phoneticName, c.phones.map((p) => p.number).join(' '), c.timeZone];
    if (c.campaigns.length === 0) return csvLine(record);
    return c.campaigns
      .map((k) => csvLine([...record, k.campaignId, k.campaignName, k.batch, k.status, k.reason, k.attempts, k.lastResult, when(k.lastAttemptAt), when(k.nextAttemptAt)]))
      .join('');
  };
  yield* encodeCsv(pagedLines(header, (limit, offset) => customerPage(db, actor, filtered, limit, offset), rows), q.encoding);
}
