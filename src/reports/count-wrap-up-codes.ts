import { sql, type Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../shared/clock.js';
import type { Database } from '../storage/schema.js';
import { campaignCodes } from './campaign-codes.js';
import { campaignNames, percent, readReportScope } from './report-scope.js';
import type { PeriodQuery, WrapUpReport, WrapUpRow } from './report-schemas.js';

/**
 * R2, results by wrap-up code: per campaign and code, the attempts of the period (by the time each
 * ended) wrapped up with it, and their share of the campaign's wrapped-up attempts. Every code the
 * campaign has now is listed, used or not (in the campaign's order), then codes it no longer has.
 */
export async function countWrapUpCodes(db: Kysely<Database>, clock: Clock, actor: Actor, query: PeriodQuery): Promise<WrapUpReport> {
  const scope = await readReportScope(db, actor, query, clock.now());
  const ids = scope.campaignIds;
  const [rows, codes, names] = await Promise.all([
    ids.length === 0
      ? []
      : db
          .selectFrom('dial_attempts')
          .select(['campaign_id', 'wrap_up_code', sql<string | null>`max(wrap_up_outcome)`.as('outcome'), sql<number>`count(*)`.as('n')])
          .where('campaign_id', 'in', ids)
          .where('ended_at', '>=', scope.from)
          .where('ended_at', '<', scope.to)
          .where('wrap_up_code', 'is not', null)
          .groupBy(['campaign_id', 'wrap_up_code'])
          .execute(),
    campaignCodes(db, ids),
    campaignNames(db, ids),
  ]);
  const items: WrapUpRow[] = [];
  for (const campaignId of ids) {
    const used = rows.filter((r) => r.campaign_id === campaignId);
    const total = used.reduce((sum, r) => sum + Number(r.n), 0);
    const campaignName = names.get(campaignId)?.name ?? String(campaignId);
    const seen = new Set<string>();
    for (const c of codes.get(campaignId) ?? []) {
      const hits = used.filter((r) => r.wrap_up_code!.toLowerCase() === c.code.toLowerCase());
      hits.forEach((r) => seen.add(r.wrap_up_code!));
      const count = hits.reduce((sum, r) => sum + Number(r.n), 0);
      items.push({ campaignId, campaignName, code: c.code, label: c.label, outcome: c.outcome, count, sharePercent: percent(count, total) });
    }
    for (const r of used.filter((u) => !seen.has(u.wrap_up_code!))) {
      const count = Number(r.n);
      items.push({ campaignId, campaignName, code: r.wrap_up_code!, label: r.wrap_up_code!, outcome: r.outcome, count, sharePercent: percent(count, total) });
    }
  }
  return { from: scope.from.toISOString(), to: scope.to.toISOString(), timeZone: scope.timeZone, asOf: scope.now.toISOString(), items };
}
