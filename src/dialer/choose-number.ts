import type { DialPolicy } from '../compliance/dial-policy.js';
import { type DialDecision, mayDial } from '../compliance/may-dial.js';
import type { PhoneEntry } from '../storage/schema.js';
import type { NumberHistory } from './number-history.js';

/**
 * Compliance at the moment of dialing (issue 4 point 5; L4, L5, L6, C7, P5): every number of a
 * record goes through `mayDial` with the campaign's compiled policy, the contact's zone and
 * country, the record's attempts, the number's recent calls, the pending callback and the
 * do-not-call answer. The first number allowed is the one to dial — the "recommended" number
 * the preview desktop marks (P5). When none is allowed, the answer says why and when the
 * record could next be dialed: the earliest `nextAllowedAt` of its numbers, or null when
 * waiting will not help (do-not-call, attempt limit, no valid number or zone).
 */
export interface DialSubject {
  phones: readonly PhoneEntry[];
  deadNumbers: readonly string[];
  timeZone: string | null;
  region: string | null;
  attempts: number;
  pendingCallbackId: number | null;
}

export interface DialContext {
  policy: DialPolicy;
  /** L4: the campaign's DNC lists plus the internal list; throws when the set cannot answer. */
  isBlocked: (number: string) => boolean;
  history: NumberHistory;
  /** Preview, progressive and delivered callbacks reserve an agent before the call (UK rules). */
  agentGuaranteed: boolean;
  now: Date;
}

export type NumberVerdict = PhoneEntry & { dead: boolean; decision: DialDecision };

export type NumberChoice =
  | { allowed: true; number: string; minRingSeconds: number; verdicts: NumberVerdict[] }
  | {
      allowed: false;
      /** The do-not-call set could not answer (it is reloading or out of step): try again shortly. */
      unavailable: boolean;
      reason: string;
      message: string;
      nextAllowedAt: Date | null;
      verdicts: NumberVerdict[];
    };

const DEAD: DialDecision = {
  allowed: false,
  reason: 'invalid_number',
  message: 'This number was found not to work (bad number) on an earlier attempt in this batch.',
  nextAllowedAt: null,
  blockers: ['invalid_number'],
};

/**
 * Checks each number (or only `options.only`, the one an agent clicked; or the callback's own
 * number) and picks the first that may be dialed now.
 */
export function chooseNumber(subject: DialSubject, ctx: DialContext, options: { only?: string; callbackId?: number | null; callbackPhone?: string } = {}): NumberChoice {
  let phones: readonly PhoneEntry[] = subject.phones;
  if (options.callbackPhone !== undefined) {
    phones = [subject.phones.find((p) => p.number === options.callbackPhone) ?? { number: options.callbackPhone, type: 'callback', column: '' }];
  }
  if (options.only !== undefined) phones = phones.filter((p) => p.number === options.only);
  let unavailable = false;
  const isBlocked = (n: string): boolean => {
    try {
      return ctx.isBlocked(n);
    } catch {
      unavailable = true;
      return true; // fail closed
    }
  };
  const verdicts: NumberVerdict[] = phones.map((p) => {
    if (subject.deadNumbers.includes(p.number)) return { ...p, dead: true, decision: DEAD };
    const facts = ctx.history.facts(p.number);
    const decision = mayDial(
      {
        policy: ctx.policy,
        number: p.number,
        timeZone: subject.timeZone,
        country: subject.region,
        doNotCall: isBlocked,
        attemptsOnRecord: subject.attempts,
        numberAttempts: facts.numberAttempts,
        lastAbandonedAt: facts.lastAbandonedAt,
        lastMachineAt: facts.lastMachineAt,
        agentGuaranteed: ctx.agentGuaranteed,
        pendingCallbackId: subject.pendingCallbackId,
        callbackId: options.callbackId ?? null,
      },
      ctx.now,
    );
    return { ...p, dead: false, decision };
  });
  const allowed = verdicts.find((v) => v.decision.allowed);
  if (allowed && allowed.decision.allowed) return { allowed: true, number: allowed.number, minRingSeconds: allowed.decision.minRingSeconds, verdicts };
  if (verdicts.length === 0) {
    return { allowed: false, unavailable: false, reason: 'invalid_number', message: 'The record has no phone number to dial.', nextAllowedAt: null, verdicts };
  }
  let next: Date | null = null;
  for (const v of verdicts) {
    const d = v.decision;
    if (!d.allowed && d.nextAllowedAt && (!next || d.nextAllowedAt < next)) next = d.nextAllowedAt;
  }
  // The reason shown is the one of the number that frees up first, else the first number's.
  const lead = verdicts.find((v) => !v.decision.allowed && next && v.decision.nextAllowedAt?.getTime() === next.getTime()) ?? verdicts[0]!;
  const d = lead.decision as Extract<DialDecision, { allowed: false }>;
  const many = verdicts.length > 1 ? ` (${lead.number}; none of the record's ${verdicts.length} numbers may be dialed now)` : '';
  return { allowed: false, unavailable, reason: unavailable ? 'dnc_unavailable' : d.reason, message: unavailable ? 'The do-not-call set could not answer; the record waits a minute (never dialed unchecked).' : `${d.message}${many}`, nextAllowedAt: next, verdicts };
}
