import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { userTimeZone } from '../callbacks/search-callbacks.js';
import { parsePeriod } from '../callbacks/search-period.js';
import { checkFilter, visibleCampaignIds } from '../dashboard/read-dashboard.js';
import { validationFailed } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import type { PeriodQuery } from './report-schemas.js';

/**
 * What a report covers (A1, R2): the campaigns the actor may see — admins every campaign that is
 * not deleted, supervisors those they hold a grant on; naming another answers 403 (404 when it
 * does not exist) — and a period read in the report's time zone (the user's by default) as the
 * callback search reads it, at most 366 days long.
 */
export interface ReportScope {
  campaignIds: number[];
  from: Date;
  to: Date;
  timeZone: string;
  now: Date;
}

export const MAX_PERIOD_DAYS = 366;
const DAY = 24 * 3600_000;

export async function readReportScope(db: Kysely<Database>, actor: Actor, q: PeriodQuery, now: Date): Promise<ReportScope> {
  const timeZone = q.timeZone ?? (await userTimeZone(db, actor.userId));
  const { from, to } = parsePeriod(q, timeZone);
  if (!from || !to) throw validationFailed('Give both from and to, e.g. from=2026-03-01&to=2026-03-31.', { fields: ['from', 'to'] });
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY) {
    throw validationFailed(`The period is longer than ${MAX_PERIOD_DAYS} days; ask for a year or less at a time (e.g. one report per month).`, {
      field: 'to',
      from: q.from,
      to: q.to,
      maxDays: MAX_PERIOD_DAYS,
    });
  }
  let campaignIds: number[];
  if (q.campaignId !== undefined) {
    await checkFilter(db, actor, [q.campaignId]);
    campaignIds = [q.campaignId];
  } else {
    campaignIds = [...(await visibleCampaignIds(db, actor))].sort((a, b) => a - b);
  }
  return { campaignIds, from, to, timeZone, now };
}

/** The campaigns' names (and mode, status), for the rows of a report. */
export async function campaignNames(db: Kysely<Database>, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, { name: string; mode: string; status: string }>();
  const rows = await db.selectFrom('campaigns').select(['id', 'name', 'mode', 'status']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, mode: r.mode, status: r.status }]));
}

export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : (100 * part) / whole);
export const average = (sum: number, n: number): number | null => (n === 0 ? null : sum / n);
