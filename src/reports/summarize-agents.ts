import { sql, type Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../shared/clock.js';
import type { Database } from '../storage/schema.js';
import { average, readReportScope, type ReportScope } from './report-scope.js';
import type { AgentReport, AgentReportQuery, AgentReportRow } from './report-schemas.js';

/**
 * R2, the agent report: per agent, time in each state over the period and the work done in the
 * report's campaigns. Times come from `agent_state_changes` (a state lasts from its change to the
 * agent's next one): an interval that straddles a period boundary is clipped to the period, and
 * an agent still in a state counts up to now. An agent's state is one across the campaigns they
 * joined, so times are the agent's whole timeline; calls, handle time, skips and completed records
 * count only the report's campaigns.
 *
 * The agents are those of the campaigns' queues, and anyone who worked in the campaigns during
 * the period (state changes or attempts there); agents with nothing in the period are left out.
 */
export async function summarizeAgents(db: Kysely<Database>, clock: Clock, actor: Actor, query: AgentReportQuery): Promise<AgentReport> {
  const scope = await readReportScope(db, actor, query, clock.now());
  const header = { from: scope.from.toISOString(), to: scope.to.toISOString(), timeZone: scope.timeZone, asOf: scope.now.toISOString() };
  let users = await agentsOf(db, scope);
  if (query.userId !== undefined) users = users.filter((u) => u === query.userId);
  if (users.length === 0) return { ...header, items: [] };
  const [times, calls, events, people] = await Promise.all([
    stateTimes(db, scope, users),
    callFigures(db, scope, users),
    eventCounts(db, scope, users),
    db.selectFrom('users').select(['id', 'display_name', 'user_code']).where('id', 'in', users).execute(),
  ]);
  const items: AgentReportRow[] = people.map((p) => {
    const t = times.get(p.id) ?? new Map<string, number>();
    const c = calls.get(p.id);
    const e = events.get(p.id);
    const state = (...names: string[]) => names.reduce((sum, n) => sum + (t.get(n) ?? 0), 0);
    const notReadyByReason = [...t.entries()]
      .filter(([k]) => k.startsWith('not_ready|'))
      .map(([k, ms]) => ({ reason: k.slice('not_ready|'.length), ms }))
      .sort((a, b) => b.ms - a.ms || a.reason.localeCompare(b.reason));
    const handled = c?.handled ?? 0;
    return {
      userId: p.id,
      name: p.display_name,
      userCode: p.user_code,
      loggedInMs: [...t.entries()].filter(([k]) => !k.startsWith('not_ready|')).reduce((sum, [, ms]) => sum + ms, 0),
      idleMs: state('ready'),
      offeredMs: state('reserved.offered'),
      previewingMs: state('reserved.previewing'),
      dialingMs: state('on_call.dialing', 'on_call.ringing', 'on_call.amd'),
      talkMs: state('on_call.active', 'on_call.held'),
      holdMs: state('on_call.held'),
      wrapMs: state('wrap_up'),
      notReadyMs: state('not_ready'),
      notReadyByReason,
      callsHandled: handled,
      avgHandleMs: average(c?.handleMs ?? 0, handled),
      dials: c?.dials ?? 0,
      skips: e?.skips ?? 0,
      recordsCompleted: e?.completed ?? 0,
    };
  });
  const active = items.filter((i) => i.loggedInMs > 0 || i.callsHandled > 0 || i.dials > 0 || i.skips > 0 || i.recordsCompleted > 0);
  return { ...header, items: active.sort((a, b) => a.name.localeCompare(b.name) || a.userId - b.userId) };
}

/** Members of the campaigns' queues, and whoever worked in the campaigns in the period. */
async function agentsOf(db: Kysely<Database>, scope: ReportScope): Promise<number[]> {
  const ids = scope.campaignIds;
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('queue_members')
    .select('user_id')
    .where('queue_id', 'in', (eb) => eb.selectFrom('campaigns').select('queue_id').where('id', 'in', ids))
    .union((eb) => eb.selectFrom('agent_state_changes').select('user_id').where('campaign_id', 'in', ids).where('at', '>=', scope.from).where('at', '<', scope.to))
    .union((eb) =>
      eb
        .selectFrom('dial_attempts')
        .select(sql<number>`agent_id`.as('user_id'))
        .where('campaign_id', 'in', ids)
        .where('ended_at', '>=', scope.from)
        .where('ended_at', '<', scope.to)
        .where('agent_id', 'is not', null),
    )
    .execute();
  return rows.map((r) => Number(r.user_id)).sort((a, b) => a - b);
}

/**
 * Milliseconds per agent and state ("not_ready|<reason>" as well as "not_ready"), clipped to
 * the period and to now. Each agent's state at the start is their last change before it (one
 * index probe of `(user_id, at)` per agent); the changes in the period are one range scan each.
 */
async function stateTimes(db: Kysely<Database>, scope: ReportScope, users: number[]): Promise<Map<number, Map<string, number>>> {
  const end = new Date(Math.min(scope.to.getTime(), scope.now.getTime()));
  const { rows } = await sql<{ user_id: number; to_state: string; reason: string | null; ms: string | number }>`
    WITH changes AS (
      SELECT user_id, id, to_state, reason, at
        FROM agent_state_changes
       WHERE user_id = ANY(${users}::int[]) AND at >= ${scope.from} AND at < ${scope.to}
      UNION ALL
      SELECT u.id, l.id, l.to_state, l.reason, l.at
        FROM unnest(${users}::int[]) AS u(id)
       CROSS JOIN LATERAL (
         SELECT s.id, s.to_state, s.reason, s.at FROM agent_state_changes s
          WHERE s.user_id = u.id AND s.at < ${scope.from}
          ORDER BY s.at DESC, s.id DESC LIMIT 1
       ) l
    ), spans AS (
      SELECT user_id, to_state, reason,
             greatest(at, ${scope.from}::timestamptz) AS s,
             least(coalesce(lead(at) OVER (PARTITION BY user_id ORDER BY at, id), ${end}::timestamptz), ${end}::timestamptz) AS e
        FROM changes
    )
    SELECT user_id, to_state, CASE WHEN to_state = 'not_ready' THEN coalesce(reason, '') END AS reason,
           sum(extract(epoch from (e - s)) * 1000) AS ms
      FROM spans
     WHERE e > s AND to_state <> 'logged_out'
     GROUP BY 1, 2, 3
  `.execute(db);
  const out = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const t = out.get(r.user_id) ?? new Map<string, number>();
    const ms = Math.round(Number(r.ms));
    t.set(r.to_state, (t.get(r.to_state) ?? 0) + ms);
    if (r.reason !== null) t.set(`not_ready|${r.reason}`, (t.get(`not_ready|${r.reason}`) ?? 0) + ms);
    out.set(r.user_id, t);
  }
  return out;
}

/** Calls of the report's campaigns that ended in the period: handled (reached the agent), handle time, dials. */
async function callFigures(db: Kysely<Database>, scope: ReportScope, users: number[]) {
  const rows = await db
    .selectFrom('dial_attempts')
    .select([
      'agent_id',
      sql<number>`count(*) filter (where connected_at is not null)`.as('handled'),
      sql<number>`coalesce(sum(extract(epoch from (coalesce(wrapped_up_at, ended_at) - connected_at)) * 1000) filter (where connected_at is not null), 0)`.as('handleMs'),
      sql<number>`count(*) filter (where dialed_at is not null)`.as('dials'),
    ])
    .where('campaign_id', 'in', scope.campaignIds)
    .where('ended_at', '>=', scope.from)
    .where('ended_at', '<', scope.to)
    .where('agent_id', 'in', users)
    .groupBy('agent_id')
    .execute();
  return new Map(rows.map((r) => [r.agent_id!, { handled: Number(r.handled), handleMs: Math.round(Number(r.handleMs)), dials: Number(r.dials) }]));
}

/** Skips and completed records (a wrap-up code, its timeout, or a completion without a call) in the report's campaigns. */
async function eventCounts(db: Kysely<Database>, scope: ReportScope, users: number[]) {
  const rows = await db
    .selectFrom('agent_state_changes')
    .select([
      'user_id',
      sql<number>`count(*) filter (where event = 'skip')`.as('skips'),
      sql<number>`count(*) filter (where event in ('complete', 'wrap_up_done', 'wrap_up_timeout'))`.as('completed'),
    ])
    .where('campaign_id', 'in', scope.campaignIds)
    .where('at', '>=', scope.from)
    .where('at', '<', scope.to)
    .where('user_id', 'in', users)
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, { skips: Number(r.skips), completed: Number(r.completed) }]));
}
