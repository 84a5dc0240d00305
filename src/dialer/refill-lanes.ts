import { isOpenAt, nextOpening } from '../compliance/contactable-time.js';
import { zoneTable } from '../compliance/zone-table.js';
import type { CampaignEngine } from './campaign-engine.js';
import { claimCallbackRecord, claimDueRecords, claimFreshRecords, type ClaimArgs, type ClaimedRecord, dueCallbacks, nextCallbackAt, nextDueAt, recentNumberAttempts } from './claim-records.js';
import { HISTORY_WINDOW_MS } from './number-history.js';
import { claimByLikelihood } from './order-by-likelihood.js';
import type { RefillResult, WorkEntry } from './record-buffer.js';

/**
 * Where a campaign's record buffer gets its records (issue 4 point 4): a lane's refill claims
 * due records first, then fresh ones in the supervisor's order from the contact zones open now
 * (closed zones are not read at all) — or, when the campaign orders by answer likelihood (D4),
 * the likeliest of a bounded candidate window (order-by-likelihood.ts) — and loads the recent
 * calls of their numbers for the dial-time check. A lane that comes back short says when to
 * look again: the next scheduled record, the next zone opening, the next callback window.
 */

/** The zones whose contacts may be called now (zones with no valid time zone too: their records are set aside with the reason). */
export function openZones(e: CampaignEngine, now: Date): { open: string[]; nextOpening: number | null } {
  const open: string[] = [];
  let next: number | null = null;
  for (const key of e.zones) {
    const [tz, country] = key.split('|') as [string, string];
    const zone = zoneTable(tz || e.policy.defaultTimeZone || '');
    if (!zone || isOpenAt(e.policy.hours, zone, now.getTime(), country || null)) {
      open.push(key);
      continue;
    }
    const at = nextOpening(e.policy.hours, zone, now.getTime(), country || null);
    if (at !== null && (next === null || at < next)) next = at;
  }
  return { open, nextOpening: next };
}

export async function fetchLane(e: CampaignEngine, lane: number, limit: number): Promise<RefillResult> {
  const { db, nodeId } = e.ctx;
  const now = e.now;
  const args = { campaignId: e.id, ownerId: lane, nodeId, now, limit };
  const { open, nextOpening: opens } = openZones(e, now);
  const claimed = e.definition.ordering === 'answer_likelihood'
      ? await claimByLikelihood({ db, tallies: e.answers.tallies, defaultTimeZone: e.policy.defaultTimeZone }, args, open)
      : await claimInSortOrder(e, args, open);
  const entries = claimed.map((r): WorkEntry => ({ ...r, campaignId: e.id, callback: null }));
  await loadHistory(e, entries);
  const exhausted = entries.length < limit;
  let wakeAt: Date | null = null;
  if (exhausted) {
    const dueAt = await nextDueAt(db, e.id, lane);
    const times = [dueAt?.getTime(), opens ?? undefined].filter((t): t is number => t !== undefined);
    wakeAt = times.length > 0 ? new Date(Math.min(...times)) : null;
  }
  return { entries, exhausted, wakeAt };
}

/** L3: due records first, by when they fell due, then fresh ones in the supervisor's order. */
async function claimInSortOrder(e: CampaignEngine, args: ClaimArgs, open: readonly string[]): Promise<ClaimedRecord[]> {
  const due = await claimDueRecords(e.ctx.db, args);
  const fresh = await claimFreshRecords(e.ctx.db, { ...args, limit: args.limit - due.length, zones: open });
  return [...due, ...fresh];
}

export async function fetchCallbacks(e: CampaignEngine, limit: number): Promise<RefillResult> {
  const { db, nodeId } = e.ctx;
  const now = e.now;
  const due = await dueCallbacks(db, e.id, now, limit, [...e.callbacksInHand]);
  const entries: WorkEntry[] = [];
  for (const cb of due) {
    if (e.active.has(cb.recordId) || e.callbacksInHand.has(cb.callbackId)) continue;
    const claimed = await claimCallbackRecord(db, { campaignId: e.id, recordId: cb.recordId, nodeId, now });
    if (!claimed) continue;
    e.callbacksInHand.add(cb.callbackId);
    entries.push({ ...claimed, pendingCallbackId: cb.callbackId, campaignId: e.id, callback: cb });
  }
  await loadHistory(e, entries);
  const exhausted = due.length < limit;
  return { entries, exhausted, wakeAt: exhausted ? await nextCallbackAt(db, e.id, now) : null };
}

export async function loadHistory(e: CampaignEngine, entries: readonly WorkEntry[]): Promise<void> {
  const numbers = entries.flatMap((x) => [...x.phones.map((p) => p.number), ...(x.callback ? [x.callback.phone] : [])]);
  e.history.load(await recentNumberAttempts(e.ctx.db, numbers, new Date(e.now.getTime() - HISTORY_WINDOW_MS)));
}
