import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { checkContactableTimes, normalizeContactableTimes, type ContactableTimes, type ContactableTimesInput } from '../campaigns/contactable-times.js';
import { throwIfIssues, type Issue } from '../campaigns/issues.js';
import { checkWrapUpCodes, checkWrapUpInput, mergeWrapUpCodes, type WrapUpCode, type WrapUpCodeInput } from '../campaigns/wrap-up-codes.js';
import type { Clock } from '../shared/clock.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Database, TemplateKind } from '../storage/schema.js';

/**
 * Named settings campaigns start from (issue 6 point 7): wrap-up code sets (D8) and
 * contactable-time templates (L5). Administrators keep them; supervisors and administrators
 * read them to fill a campaign's codes or hours, which the campaign then holds as its own copy.
 * A set is checked by the same rules as a campaign's field, so a campaign built from it is
 * valid. Names are unique per kind, ignoring case.
 */
export interface WrapUpCodeSet {
  id: number;
  name: string;
  /** The system codes (as overridden by the set) followed by the set's own, as a campaign holds them. */
  codes: WrapUpCode[];
  updatedAt: string;
  updatedBy: string | null;
}

export interface ContactableTimeTemplate {
  id: number;
  name: string;
  contactableTimes: ContactableTimes;
  updatedAt: string;
  updatedBy: string | null;
}

interface Kind<Input, View> {
  kind: TemplateKind;
  /** For messages: "wrap-up code set". */
  noun: string;
  /** The stored body, with every default filled in, and what is wrong with it. */
  prepare(input: Input, actorTimeZone: string): { body: Record<string, unknown>; issues: Issue[] };
  view(row: TemplateRow): View;
}

interface TemplateRow {
  id: number;
  name: string;
  body: Record<string, unknown>;
  updated_at: Date;
  updated_by_name: string | null;
}

const meta = (row: TemplateRow) => ({ id: row.id, name: row.name, updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by_name });

/** Issue paths name the field of this resource ("codes.2.label"), not the campaign's. */
const renamePaths = (issues: Issue[], from: string, to: string): Issue[] => issues.map((i) => ({ ...i, path: i.path.replace(from, to) }));

export const wrapUpCodeSets: Kind<{ codes: WrapUpCodeInput[] }, WrapUpCodeSet> = {
  kind: 'wrap_up_codes',
  noun: 'wrap-up code set',
  prepare(input) {
    const codes = mergeWrapUpCodes(input.codes);
    const issues = [...checkWrapUpInput(input.codes), ...checkWrapUpCodes(codes, null)];
    return { body: { codes: input.codes }, issues: renamePaths(issues, 'wrapUpCodes', 'codes') };
  },
  view: (row) => ({ ...meta(row), codes: mergeWrapUpCodes((row.body.codes ?? []) as WrapUpCodeInput[]) }),
};

export const contactableTimeTemplates: Kind<{ contactableTimes: ContactableTimesInput }, ContactableTimeTemplate> = {
  kind: 'contactable_times',
  noun: 'contactable-time template',
  prepare(input, actorTimeZone) {
    const times = normalizeContactableTimes(input.contactableTimes, actorTimeZone);
    // The regulatory profile belongs to the campaign: it checks the hours again (TCPA) when it takes them.
    return { body: { contactableTimes: times }, issues: checkContactableTimes(times, 'none') };
  },
  view: (row) => ({ ...meta(row), contactableTimes: normalizeContactableTimes((row.body.contactableTimes ?? {}) as ContactableTimesInput, 'UTC') }),
};

function selectTemplates(db: Kysely<Database>, kind: TemplateKind) {
  return db
    .selectFrom('setting_templates')
    .leftJoin('users', 'users.id', 'setting_templates.updated_by')
    .select(['setting_templates.id', 'setting_templates.name', 'setting_templates.body', 'setting_templates.updated_at', 'users.display_name as updated_by_name'])
    .where('setting_templates.kind', '=', kind);
}

export async function listTemplates<I, V>(db: Kysely<Database>, k: Kind<I, V>): Promise<V[]> {
  const rows = await selectTemplates(db, k.kind).orderBy('setting_templates.name').execute();
  return rows.map((r) => k.view(r));
}

export async function getTemplate<I, V>(db: Kysely<Database>, k: Kind<I, V>, id: number): Promise<V> {
  const row = await selectTemplates(db, k.kind).where('setting_templates.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(capitalized(k.noun), id);
  return k.view(row);
}

/** Creates (id undefined) or replaces a template; nothing is written unless every rule holds. */
export async function saveTemplate<I, V>(db: Kysely<Database>, clock: Clock, actor: Actor, k: Kind<I, V>, input: I & { name: string }, id?: number): Promise<V> {
  const user = await db.selectFrom('users').select('time_zone').where('id', '=', actor.userId).executeTakeFirst();
  const { body, issues } = k.prepare(input, user?.time_zone ?? 'UTC');
  throwIfIssues(issues, `The ${k.noun}`);
  await assertNameFree(db, k, input.name, id);
  const now = clock.now();
  if (id === undefined) {
    const row = await db
      .insertInto('setting_templates')
      .values({ kind: k.kind, name: input.name, body: JSON.stringify(body), created_at: now, created_by: actor.userId, updated_at: now, updated_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return getTemplate(db, k, row.id);
  }
  const res = await db
    .updateTable('setting_templates')
    .set({ name: input.name, body: JSON.stringify(body), updated_at: now, updated_by: actor.userId })
    .where('id', '=', id)
    .where('kind', '=', k.kind)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound(capitalized(k.noun), id);
  return getTemplate(db, k, id);
}

export async function deleteTemplate<I, V>(db: Kysely<Database>, k: Kind<I, V>, id: number): Promise<void> {
  const res = await db.deleteFrom('setting_templates').where('id', '=', id).where('kind', '=', k.kind).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound(capitalized(k.noun), id);
}

async function assertNameFree<I, V>(db: Kysely<Database>, k: Kind<I, V>, name: string, exceptId?: number): Promise<void> {
  let query = db
    .selectFrom('setting_templates')
    .select('id')
    .where('kind', '=', k.kind)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const clash = await query.executeTakeFirst();
  if (clash) throw new AppError('conflict', `A ${k.noun} named "${name}" already exists; choose another name or edit that one.`, { id: clash.id });
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
