import { sql, type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../storage/schema.js';
import type { ReportScope } from './report-scope.js';

/**
 * The campaign report's chart (R2): attempts, connects, abandons and live answers of the campaigns
 * in the report together, per hour when the period is at most two days, else per day, in the
 * report's time zone. Every bucket of the period is present, empty ones with zeros.
 */
export interface SeriesPoint {
  start: string;
  label: string;
  attempts: number;
  connected: number;
  abandoned: number;
  liveAnswers: number;
}

const HOURLY_UP_TO_MS = 2 * 24 * 3600_000;

export async function chartSeries(db: Kysely<Database>, scope: ReportScope): Promise<{ unit: 'hour' | 'day'; points: SeriesPoint[] }> {
  const unit = scope.to.getTime() - scope.from.getTime() <= HOURLY_UP_TO_MS ? 'hour' : 'day';
  const format = unit === 'hour' ? 'yyyy-LL-dd HH:00' : 'yyyy-LL-dd';
  const bucket = sql<string>`to_char(date_trunc(${sql.lit(unit)}, ended_at at time zone ${scope.timeZone}), ${sql.lit(unit === 'hour' ? 'YYYY-MM-DD HH24:00' : 'YYYY-MM-DD')})`;
  const rows =
    scope.campaignIds.length === 0
      ? []
      : await db
          .selectFrom('dial_attempts')
          .select([
            bucket.as('bucket'),
            sql<number>`count(*)`.as('attempts'),
            sql<number>`count(*) filter (where system_result = 'connected')`.as('connected'),
            sql<number>`count(*) filter (where system_result = 'abandoned')`.as('abandoned'),
          ])
          .where('campaign_id', 'in', scope.campaignIds)
          .where('ended_at', '>=', scope.from)
          .where('ended_at', '<', scope.to)
          .groupBy(sql`1`)
          .execute();
  const byLabel = new Map(rows.map((r) => [r.bucket, r]));
  const points: SeriesPoint[] = [];
  const end = DateTime.fromJSDate(scope.to);
  for (let at = DateTime.fromJSDate(scope.from).setZone(scope.timeZone).startOf(unit); at < end; at = at.plus(unit === 'hour' ? { hours: 1 } : { days: 1 })) {
    const label = at.toFormat(format);
    const r = byLabel.get(label);
    const connected = Number(r?.connected ?? 0);
    const abandoned = Number(r?.abandoned ?? 0);
    points.push({ start: at.toUTC().toISO()!, label, attempts: Number(r?.attempts ?? 0), connected, abandoned, liveAnswers: connected + abandoned });
  }
  return { unit, points };
}
