import { reportParams, type Filters } from './filters';

/** R2: the attempt search's own fields, order and page, as the address bar keeps them beside the shared filters. */
export const RESULTS = ['connected', 'abandoned', 'machine', 'fax', 'busy', 'no_answer', 'bad_number', 'failed', 'no_call', 'in_progress'] as const;
export const SORTS = ['endedAt', 'queuedAt', 'talkMs', 'campaign', 'agent', 'name', 'result', 'code'] as const;
export type Sort = (typeof SORTS)[number];

export interface AttemptSearch {
  result: string;
  code: string;
  phone: string;
  name: string;
}
export const SEARCH_KEYS = ['result', 'code', 'phone', 'name'] as const;

export interface AttemptView {
  sort: Sort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export function attemptSearchFromUrl(search: string): { fields: AttemptSearch; view: AttemptView } {
  const q = new URLSearchParams(search);
  const sort = (SORTS as readonly string[]).includes(q.get('sort') ?? '') ? (q.get('sort') as Sort) : 'endedAt';
  const limit = Number(q.get('limit'));
  const offset = Number(q.get('offset'));
  return {
    fields: { result: q.get('result') ?? '', code: q.get('code') ?? '', phone: q.get('phone') ?? '', name: q.get('name') ?? '' },
    view: { sort, order: q.get('order') === 'asc' ? 'asc' : 'desc', limit: limit > 0 && limit <= 500 ? limit : 50, offset: Number.isInteger(offset) && offset > 0 ? offset : 0 },
  };
}

/** The API's filters: the shared ones (agent as agentId) and the search's fields. */
export function attemptFilterParams(filters: Filters, fields: AttemptSearch): URLSearchParams {
  const q = reportParams(filters, 'agentId');
  for (const key of SEARCH_KEYS) {
    const v = fields[key].trim();
    if (v) q.set(key, v);
  }
  return q;
}

export function attemptPageParams(filters: Filters, fields: AttemptSearch, view: AttemptView): URLSearchParams {
  const q = attemptFilterParams(filters, fields);
  q.set('sort', view.sort);
  q.set('order', view.order);
  q.set('limit', String(view.limit));
  q.set('offset', String(view.offset));
  return q;
}
