import type { Kysely } from 'kysely';
import { definitionFromRow } from '../campaigns/campaign-definition.js';
import type { WrapUpCode } from '../campaigns/wrap-up-codes.js';
import type { Database } from '../storage/schema.js';

/** Each campaign's wrap-up codes as configured now (system codes first, then custom), for labels. */
export async function campaignCodes(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, WrapUpCode[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('campaigns').select(['id', 'name', 'mode', 'queue_id', 'owner_column', 'settings']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, definitionFromRow(r).wrapUpCodes]));
}

/** The label of a code in its campaign (codes match in any case), or null when the campaign no longer has it. */
export function codeLabel(codes: Map<number, WrapUpCode[]>, campaignId: number, code: string | null): string | null {
  if (code === null) return null;
  return codes.get(campaignId)?.find((c) => c.code.toLowerCase() === code.toLowerCase())?.label ?? null;
}
