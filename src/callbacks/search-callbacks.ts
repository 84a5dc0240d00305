import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Actor } from '../access/actor.js';
import { assertCampaignGrant } from '../access/grants.js';
import type { Clock } from '../shared/clock.js';
import { kanaKey, kanaKeySql } from '../shared/kana-key.js';
import type { Page } from '../shared/pagination.js';
import type { Database } from '../storage/schema.js';
import { alertCondition } from './callback-alert.js';
import { callbackRows, selectCallbackColumns, type CallbackRow } from './callback-rows.js';
import type { SearchFilters, SearchQuery } from './callback-schemas.js';
import { toCallbackView, type CallbackView } from './callback-view.js';
import { parsePeriod } from './search-period.js';

/**
 * C2, C3: the callback search. Every filter narrows (AND); text filters match a part, in any
 * case (the phonetic name also in either kana, any width, spaces ignored). What the actor may see (A1) comes first: agents their own, supervisors their granted
 * campaigns (naming another campaign is refused), admins all.
 *
 * The filters stay on `callbacks` (other tables only in IN-subqueries), so counting and finding
 * a page's IDs read the callbacks table and its indexes alone; only the page's rows are then
 * joined for display.
 */
export async function searchCallbacks(db: Kysely<Database>, clock: Clock, actor: Actor, query: SearchQuery): Promise<Page<CallbackView>> {
  const now = clock.now();
  const { filtered } = await filterCallbacks(db, actor, query, now);
  const [rows, count] = await Promise.all([
    searchPage(db, filtered, query, query.limit, query.offset),
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => toCallbackView(r, now)), total: Number(count.n), limit: query.limit, offset: query.offset };
}

const base = (db: Kysely<Database>) => db.selectFrom('callbacks as c');
export type FilteredQuery = ReturnType<typeof base>;

export interface FilteredCallbacks {
  filtered: FilteredQuery;
  /** The zone the period was read in (the CSV writes its times in it too). */
  timeZone: string;
}

export async function filterCallbacks(db: Kysely<Database>, actor: Actor, f: SearchFilters, now: Date): Promise<FilteredCallbacks> {
  if (f.campaignId !== undefined && actor.role === 'supervisor') await assertCampaignGrant(db, actor, f.campaignId);
  const timeZone = f.timeZone ?? (await userTimeZone(db, actor.userId));
  const period = parsePeriod(f, timeZone);
  let q = visibleTo(base(db), actor).where('c.campaign_id', 'in', (eb) => eb.selectFrom('campaigns').select('id').where('deleted_at', 'is', null));
  if (period.from) q = q.where('c.window_start', '>=', period.from);
  if (period.to) q = q.where('c.window_start', '<', period.to);
  if (f.alert) {
    const alerts = f.alert;
    q = q.where((eb) => alertCondition(eb, alerts, now));
  }
  if (f.status) q = q.where('c.status', 'in', f.status);
  if (f.campaignId !== undefined) q = q.where('c.campaign_id', '=', f.campaignId);
  if (f.batch !== undefined) q = q.where('c.batch', '=', f.batch);
  if (f.listId !== undefined) {
    const liveList = db.selectFrom('contact_lists').select('id').where('id', '=', f.listId).where('deleted_at', 'is', null);
    q = q.where('c.record_id', 'in', recordsOf(db).where('list_id', 'in', liveList));
  }
  if (f.dialGroup !== undefined) q = dialGroupFilter(db, q, f.dialGroup);
  if (f.name !== undefined) q = q.where('c.record_id', 'in', recordsOf(db).where('name', 'ilike', contains(f.name)));
  if (f.phoneticName !== undefined) {
    // Kana folded as in the customer search: さとう, サトウ, ｻﾄｳ and "サトウ イチロウ" find each other.
    const key = contains(kanaKey(f.phoneticName));
    q = q.where('c.record_id', 'in', recordsOf(db).where(sql<SqlBool>`${kanaKeySql(sql.ref('phonetic_name'))} like ${key}`));
  }
  if (f.notes !== undefined) q = q.where('c.notes', 'ilike', contains(f.notes));
  if (f.phone !== undefined) q = phoneFilter(q, f.phone);
  if (f.assigneeId === 'anyone') q = q.where('c.assignee_id', 'is', null);
  else if (f.assigneeId !== undefined) q = q.where('c.assignee_id', '=', f.assigneeId);
  return { filtered: q, timeZone };
}

const recordsOf = (db: Kysely<Database>) => db.selectFrom('contact_records').select('id');

/** A1 for the search: an agent sees only callbacks assigned to them; a supervisor only those of granted campaigns. */
function visibleTo(q: FilteredQuery, actor: Actor): FilteredQuery {
  if (actor.role === 'agent') return q.where('c.assignee_id', '=', actor.userId);
  if (actor.role === 'supervisor') return q.where('c.campaign_id', 'in', (eb) => eb.selectFrom('campaign_grants').select('campaign_id').where('user_id', '=', actor.userId));
  return q;
}

/** The dial group is the callback's own, or else its campaign's queue. */
function dialGroupFilter(db: Kysely<Database>, q: FilteredQuery, name: string): FilteredQuery {
  const campaignsOfQueue = db.selectFrom('campaigns as k').innerJoin('queues as q', 'q.id', 'k.queue_id').select('k.id').where('q.name', '=', name);
  return q.where((eb) => eb.or([eb('c.dial_group', '=', name), eb.and([eb('c.dial_group', 'is', null), eb('c.campaign_id', 'in', campaignsOfQueue)])]));
}

/**
 * One page of the search in the asked order, as display rows. Ties are broken by ID so pages
 * neither repeat nor skip rows. Sorting by name, campaign or assignee joins that one table.
 */
export async function searchPage(db: Kysely<Database>, q: FilteredQuery, s: Pick<SearchFilters, 'sort' | 'order'>, limit: number, offset: number): Promise<CallbackRow[]> {
  const dir = s.order;
  const ids = q.select('c.id');
  const ordered =
    s.sort === 'name'
      ? ids.innerJoin('contact_records as r', 'r.id', 'c.record_id').orderBy('r.name', dir)
      : s.sort === 'campaign'
        ? ids.innerJoin('campaigns as k', 'k.id', 'c.campaign_id').orderBy('k.name', dir)
        : s.sort === 'assignee'
          ? ids.leftJoin('users as a', 'a.id', 'c.assignee_id').orderBy('a.display_name', dir)
          : ids.orderBy(SORT_COLUMNS[s.sort], dir);
  const found = await (s.sort === 'id' ? ordered : ordered.orderBy('c.id', dir)).limit(limit).offset(offset).execute();
  if (found.length === 0) return [];
  const rows = await selectCallbackColumns(callbackRows(db)).where('c.id', 'in', found.map((r) => r.id)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return found.flatMap((r) => byId.get(r.id) ?? []);
}

const SORT_COLUMNS = { windowStart: 'c.window_start', windowEnd: 'c.window_end', createdAt: 'c.created_at', updatedAt: 'c.updated_at', id: 'c.id' } as const;

export async function userTimeZone(db: Kysely<Database>, userId: number): Promise<string> {
  const row = await db.selectFrom('users').select('time_zone').where('id', '=', userId).executeTakeFirst();
  return row?.time_zone ?? 'UTC';
}

/** ILIKE pattern for "contains", with the pattern characters taken literally. */
const contains = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Digits in any format, matched anywhere in the E.164 number. Leading zeros (a national trunk
 * prefix, an international 00) are dropped, so 03-1234-5678 finds +81312345678.
 */
function phoneFilter(q: FilteredQuery, input: string): FilteredQuery {
  const digits = input.replace(/\D/g, '').replace(/^0+/, '');
  if (digits.length === 0) return q.where((eb) => eb.lit(false));
  return q.where('c.phone', 'like', `%${digits}%`);
}
