import { sql, type Kysely, type Selectable } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../shared/clock.js';
import type { Page } from '../shared/pagination.js';
import type { Database, DialAttemptsTable } from '../storage/schema.js';
import { campaignCodes, codeLabel } from './campaign-codes.js';
import { readReportScope, type ReportScope } from './report-scope.js';
import type { AttemptFilters, AttemptQuery, AttemptView } from './report-schemas.js';

/**
 * R2, attempt history: the attempts of the campaigns the actor may see that ended in the period
 * (open ones with `result=in_progress`, by when they were queued), every filter narrowing (AND).
 * The filters stay on `dial_attempts` (records only in an IN-subquery), so counting and finding a
 * page read the attempts and their `(campaign_id, ended_at)` index; only the page's rows are
 * joined with records, lists, campaigns and agents for display.
 */
export async function searchAttempts(db: Kysely<Database>, clock: Clock, actor: Actor, query: AttemptQuery): Promise<Page<AttemptView>> {
  const { filtered } = await filterAttempts(db, clock, actor, query);
  const [items, count] = await Promise.all([
    attemptPage(db, filtered, query, query.limit, query.offset),
    filtered.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), limit: query.limit, offset: query.offset };
}

const base = (db: Kysely<Database>) => db.selectFrom('dial_attempts as a');
export type FilteredAttempts = ReturnType<typeof base>;

export async function filterAttempts(db: Kysely<Database>, clock: Clock, actor: Actor, f: AttemptFilters): Promise<{ filtered: FilteredAttempts; scope: ReportScope }> {
  const scope = await readReportScope(db, actor, f, clock.now());
  let q = base(db).where('a.campaign_id', 'in', scope.campaignIds.length > 0 ? scope.campaignIds : [0]);
  const open = f.result?.includes('in_progress') ?? false;
  q = q.where((eb) => {
    const ended = eb.and([eb('a.ended_at', '>=', scope.from), eb('a.ended_at', '<', scope.to)]);
    if (!open) return ended;
    return eb.or([ended, eb.and([eb('a.ended_at', 'is', null), eb('a.queued_at', '>=', scope.from), eb('a.queued_at', '<', scope.to)])]);
  });
  if (f.result) {
    const results = f.result.filter((r) => r !== 'no_call' && r !== 'in_progress');
    const noCall = f.result.includes('no_call');
    q = q.where((eb) =>
      eb.or([
        ...(results.length > 0 ? [eb('a.system_result', 'in', results)] : []),
        ...(noCall ? [eb('a.number_dialed', 'is', null)] : []),
        ...(open ? [eb.and([eb('a.ended_at', 'is', null), eb('a.number_dialed', 'is not', null)])] : []),
      ]),
    );
  }
  if (f.agentId !== undefined) q = q.where('a.agent_id', '=', f.agentId);
  if (f.code) q = q.where(sql`lower(a.wrap_up_code)`, 'in', f.code.map((c) => c.toLowerCase()));
  if (f.phone !== undefined) {
    const digits = digitsOf(f.phone);
    q = digits === '' ? q.where(sql<boolean>`false`) : q.where('a.number_dialed', 'like', `%${digits}%`);
  }
  if (f.name !== undefined) {
    const pattern = contains(f.name);
    q = q.where('a.record_id', 'in', (eb) =>
      eb.selectFrom('contact_records').select(sql<number>`id`.as('id')).where((w) => w.or([w('name', 'ilike', pattern), w('phonetic_name', 'ilike', pattern)])),
    );
  }
  return { filtered: q, scope };
}

/** Digits in any format; leading zeros (a trunk or international prefix) dropped, so 03-1234-5678 finds +81312345678. */
export const digitsOf = (input: string): string => input.replace(/\D/g, '').replace(/^0+/, '');

/** ILIKE pattern for "contains", with the pattern characters taken literally. */
export const contains = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const SORTS = {
  endedAt: sql`a.ended_at`,
  queuedAt: sql`a.queued_at`,
  talkMs: sql`(a.ended_at - a.connected_at)`,
  result: sql`a.system_result`,
  code: sql`a.wrap_up_code`,
} as const;

/** One page in the asked order (ties by ID, so pages neither repeat nor skip rows), as display rows. */
export async function attemptPage(db: Kysely<Database>, q: FilteredAttempts, s: Pick<AttemptFilters, 'sort' | 'order'>, limit: number, offset: number): Promise<AttemptView[]> {
  const dir = sql.raw(s.order === 'asc' ? 'asc nulls first' : 'desc nulls last');
  const ids = q.select('a.id');
  const ordered =
    s.sort === 'name'
      ? ids.leftJoin('contact_records as r', 'r.id', 'a.record_id').orderBy(sql`r.name ${dir}`)
      : s.sort === 'campaign'
        ? ids.innerJoin('campaigns as k', 'k.id', 'a.campaign_id').orderBy(sql`k.name ${dir}`)
        : s.sort === 'agent'
          ? ids.leftJoin('users as u', 'u.id', 'a.agent_id').orderBy(sql`u.display_name ${dir}`)
          : ids.orderBy(sql`${SORTS[s.sort]} ${dir}`);
  const found = await ordered.orderBy('a.id', s.order).limit(limit).offset(offset).execute();
  if (found.length === 0) return [];
  const rows = await db
    .selectFrom('dial_attempts as a')
    .innerJoin('campaigns as k', 'k.id', 'a.campaign_id')
    .leftJoin('contact_records as r', 'r.id', 'a.record_id')
    .leftJoin('contact_lists as l', (j) => j.onRef('l.id', '=', 'r.list_id').on('l.deleted_at', 'is', null))
    .leftJoin('users as u', 'u.id', 'a.agent_id')
    .selectAll('a')
    .select(['k.name as campaign_name', 'r.name', 'r.phonetic_name', 'l.id as list_id', 'l.name as list_name', 'u.display_name as agent_name'])
    .where('a.id', 'in', found.map((r) => r.id))
    .execute();
  const codes = await campaignCodes(db, [...new Set(rows.map((r) => r.campaign_id))]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return found.flatMap((f) => {
    const r = byId.get(f.id);
    return r ? [toView(r, codeLabel(codes, r.campaign_id, r.wrap_up_code))] : [];
  });
}

type Row = Selectable<DialAttemptsTable> & {
  campaign_name: string;
  name: string | null;
  phonetic_name: string | null;
  list_id: number | null;
  list_name: string | null;
  agent_name: string | null;
};

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const span = (from: Date | null, to: Date | null): number | null => (from && to ? to.getTime() - from.getTime() : null);

function toView(r: Row, label: string | null): AttemptView {
  const result = r.system_result ?? (r.number_dialed === null ? 'no_call' : 'in_progress');
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    batch: r.batch,
    recordId: Number(r.record_id),
    name: r.name,
    phoneticName: r.phonetic_name,
    listId: r.list_id,
    listName: r.list_name,
    phone: r.number_dialed,
    agentId: r.agent_id,
    agentName: r.agent_name,
    origin: r.origin,
    callbackId: r.callback_id === null ? null : Number(r.callback_id),
    queuedAt: r.queued_at.toISOString(),
    dialedAt: iso(r.dialed_at),
    answeredAt: iso(r.answered_at),
    connectedAt: iso(r.connected_at),
    endedAt: iso(r.ended_at),
    wrappedUpAt: iso(r.wrapped_up_at),
    result,
    amdDecision: r.amd_decision,
    endedBy: r.ended_by,
    ringMs: span(r.dialed_at, r.answered_at ?? r.ended_at),
    waitMs: span(r.answered_at, r.connected_at),
    greetingEndedAt: iso(r.greeting_ended_at),
    greetingToAgentMs: span(r.greeting_ended_at, r.connected_at),
    talkMs: span(r.connected_at, r.ended_at),
    holdMs: r.hold_ms,
    wrapMs: r.number_dialed === null ? null : span(r.ended_at, r.wrapped_up_at),
    code: r.wrap_up_code,
    codeLabel: label ?? r.wrap_up_code,
    outcome: r.wrap_up_outcome,
    notes: r.notes,
  };
}
