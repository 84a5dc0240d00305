import type { Work } from '../api/types';

/** C1: what the agent fills in for a callback, and the request the server takes (CallbackRequest). */
export interface CallbackDraft {
  date: string;
  time: string;
  timeZone: string;
  /** One of the record's numbers, or OTHER for `otherNumber`. */
  number: string;
  otherNumber: string;
  assignee: 'me' | 'queue';
  notes: string;
}

export const OTHER = 'other';
export const NOTES_MAX = 500;

export interface CallbackRequest {
  at: string;
  timeZone: string;
  number: string;
  assignee: 'me' | 'queue';
  notes?: string;
}

/** Tomorrow 10:00 in the contact's zone, on the recommended number, for me. */
export function defaultDraft(work: Work, fallbackZone: string): CallbackDraft {
  const timeZone = work.timeZone ?? fallbackZone;
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(tomorrow);
  const number = work.phones.find((p) => p.recommended)?.number ?? work.phones[0]?.number ?? OTHER;
  return { date, time: '10:00', timeZone, number, otherNumber: '', assignee: 'me', notes: '' };
}

export function toRequest(d: CallbackDraft): CallbackRequest {
  const notes = d.notes.trim();
  return { at: `${d.date}T${d.time}`, timeZone: d.timeZone, number: d.number === OTHER ? d.otherNumber.trim() : d.number, assignee: d.assignee, ...(notes ? { notes } : {}) };
}

export function isComplete(d: CallbackDraft): boolean {
  return d.date !== '' && d.time !== '' && d.timeZone !== '' && (d.number !== OTHER || /^\+[1-9]\d{6,14}$/.test(d.otherNumber.trim())) && d.notes.length <= NOTES_MAX;
}
