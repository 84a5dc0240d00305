import { wallClock } from '../callbacks/zoned-time';

/**
 * R2: the reports' shared filters as the address bar keeps them (so a reload or a shared link
 * opens the same report): the period (`from`, `to`: dates, as GET /api/reports/* read them),
 * `timeZone`, `campaignId` and `agentId`. A missing period is today in the zone.
 */
export interface Filters {
  from: string;
  to: string;
  timeZone: string;
  campaignId: string;
  agentId: string;
}

export const SHARED_KEYS = ['from', 'to', 'timeZone', 'campaignId', 'agentId'] as const;

export function todayIn(timeZone: string): string {
  try {
    return wallClock(new Date().toISOString(), timeZone).date;
  } catch {
    return wallClock(new Date().toISOString(), 'UTC').date;
  }
}

export function filtersFromUrl(search: string, defaultZone: string): Filters {
  const q = new URLSearchParams(search);
  const timeZone = q.get('timeZone') || defaultZone;
  const today = todayIn(timeZone);
  return { from: q.get('from') || today, to: q.get('to') || today, timeZone, campaignId: q.get('campaignId') ?? '', agentId: q.get('agentId') ?? '' };
}

/** YYYY-MM-DD moved by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

export const QUICK = ['today', 'yesterday', 'last7', 'thisMonth'] as const;
export type Quick = (typeof QUICK)[number];

export function quickPeriod(quick: Quick, timeZone: string): { from: string; to: string } {
  const today = todayIn(timeZone);
  switch (quick) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** The API's parameters for a report: the period, the zone, the campaign, and the agent under the name the endpoint reads. */
export function reportParams(f: Filters, agentParam?: 'userId' | 'agentId'): URLSearchParams {
  const q = new URLSearchParams({ from: f.from, to: f.to, timeZone: f.timeZone });
  if (f.campaignId) q.set('campaignId', f.campaignId);
  if (agentParam && f.agentId) q.set(agentParam, f.agentId);
  return q;
}

/** The address bar's query string with some keys changed (empty values dropped). */
export function withParams(search: string, changes: Record<string, string>): string {
  const q = new URLSearchParams(search);
  for (const [k, v] of Object.entries(changes)) {
    if (v) q.set(k, v);
    else q.delete(k);
  }
  return q.toString();
}

/** Only the shared filters of a query string: what a tab passes to the next one. */
export function sharedOnly(search: string): string {
  const from = new URLSearchParams(search);
  const q = new URLSearchParams();
  for (const k of SHARED_KEYS) {
    const v = from.get(k);
    if (v) q.set(k, v);
  }
  return q.toString();
}

export function csvHref(path: string, params: URLSearchParams, encoding: 'utf-8' | 'shift_jis'): string {
  const q = new URLSearchParams(params);
  q.set('encoding', encoding);
  return `/api/reports/${path}.csv?${q}`;
}
