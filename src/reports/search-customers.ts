import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Actor } from '../access/actor.js';
import { visibleCampaignIds } from '../dashboard/read-dashboard.js';
import { PhoneNormaliser } from '../lists/normalise-phone.js';
import type { Page } from '../shared/pagination.js';
import { validationFailed } from '../shared/errors.js';
import type { Database, PhoneEntry } from '../storage/schema.js';
import { kanaKey, kanaKeySql } from '../shared/kana-key.js';
import type { CustomerFilters, CustomerQuery, CustomerView } from './report-schemas.js';
import { contains, digitsOf } from './search-attempts.js';

/**
 * R3, customer search across lists: records of committed imports in lists that are not deleted
 * (staff see every list), by name, phonetic name (kana folded: shared/kana-key.ts), phone (any format,
 * any of the record's numbers) or list; with each record's state in the campaigns the actor may
 * see (admins all, supervisors their granted ones). Every filter narrows (AND); `q` matches any
 * of name, phonetic name and phone.
 *
 * Text and phone filters read every candidate record (no trigram or per-number index: each
 * index on contact_records is paid for on every imported row, see migration 0006).
 */
export async function searchCustomers(db: Kysely<Database>, actor: Actor, query: CustomerQuery): Promise<Page<CustomerView>> {
  const filtered = await filterCustomers(db, query);
  const [items, count] = await Promise.all([
    customerPage(db, actor, filtered, query.limit, query.offset),
    filtered.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), limit: query.limit, offset: query.offset };
}

const base = (db: Kysely<Database>) =>
  db
    .selectFrom('contact_records as r')
    .where('r.list_id', 'in', (eb) => eb.selectFrom('contact_lists').select('id').where('deleted_at', 'is', null))
    .where('r.import_id', 'in', (eb) => eb.selectFrom('list_imports').select('id').where('status', '=', 'committed'));
export type FilteredCustomers = ReturnType<typeof base>;
type Eb = ExpressionBuilder<Database & { r: Database['contact_records'] }, 'r'>;

export async function filterCustomers(db: Kysely<Database>, f: CustomerFilters): Promise<FilteredCustomers> {
  if (f.q === undefined && f.name === undefined && f.phoneticName === undefined && f.phone === undefined && f.listId === undefined) {
    throw validationFailed('Give at least one of q, name, phoneticName, phone or listId to search customers.', { fields: ['q', 'name', 'phoneticName', 'phone', 'listId'] });
  }
  const regions = f.phone !== undefined || f.q !== undefined ? await listRegions(db) : [];
  let q = base(db);
  if (f.listId !== undefined) q = q.where('r.list_id', '=', f.listId);
  if (f.name !== undefined) q = q.where('r.name', 'ilike', contains(f.name));
  if (f.phoneticName !== undefined) {
    const key = kanaKey(f.phoneticName);
    q = q.where(phoneticMatches(key));
  }
  if (f.phone !== undefined) {
    const phone = f.phone;
    q = q.where((eb) => phoneMatches(eb, phone, regions) ?? eb.lit(false));
  }
  if (f.q !== undefined) {
    const text = f.q;
    q = q.where((eb) => {
      const phone = phoneMatches(eb, text, regions);
      return eb.or([eb('r.name', 'ilike', contains(text)), phoneticMatches(kanaKey(text)), ...(phone ? [phone] : [])]);
    });
  }
  return q;
}

const phoneticMatches = (key: string): Expression<SqlBool> => sql<SqlBool>`${kanaKeySql(sql.ref('r.phonetic_name'))} like ${contains(key)}`;

/** The default regions of the lists, to read a national number ("03-1234-5678") as each would. */
async function listRegions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('contact_lists').select('default_region').distinct().where('deleted_at', 'is', null).execute();
  return rows.map((r) => r.default_region);
}

const normaliser = new PhoneNormaliser();

/**
 * Any of the record's numbers equals the input read as E.164 (with the lists' default regions, by
 * the project's phone normaliser), or holds its digits (leading zeros dropped: 03-1234-5678 finds
 * +81312345678; "+81 (0)3…" is found by the normaliser). Null when the input has no digits.
 */
function phoneMatches(eb: Eb, input: string, regions: readonly string[]): Expression<SqlBool> | null {
  const digits = digitsOf(input);
  if (digits.length === 0) return null;
  const exact = [...new Set(regions.flatMap((region) => normaliser.normalise(input, region)?.number ?? []))];
  const number = sql`p->>'number'`;
  const anyExact = exact.length > 0 ? sql`${number} in (${sql.join(exact)})` : sql`false`;
  return eb.exists(
    eb.selectFrom(sql`jsonb_array_elements(r.phones)`.as('p')).select(sql`1`.as('one')).where(sql<SqlBool>`${anyExact} or ${number} like ${`%${digits}%`}`),
  );
}

/** One page by name (then ID), with each record's list and its state in the campaigns the actor may see. */
export async function customerPage(db: Kysely<Database>, actor: Actor, q: FilteredCustomers, limit: number, offset: number): Promise<CustomerView[]> {
  const found = await q.select('r.id').orderBy(sql`r.name asc nulls last`).orderBy('r.id').limit(limit).offset(offset).execute();
  if (found.length === 0) return [];
  const ids = found.map((r) => r.id);
  const visible = [...(await visibleCampaignIds(db, actor))];
  const [rows, states] = await Promise.all([
    db
      .selectFrom('contact_records as r')
      .innerJoin('contact_lists as l', 'l.id', 'r.list_id')
      .select(['r.id', 'r.list_id', 'l.name as list_name', 'r.name', 'r.phonetic_name', 'r.phones', 'r.time_zone'])
      .where('r.id', 'in', ids)
      .execute(),
    visible.length === 0
      ? []
      : db
          .selectFrom('campaign_records as cr')
          .innerJoin('campaigns as k', 'k.id', 'cr.campaign_id')
          .select(['cr.record_id', 'cr.campaign_id', 'k.name', 'cr.batch', 'cr.status', 'cr.reason', 'cr.attempts', 'cr.last_result', 'cr.last_attempt_at', 'cr.next_attempt_at'])
          .where('cr.record_id', 'in', ids)
          .where('cr.campaign_id', 'in', visible)
          .orderBy('k.name')
          .orderBy('cr.campaign_id')
          .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        recordId: Number(r.id),
        listId: r.list_id,
        listName: r.list_name,
        name: r.name,
        phoneticName: r.phonetic_name,
        phones: (r.phones as PhoneEntry[]).map((p) => ({ number: p.number, type: p.type })),
        timeZone: r.time_zone,
        campaigns: states
          .filter((s) => Number(s.record_id) === Number(id))
          .map((s) => ({
            campaignId: s.campaign_id,
            campaignName: s.name,
            batch: s.batch,
            status: s.status,
            reason: s.reason,
            attempts: s.attempts,
            lastResult: s.last_result,
            lastAttemptAt: s.last_attempt_at?.toISOString() ?? null,
            nextAttemptAt: s.next_attempt_at?.toISOString() ?? null,
          })),
      },
    ];
  });
}
