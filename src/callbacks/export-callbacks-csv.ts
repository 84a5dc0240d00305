import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../shared/clock.js';
import { csvLine, encodeCsv } from '../shared/csv.js';
import type { Database } from '../storage/schema.js';
import { CSV_COLUMNS, type CsvColumn, type CsvQuery } from './callback-schemas.js';
import { toCallbackView, type CallbackView } from './callback-view.js';
import { filterCallbacks, searchPage } from './search-callbacks.js';

/**
 * C6: the current search (same filters and order as GET /api/callbacks) as CSV, every matching
 * row, read page by page. UTF-8 starts with a BOM so Excel reads it right; Shift_JIS on request
 * (characters it cannot hold become "?"). Times are written in the search's time zone, named in
 * the header. Cells that would start a formula are defused (src/shared/csv.ts).
 */
const PAGE = 2000;

export async function* callbacksCsv(db: Kysely<Database>, clock: Clock, actor: Actor, query: CsvQuery): AsyncGenerator<Buffer> {
  const now = clock.now();
  const { filtered, timeZone } = await filterCallbacks(db, actor, query, now);
  const columns = query.columns ?? [...CSV_COLUMNS];
  const when = (iso: string) => DateTime.fromISO(iso).setZone(timeZone).toFormat('yyyy-LL-dd HH:mm');
  async function* lines() {
    yield csvLine(columns.map((c) => headerOf(c, timeZone)));
    for (let offset = 0; ; offset += PAGE) {
      const rows = await searchPage(db, filtered, query, PAGE, offset);
      if (rows.length > 0) yield rows.map((r) => csvLine(columns.map((c) => cellOf(c, toCallbackView(r, now), when)))).join('');
      if (rows.length < PAGE) return;
    }
  }
  yield* encodeCsv(lines(), query.encoding);
}

const TIMED: ReadonlySet<CsvColumn> = new Set(['windowStart', 'windowEnd', 'createdAt', 'updatedAt']);

const HEADERS: Record<CsvColumn, string> = {
  id: 'ID',
  windowStart: 'window start',
  windowEnd: 'window end',
  alert: 'alert',
  campaign: 'campaign',
  batch: 'batch',
  list: 'list',
  dialGroup: 'dial group',
  name: 'name',
  phoneticName: 'phonetic name',
  phone: 'phone',
  assignee: 'assignee',
  notes: 'notes',
  createdAt: 'created at',
  updatedAt: 'updated at',
  updatedBy: 'updated by',
  status: 'status',
  timeZone: "callback's time zone",
};

const headerOf = (c: CsvColumn, timeZone: string): string => (TIMED.has(c) ? `${HEADERS[c]} (${timeZone})` : HEADERS[c]);

function cellOf(c: CsvColumn, v: CallbackView, when: (iso: string) => string): string | number | null {
  switch (c) {
    case 'windowStart':
    case 'windowEnd':
    case 'createdAt':
    case 'updatedAt':
      return when(v[c]);
    case 'campaign':
      return v.campaignName;
    case 'list':
      return v.listName;
    case 'assignee':
      return v.assigneeId === null ? 'anyone in the queue' : (v.assigneeName ?? v.assigneeId);
    case 'updatedBy':
      return v.updatedByName ?? v.updatedBy;
    default:
      return v[c];
  }
}
