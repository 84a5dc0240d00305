import { DateTime } from 'luxon';
import type { CallGuide } from '../campaigns/call-guide.js';
import { validationFailed } from '../shared/errors.js';

/**
 * What an agent sends with a wrap-up, a completion or a reschedule, checked before anything
 * changes: the callback's time in its own zone (C1), the call guide's answers (D9), notes.
 */
export interface CallbackRequest {
  /** Local date and time in `timeZone` ("2026-03-03T10:00"), or an instant with an offset. */
  at: string;
  timeZone?: string | undefined;
  /** Another number to call back on (E.164); the number dialed (or the record's first) otherwise. */
  number?: string | undefined;
  /** "me" (default) or anyone in the campaign's queue. */
  assignee?: 'me' | 'queue' | undefined;
  notes?: string | undefined;
  /** How long the callback window stays open (default 60 minutes). */
  windowMinutes?: number | undefined;
}

export interface GuideAnswer {
  questionId: string;
  answerId: string;
}

export interface ParsedCallback {
  windowStart: Date;
  windowEnd: Date;
  timeZone: string;
  number: string;
  assignee: 'me' | 'queue';
  notes: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

export function parseCallback(req: CallbackRequest, defaults: { timeZone: string; number: string; now: Date }): ParsedCallback {
  const timeZone = req.timeZone ?? defaults.timeZone;
  const zone = DateTime.now().setZone(timeZone);
  if (!zone.isValid) throw validationFailed(`callback.timeZone: "${timeZone}" is not an IANA time zone such as America/Chicago.`, { field: 'callback.timeZone' });
  const start = DateTime.fromISO(req.at, { zone: timeZone, setZone: true });
  if (!start.isValid) throw validationFailed(`callback.at: "${req.at}" is not a date and time; write it as 2026-03-03T10:00 (in callback.timeZone).`, { field: 'callback.at' });
  const windowStart = start.toJSDate();
  if (windowStart.getTime() < defaults.now.getTime() - 60_000) {
    throw validationFailed(`callback.at: ${start.toISO()} is in the past; pick a time after ${DateTime.fromJSDate(defaults.now).setZone(timeZone).toFormat('yyyy-LL-dd HH:mm')} (${timeZone}).`, { field: 'callback.at' });
  }
  const minutes = req.windowMinutes ?? 60;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 7 * 24 * 60) throw validationFailed('callback.windowMinutes must be a whole number of minutes from 1 to 10080.', { field: 'callback.windowMinutes' });
  const number = req.number ?? defaults.number;
  if (!E164.test(number)) throw validationFailed(`callback.number: "${number}" is not in E.164 form (a plus sign, the country code and the digits).`, { field: 'callback.number' });
  const notes = req.notes ?? '';
  if (notes.length > 500) throw validationFailed(`callback.notes has ${notes.length} characters; at most 500 are kept.`, { field: 'callback.notes' });
  return { windowStart, windowEnd: new Date(windowStart.getTime() + minutes * 60_000), timeZone, number, assignee: req.assignee ?? 'me', notes };
}

/** D9: each answer must name a question of the campaign's guide and one of its answers. */
export function checkGuideAnswers(guide: CallGuide | null, answers: readonly GuideAnswer[] | undefined): GuideAnswer[] | null {
  if (!answers || answers.length === 0) return null;
  if (!guide) throw validationFailed('This campaign has no call guide; send no answers.', { field: 'answers' });
  answers.forEach((a, i) => {
    const q = guide.questions.find((x) => x.id === a.questionId);
    if (!q) throw validationFailed(`answers.${i}: the call guide has no question "${a.questionId}".`, { field: `answers.${i}.questionId` });
    if (!q.answers.some((x) => x.id === a.answerId)) {
      throw validationFailed(`answers.${i}: question "${q.id}" has no answer "${a.answerId}"; its answers are ${q.answers.map((x) => x.id).join(', ')}.`, { field: `answers.${i}.answerId` });
    }
  });
  return [...answers];
}
