import { sql, type Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { PREVIEW_MODES } from '../campaigns/campaign-definition.js';
import { loadCampaignDefinition } from '../campaigns/load-campaign-definition.js';
import { compileDialPolicy } from '../compliance/dial-policy.js';
import { INTERNAL_LIST_NAME } from '../dnc/dnc-views.js';
import type { DoNotCall } from '../dnc/do-not-call.js';
import { getRecord } from '../records/get-record.js';
import type { Clock } from '../shared/clock.js';
import type { Database } from '../storage/schema.js';
import { chooseNumber } from './choose-number.js';
import { loadCampaignRecord, recentNumberAttempts } from './claim-records.js';
import { HISTORY_WINDOW_MS, NumberHistory } from './number-history.js';
import { OWNER_PROBLEMS } from './seed-campaign-records.js';

/**
 * J6 "why is this record not being dialed?" (issue 4 point 5): the record's state in the
 * campaign and, number by number, the dial-time decision as it stands now — the same
 * `mayDial` the engine runs — with the reason and when it could next be dialed. Staff see any
 * record; an agent only a record they may see (their own, or one they hold a callback on).
 */
export interface DialStatus {
  recordId: number;
  campaignId: number;
  campaignStatus: string;
  /** not_queued (not in the campaign's batch), pending, in_progress, callback, done, set_aside. */
  recordStatus: string;
  dialableNow: boolean;
  reason: string | null;
  message: string;
  nextAllowedAt: string | null;
  attempts: number;
  maxAttemptsPerRecord: number;
  skips: number;
  pendingCallback: { id: number; windowStart: string; timeZone: string; assignee: string | null } | null;
  numbers: Array<{ number: string; type: string; allowed: boolean; reason: string | null; message: string | null; nextAllowedAt: string | null }>;
}

const ownerText: Record<string, string> = {
  unknown_owner: 'its owner (email or user ID) matches no user',
  owner_disabled: "its owner's account is disabled",
  not_in_queue: "its owner is not a member of the campaign's queue",
};

export async function getDialStatus(deps: { db: Kysely<Database>; dnc: DoNotCall; clock: Clock }, actor: Actor, recordId: number, campaignId: number): Promise<DialStatus> {
  const { db, dnc, clock } = deps;
  await getRecord(db, actor, recordId); // 404 unless the actor may see the record
  const campaign = await loadCampaignDefinition(db, campaignId);
  const d = campaign.definition;
  const now = clock.now();
  const base = { recordId, campaignId, campaignStatus: campaign.status, maxAttemptsPerRecord: d.retryRules.maxAttemptsPerRecord };
  const cr = await loadCampaignRecord(db, campaignId, recordId);
  if (!cr) {
    return {
      ...base, recordStatus: 'not_queued', dialableNow: false, reason: 'not_queued', nextAllowedAt: null, attempts: 0, skips: 0, pendingCallback: null, numbers: [],
      message: `The record is not in campaign ${campaignId}'s current run: its list is not attached, its import is not committed yet, or the campaign has not been started since it was added.`,
    };
  }
  const [dncLists, internal, callback] = await Promise.all([
    db.selectFrom('campaign_dnc_lists').select('dnc_list_id').where('campaign_id', '=', campaignId).execute(),
    db.selectFrom('dnc_lists').select('id').where(sql<string>`lower(name)`, '=', INTERNAL_LIST_NAME.toLowerCase()).executeTakeFirst(),
    cr.pendingCallbackId === null
      ? Promise.resolve(undefined)
      : db.selectFrom('callbacks as c').leftJoin('users as u', 'u.id', 'c.assignee_id').select(['c.id', 'c.window_start', 'c.time_zone', 'u.display_name']).where('c.id', '=', cr.pendingCallbackId).executeTakeFirst(),
  ]);
  const ids = dncLists.map((l) => l.dnc_list_id);
  if (internal && ids.length > 0 && !ids.includes(internal.id)) ids.push(internal.id);
  const history = new NumberHistory();
  history.load(await recentNumberAttempts(db, cr.phones.map((p) => p.number), new Date(now.getTime() - HISTORY_WINDOW_MS)));
  const policy = compileDialPolicy({ regulatoryProfile: d.regulatoryProfile, contactableTimes: d.contactableTimes, maxAttemptsPerRecord: d.retryRules.maxAttemptsPerRecord, maxAttemptsPerNumberPerDay: d.retryRules.maxAttemptsPerNumberPerDay });
  const guaranteed = PREVIEW_MODES.includes(d.mode) || d.mode === 'progressive';
  const choice = chooseNumber(cr, { policy, isBlocked: (n) => (ids.length === 0 ? dnc.isBlocked(n) : dnc.isBlocked(n, ids)), history, agentGuaranteed: guaranteed, now });
  const numbers = choice.verdicts.map((v) => ({
    number: v.number,
    type: v.type,
    allowed: v.decision.allowed,
    reason: v.decision.allowed ? null : v.decision.reason,
    message: v.decision.allowed ? null : v.decision.message,
    nextAllowedAt: v.decision.allowed || !v.decision.nextAllowedAt ? null : v.decision.nextAllowedAt.toISOString(),
  }));
  const pendingCallback = callback ? { id: Number(callback.id), windowStart: callback.window_start.toISOString(), timeZone: callback.time_zone, assignee: callback.display_name } : null;
  const common = { ...base, recordStatus: cr.status, attempts: cr.attempts, skips: cr.skips, pendingCallback, numbers };
  const stop = (reason: string, message: string, next: Date | null = null): DialStatus => ({ ...common, dialableNow: false, reason, message, nextAllowedAt: next?.toISOString() ?? null });

  if (cr.status === 'done') return stop(cr.reason ?? 'done', `The record is finished in this run (${cr.reason ?? 'done'}); it is dialed again only after a recycle.`);
  if (cr.status === 'set_aside') {
    const why = (OWNER_PROBLEMS as readonly string[]).includes(cr.reason ?? '') ? `${ownerText[cr.reason!]} (O3)` : (choice.allowed ? cr.reason : choice.message) ?? cr.reason;
    return stop(cr.reason ?? 'set_aside', `The record is set aside: ${why}. Fix it (or append a corrected file) and it is looked at again.`);
  }
  if (cr.status === 'callback' || pendingCallback) {
    const at = pendingCallback ? ` at ${pendingCallback.windowStart} (${pendingCallback.timeZone})` : '';
    return stop('callback_pending', `Callback ${pendingCallback?.id ?? ''} is pending${pendingCallback?.assignee ? ` with ${pendingCallback.assignee}` : ' for anyone in the queue'}${at}; only that callback dials the record (C7).`, pendingCallback ? new Date(pendingCallback.windowStart) : null);
  }
  if (cr.status === 'in_progress') return stop('in_progress', 'The record is being worked right now: buffered for dialing, offered to an agent, in a call or in wrap-up.');
  if (campaign.status !== 'running') return stop('campaign_not_running', `Campaign ${campaignId} is ${campaign.status}; nothing is dialed until it runs.`);
  if (cr.nextAttemptAt && cr.nextAttemptAt > now) {
    const waitFor = !choice.allowed && choice.nextAllowedAt && choice.nextAllowedAt > cr.nextAttemptAt ? choice.nextAllowedAt : cr.nextAttemptAt;
    const also = !choice.allowed && waitFor !== cr.nextAttemptAt ? ` Then: ${choice.message}` : '';
    return stop('scheduled', `The record is scheduled for ${cr.nextAttemptAt.toISOString()} (a retry rule, a skip, a snooze or an earlier refusal).${also}`, waitFor);
  }
  if (!choice.allowed) return stop(choice.reason, choice.message, choice.nextAllowedAt);
  return { ...common, dialableNow: true, reason: null, nextAllowedAt: null, message: `It may be dialed now (${choice.number}); it waits its turn in the campaign's order.` };
}
