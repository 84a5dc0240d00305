import type { Actor } from '../access/actor.js';
import { notFound, validationFailed } from '../shared/errors.js';
import type { Page } from '../shared/pagination.js';
import { bumpCount, requireDncList, type DncDeps } from './dnc-views.js';
import { e164Of, requireNumber } from './normalise-number.js';
import { MAX_E164 } from './number-index.js';

/** L4: one number at a time onto and off a do-not-call list, and the list's numbers, paged. */
export interface DncNumberView {
  number: string;
  addedAt: string;
  addedBy: number | null;
  addedByName: string | null;
  reason: string | null;
}

export interface NumberInput {
  number: string;
  /** Default region (ISO 3166) for a number written without "+country code". */
  region?: string | undefined;
  reason?: string | undefined;
}

export async function addDncNumber(
  { dnc, clock }: DncDeps,
  listId: number,
  input: NumberInput,
  actor: Pick<Actor, 'userId'>,
): Promise<{ number: string; added: boolean; listId: number }> {
  const { digits, e164 } = requireNumber(input.number, input.region);
  return dnc.change<{ number: string; added: boolean; listId: number }>(async (trx) => {
    await requireDncList(trx, listId);
    const now = clock.now();
    const inserted = await trx
      .insertInto('dnc_numbers')
      .values({ list_id: listId, number: digits, added_at: now, added_by: actor.userId, reason: input.reason ?? null })
      .onConflict((oc) => oc.columns(['list_id', 'number']).doNothing())
      .returning('number')
      .executeTakeFirst();
    if (!inserted) return { result: { number: e164, added: false, listId } };
    await bumpCount(trx, listId, 1, now);
    return { result: { number: e164, added: true, listId }, apply: (set) => set.add(listId, [digits]) };
  });
}

export async function removeDncNumber({ dnc, clock }: DncDeps, listId: number, input: { number: string; region?: string | undefined }): Promise<void> {
  // A path segment "81312345678" without region is read as E.164 digits.
  const text = input.region === undefined && /^\d+$/.test(input.number) ? `+${input.number}` : input.number;
  const { digits, e164 } = requireNumber(text, input.region);
  await dnc.change(async (trx) => {
    await requireDncList(trx, listId);
    const deleted = await trx.deleteFrom('dnc_numbers').where('list_id', '=', listId).where('number', '=', digits).returning('number').executeTakeFirst();
    if (!deleted) throw notFound(`Number ${e164} on do-not-call list ${listId}`, e164);
    await bumpCount(trx, listId, -1, clock.now());
    return { result: undefined, apply: (set) => set.remove(listId, digits) };
  });
}

/**
 * A list's numbers in numeric order of their digits (shorter numbers first). `q` finds numbers starting with the given digits (the
 * "+" and spaces, dashes and brackets are ignored): a handful of index range scans.
 */
export async function listDncNumbers(
  { db }: Pick<DncDeps, 'db'>,
  listId: number,
  query: { q?: string | undefined; limit: number; offset: number },
): Promise<Page<DncNumberView>> {
  const list = await requireDncList(db, listId);
  const ranges = query.q === undefined || query.q.trim() === '' ? undefined : prefixRanges(query.q);
  let select = db
    .selectFrom('dnc_numbers')
    .leftJoin('users', 'users.id', 'dnc_numbers.added_by')
    .where('dnc_numbers.list_id', '=', listId);
  if (ranges) select = select.where((eb) => eb.or(ranges.map(([lo, hi]) => eb.between('dnc_numbers.number', lo, hi))));
  const rows = await select
    .select(['dnc_numbers.number', 'dnc_numbers.added_at', 'dnc_numbers.added_by', 'dnc_numbers.reason', 'users.display_name'])
    .orderBy('dnc_numbers.number')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const total = ranges
    ? Number((await select.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    : list.numberCount;
  return {
    items: rows.map((r) => ({
      number: e164Of(Number(r.number)),
      addedAt: r.added_at.toISOString(),
      addedBy: r.added_by,
      addedByName: r.display_name,
      reason: r.reason,
    })),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

/** Every E.164 number starting with `prefix` lies in one of these ranges (one per length). */
function prefixRanges(q: string): Array<[number, number]> {
  const digits = q.replace(/[\s\-().+]/g, '');
  if (!/^[1-9]\d{0,14}$/.test(digits)) {
    throw validationFailed(`The search "${q}" is not the start of an E.164 number; give digits such as +8131 or 8131 (no leading 0).`, { field: 'q', value: q });
  }
  const p = Number(digits);
  const ranges: Array<[number, number]> = [];
  for (let extra = 0; digits.length + extra <= 15; extra++) {
    const scale = 10 ** extra;
    ranges.push([p * scale, Math.min(MAX_E164, (p + 1) * scale - 1)]);
  }
  return ranges;
}
