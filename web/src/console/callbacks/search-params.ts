import type { Alert } from './types';
import { ALERTS } from './types';

/**
 * C2: the search as the form holds it and as the address bar keeps it (so a reload or a shared
 * link opens the same search). The URL carries exactly the API's parameters of GET
 * /api/callbacks; the form splits the period into date and time.
 */
export interface SearchForm {
  fromDate: string;
  fromTime: string;
  toDate: string;
  toTime: string;
  timeZone: string;
  alerts: Alert[];
  status: string;
  campaignId: string;
  batch: string;
  listId: string;
  dialGroup: string;
  name: string;
  phoneticName: string;
  phone: string;
  assigneeId: string;
  notes: string;
}

export const SORTABLE = ['id', 'windowStart', 'windowEnd', 'campaign', 'name', 'assignee', 'createdAt', 'updatedAt'] as const;
export type SortKey = (typeof SORTABLE)[number];

export interface View {
  sort: SortKey;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export const PAGE_SIZES = [10, 25, 50, 100, 200];
/** "Open" in the status choice: waiting or in an agent's hands. */
export const OPEN = 'pending,delivered';

const TEXT_KEYS = ['status', 'campaignId', 'batch', 'listId', 'dialGroup', 'name', 'phoneticName', 'phone', 'assigneeId', 'notes'] as const;

export function emptyForm(timeZone: string): SearchForm {
  return { fromDate: '', fromTime: '', toDate: '', toTime: '', timeZone, alerts: [], status: '', campaignId: '', batch: '', listId: '', dialGroup: '', name: '', phoneticName: '', phone: '', assigneeId: '', notes: '' };
}

/** The search of the address bar's query string, read into the form. */
export function formFromUrl(search: string, defaultZone: string): SearchForm {
  const q = new URLSearchParams(search);
  const form = emptyForm(q.get('timeZone') ?? defaultZone);
  for (const key of TEXT_KEYS) form[key] = q.get(key) ?? '';
  [form.fromDate, form.fromTime] = splitMoment(q.get('from'));
  [form.toDate, form.toTime] = splitMoment(q.get('to'));
  form.alerts = (q.get('alert') ?? '').split(',').filter((a): a is Alert => (ALERTS as string[]).includes(a));
  return form;
}

export function viewFromUrl(search: string): View {
  const q = new URLSearchParams(search);
  const sort = (SORTABLE as readonly string[]).includes(q.get('sort') ?? '') ? (q.get('sort') as SortKey) : 'windowStart';
  const limit = Number(q.get('limit'));
  const offset = Number(q.get('offset'));
  return {
    sort,
    order: q.get('order') === 'desc' ? 'desc' : 'asc',
    limit: PAGE_SIZES.includes(limit) ? limit : 50,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

function splitMoment(value: string | null): [string, string] {
  if (!value) return ['', ''];
  const [date = '', time = ''] = value.split('T');
  return [date, time.slice(0, 5)];
}

/** The filters of the form as API parameters (empty fields left out); the zone only with a period. */
export function filtersOf(form: SearchForm): URLSearchParams {
  const q = new URLSearchParams();
  if (form.fromDate) q.set('from', form.fromTime ? `${form.fromDate}T${form.fromTime}` : form.fromDate);
  if (form.toDate) q.set('to', form.toTime ? `${form.toDate}T${form.toTime}` : form.toDate);
  if ((form.fromDate || form.toDate) && form.timeZone) q.set('timeZone', form.timeZone);
  if (form.alerts.length > 0) q.set('alert', ALERTS.filter((a) => form.alerts.includes(a)).join(','));
  for (const key of TEXT_KEYS) {
    const value = form[key].trim();
    if (value) q.set(key, value);
  }
  return q;
}

/** The whole query string: the filters, then the order and page when they are not the defaults. */
export function queryOf(form: SearchForm, view: View): string {
  const q = filtersOf(form);
  if (view.sort !== 'windowStart') q.set('sort', view.sort);
  if (view.order !== 'asc') q.set('order', view.order);
  if (view.limit !== 50) q.set('limit', String(view.limit));
  if (view.offset > 0) q.set('offset', String(view.offset));
  return q.toString();
}

/** The CSV of the current search (C6): the same filters and order, every row. */
export function csvUrl(form: SearchForm, view: View, encoding: 'utf-8' | 'shift_jis'): string {
  const q = filtersOf(form);
  q.set('sort', view.sort);
  q.set('order', view.order);
  q.set('encoding', encoding);
  return `/api/callbacks.csv?${q}`;
}

/** The search's times of day: every quarter hour, and 24:00 for the end of the period. */
export const QUARTERS: string[] = Array.from({ length: 96 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);
