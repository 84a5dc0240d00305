import type { DncDeps } from './dnc-views.js';
import { requireNumber } from './normalise-number.js';

/**
 * L4: is this number blocked, and by which lists? Answered from the in-memory set (the same
 * one the dialer asks at the moment of dialing); the names come from the database.
 */
export interface DncCheckView {
  number: string;
  blocked: boolean;
  lists: Array<{ id: number; name: string }>;
}

export async function checkDncNumber(
  { db, dnc }: Pick<DncDeps, 'db' | 'dnc'>,
  input: { number: string; region?: string | undefined; listIds?: number[] | undefined },
): Promise<DncCheckView> {
  const { digits, e164 } = requireNumber(input.number, input.region);
  const verdict = dnc.check(digits, input.listIds);
  const names = verdict.listIds.length
    ? await db.selectFrom('dnc_lists').select(['id', 'name']).where('id', 'in', verdict.listIds).orderBy('id').execute()
    : [];
  return { number: e164, blocked: verdict.blocked, lists: names };
}
