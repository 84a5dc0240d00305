import { sql, type Kysely } from 'kysely';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../shared/clock.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Page, PageQuery } from '../shared/pagination.js';
import type { Database } from '../storage/schema.js';
import { validTimeZone } from './infer-time-zone.js';

/**
 * Contact lists (L1): a name, the region numbers are read in when a row does not say, and the
 * time zone used when neither a column, a postal code nor the number tells. Record counts
 * cover committed imports only.
 */
export interface ListView {
  id: number;
  name: string;
  defaultRegion: string;
  defaultTimeZone: string | null;
  recordCount: number;
  importCount: number;
  runningImports: number;
  /** The newest import, whatever its status (the console's list table). */
  lastImport: { id: number; status: 'running' | 'committed' | 'failed'; startedAt: string; finishedAt: string | null } | null;
  /** Campaigns using the list (not deleted): appending to it is allowed while they run (L2). */
  campaigns: Array<{ id: number; name: string; status: string }>;
  createdAt: string;
}

export interface CreateListInput {
  name: string;
  defaultRegion: string;
  defaultTimeZone?: string | null | undefined;
}

export async function getListRow(db: Kysely<Database>, id: number) {
  const list = await db.selectFrom('contact_lists').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!list) throw notFound('List', id);
  return list;
}

export async function createList(db: Kysely<Database>, clock: Clock, actor: Actor, input: CreateListInput): Promise<ListView> {
  const region = checkRegion(input.defaultRegion);
  const zone = input.defaultTimeZone ? checkZone(input.defaultTimeZone) : null;
  await assertNameFree(db, input.name);
  const row = await db
    .insertInto('contact_lists')
    .values({ name: input.name, default_region: region, default_time_zone: zone, created_by: actor.userId, created_at: clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getList(db, row.id);
}

function listQuery(db: Kysely<Database>) {
  // Each committed import added `imported` records, `replaced` of which took the place of records already there.
  return db
    .selectFrom('contact_lists as l')
    .leftJoin('list_imports as i', 'i.list_id', 'l.id')
    .select((eb) => [
      'l.id',
      'l.name',
      'l.default_region',
      'l.default_time_zone',
      'l.created_at',
      eb.fn.coalesce(eb.fn.sum<number>(sql`CASE WHEN i.status = 'committed' THEN i.imported - i.replaced ELSE 0 END`), sql<number>`0`).as('records'),
      eb.fn.count<number>(sql`CASE WHEN i.status = 'committed' THEN 1 END`).as('imports'),
      eb.fn.count<number>(sql`CASE WHEN i.status = 'running' THEN 1 END`).as('running'),
    ])
    .where('l.deleted_at', 'is', null)
    .groupBy(['l.id', 'l.name', 'l.default_region', 'l.default_time_zone', 'l.created_at']);
}

type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>;

const toView = (r: ListRow): Omit<ListView, 'lastImport' | 'campaigns'> => ({
  id: r.id,
  name: r.name,
  defaultRegion: r.default_region,
  defaultTimeZone: r.default_time_zone,
  recordCount: Number(r.records),
  importCount: Number(r.imports),
  runningImports: Number(r.running),
  createdAt: r.created_at.toISOString(),
});

export async function getList(db: Kysely<Database>, id: number): Promise<ListView> {
  const row = await listQuery(db).where('l.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('List', id);
  return (await withUse(db, [toView(row)]))[0]!;
}

/** Adds each list's newest import and the campaigns using it. */
async function withUse(db: Kysely<Database>, lists: Array<Omit<ListView, 'lastImport' | 'campaigns'>>): Promise<ListView[]> {
  const ids = lists.map((l) => l.id);
  if (ids.length === 0) return [];
  const [imports, campaigns] = await Promise.all([
    db
      .selectFrom('list_imports')
      .select(['id', 'list_id', 'status', 'started_at', 'finished_at'])
      .where('id', 'in', db.selectFrom('list_imports').select((eb) => eb.fn.max('id').as('id')).where('list_id', 'in', ids).groupBy('list_id'))
      .execute(),
    db
      .selectFrom('campaign_lists as cl')
      .innerJoin('campaigns as c', 'c.id', 'cl.campaign_id')
      .select(['cl.list_id', 'c.id', 'c.name', 'c.status'])
      .where('cl.list_id', 'in', ids)
      .where('c.deleted_at', 'is', null)
      .orderBy('c.name')
      .execute(),
  ]);
  return lists.map((l) => {
    const last = imports.find((i) => i.list_id === l.id);
    return {
      ...l,
      lastImport: last ? { id: last.id, status: last.status, startedAt: last.started_at.toISOString(), finishedAt: last.finished_at ? last.finished_at.toISOString() : null } : null,
      campaigns: campaigns.filter((c) => c.list_id === l.id).map((c) => ({ id: c.id, name: c.name, status: c.status })),
    };
  });
}

export async function listLists(db: Kysely<Database>, page: PageQuery & { search?: string | undefined }): Promise<Page<ListView>> {
  let base = db.selectFrom('contact_lists').where('deleted_at', 'is', null);
  let query = listQuery(db);
  if (page.search) {
    const pattern = `%${page.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where('name', 'ilike', pattern);
    query = query.where('l.name', 'ilike', pattern);
  }
  const [rows, total] = await Promise.all([
    query.orderBy('l.name').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await withUse(db, rows.map(toView)), total: Number(total.n), limit: page.limit, offset: page.offset };
}

/** Soft delete: the list and its records disappear from every view; a campaign still dialing it must let go first. */
export async function deleteList(db: Kysely<Database>, clock: Clock, id: number): Promise<void> {
  await getListRow(db, id);
  const user = await db
    .selectFrom('campaign_lists as cl')
    .innerJoin('campaigns as c', 'c.id', 'cl.campaign_id')
    .select(['c.id', 'c.name', 'c.status'])
    .where('cl.list_id', '=', id)
    .where('c.deleted_at', 'is', null)
    .where('c.status', 'in', ['running', 'paused'])
    .executeTakeFirst();
  if (user) {
    throw new AppError('conflict', `List ${id} is used by campaign "${user.name}", which is ${user.status}; stop the campaign or detach the list first.`, { campaignId: user.id });
  }
  await db.updateTable('contact_lists').set({ deleted_at: clock.now() }).where('id', '=', id).execute();
}

export function checkRegion(region: string): string {
  const code = region.trim().toUpperCase();
  if (!isSupportedCountry(code as CountryCode)) {
    throw new AppError('validation_failed', `"${region}" is not a country code that phone numbers can be read for; use an ISO 3166 alpha-2 code such as JP, PL or US.`, { region });
  }
  return code;
}

export function checkZone(zone: string): string {
  const valid = validTimeZone(zone);
  if (!valid) throw new AppError('validation_failed', `"${zone}" is not an IANA time zone; use a name such as Asia/Tokyo, Europe/Warsaw or America/New_York.`, { timeZone: zone });
  return valid;
}

async function assertNameFree(db: Kysely<Database>, name: string): Promise<void> {
  const taken = await db
    .selectFrom('contact_lists')
    .select('id')
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (taken) throw new AppError('conflict', `A list named "${name}" already exists (ID ${taken.id}); choose another name, or import into that list to append.`, { listId: taken.id });
}
