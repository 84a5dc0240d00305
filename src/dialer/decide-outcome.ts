import type { CampaignDefinition } from '../campaigns/campaign-definition.js';
import type { SystemResult } from '../campaigns/campaign-schemas.js';
import type { WrapUpCode } from '../campaigns/wrap-up-codes.js';
import type { CallResult } from '../calls/call-results.js';
import { AppError } from '../shared/errors.js';

/**
 * What happens to a record after an attempt (issue 4 point 6; L6, D8): pure decisions from the
 * campaign's retry rules and wrap-up codes. The engine stores the result.
 *
 * - A system result without a conversation (busy, no answer, machine, fax, bad number,
 *   abandoned, failed) follows `retryRules.results[result]`: `final` ends the record; `retry`
 *   waits `delayMinutes` and tries again, at most `maxRetries` times after the first attempt
 *   with that result. A bad number only ends that number: a record with other numbers goes on
 *   with the next one.
 * - A wrap-up code follows its outcome: final_success / final_failure end the record,
 *   retry_after waits, callback hands it to the callback, do_not_call ends it (and the engine
 *   adds the number to the internal do-not-call list).
 * - Whatever the rules say, a record that has had `maxAttemptsPerRecord` attempts is done.
 */
export type RecordFate =
  | { status: 'pending'; nextAttemptAt: Date | null }
  | { status: 'done'; reason: string }
  | { status: 'set_aside'; reason: string }
  | { status: 'callback' };

export interface OutcomeSubject {
  phones: ReadonlyArray<{ number: string }>;
  deadNumbers: readonly string[];
  attempts: number;
  resultCounts: Readonly<Record<string, number>>;
}

export interface Outcome {
  fate: RecordFate;
  resultCounts: Record<string, number>;
  deadNumbers: string[];
}

const MINUTE = 60_000;

function limitReached(d: CampaignDefinition, s: OutcomeSubject): boolean {
  return s.attempts >= d.retryRules.maxAttemptsPerRecord;
}

export function afterSystemResult(d: CampaignDefinition, s: OutcomeSubject, result: Exclude<CallResult, 'connected'>, number: string | null, now: Date): Outcome {
  const resultCounts = { ...s.resultCounts, [result]: (s.resultCounts[result] ?? 0) + 1 };
  const deadNumbers = result === 'bad_number' && number !== null && !s.deadNumbers.includes(number) ? [...s.deadNumbers, number] : [...s.deadNumbers];
  const out = (fate: RecordFate): Outcome => ({ fate, resultCounts, deadNumbers });
  if (result === 'bad_number') {
    const alive = s.phones.filter((p) => !deadNumbers.includes(p.number));
    if (alive.length === 0) return out({ status: 'done', reason: 'bad_number' });
    return out(limitReached(d, s) ? { status: 'done', reason: 'record_attempt_limit' } : { status: 'pending', nextAttemptAt: now });
  }
  const rule = d.retryRules.results[result as SystemResult];
  if (!rule || rule.action === 'final') return out({ status: 'done', reason: result });
  if (resultCounts[result]! > rule.maxRetries) return out({ status: 'done', reason: `${result}_retries_exhausted` });
  if (limitReached(d, s)) return out({ status: 'done', reason: 'record_attempt_limit' });
  return out({ status: 'pending', nextAttemptAt: new Date(now.getTime() + rule.delayMinutes * MINUTE) });
}

export function findWrapUpCode(d: CampaignDefinition, code: string): WrapUpCode {
  const found = d.wrapUpCodes.find((c) => c.code.toLowerCase() === code.trim().toLowerCase());
  if (!found) {
    throw new AppError('validation_failed', `"${code}" is not a wrap-up code of this campaign; use one of ${d.wrapUpCodes.map((c) => c.code).join(', ')} (D8).`, {
      field: 'code',
      codes: d.wrapUpCodes.map((c) => c.code),
    });
  }
  return found;
}

export function afterWrapUpCode(d: CampaignDefinition, s: OutcomeSubject, code: WrapUpCode, now: Date): Outcome {
  const out = (fate: RecordFate): Outcome => ({ fate, resultCounts: { ...s.resultCounts }, deadNumbers: [...s.deadNumbers] });
  switch (code.outcome) {
    case 'final_success':
    case 'final_failure':
      return out({ status: 'done', reason: code.code });
    case 'do_not_call':
      return out({ status: 'done', reason: 'do_not_call' });
    case 'callback':
      return out({ status: 'callback' });
    case 'retry_after':
      if (limitReached(d, s)) return out({ status: 'done', reason: 'record_attempt_limit' });
      return out({ status: 'pending', nextAttemptAt: new Date(now.getTime() + (code.retryAfterMinutes ?? 60) * MINUTE) });
  }
}

/**
 * A refusal at dial time: wait for the next allowed time; when waiting will not help, the
 * record is done if it used up its attempts, else set aside with the reason (a supervisor can
 * fix a number, a zone or a DNC entry).
 */
export function afterRefusal(reason: string, nextAllowedAt: Date | null): RecordFate {
  if (nextAllowedAt) return { status: 'pending', nextAttemptAt: nextAllowedAt };
  if (reason === 'callback_pending') return { status: 'callback' };
  if (reason === 'record_attempt_limit') return { status: 'done', reason };
  return { status: 'set_aside', reason };
}
