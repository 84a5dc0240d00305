import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { Issue } from './issues.js';

/**
 * What a campaign knows of its lists' columns, read from the lists package's data: each
 * committed import's `mapping` (src/lists/mapping.ts: phones[].column, name, phoneticName,
 * timeZone, postalCode, region, owner) plus the custom columns kept on its records.
 */
export interface ListShape {
  listId: number;
  name: string;
  /** Committed imports exist (an empty list tells nothing about columns). */
  hasRecords: boolean;
  /** Distinct owner columns mapped by its committed imports. */
  ownerColumns: string[];
  /** Every column header known (mapped and custom). */
  columns: Set<string>;
}

interface MappingLike {
  phones?: Array<{ column?: unknown }>;
  name?: unknown;
  phoneticName?: unknown;
  timeZone?: unknown;
  postalCode?: unknown;
  region?: unknown;
  owner?: unknown;
}

const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export async function listShapes(db: Kysely<Database>, listIds: readonly number[]): Promise<ListShape[]> {
  if (listIds.length === 0) return [];
  const [lists, imports, custom] = await Promise.all([
    db.selectFrom('contact_lists').select(['id', 'name']).where('id', 'in', [...listIds]).execute(),
    db.selectFrom('list_imports').select(['list_id', 'mapping']).where('list_id', 'in', [...listIds]).where('status', '=', 'committed').execute(),
    // Custom columns: the keys of a sample of each list's records (all rows of an import share them).
    db
      .selectFrom('list_imports as i')
      .innerJoinLateral(
        (eb) => eb.selectFrom('contact_records as r').select('r.custom').whereRef('r.import_id', '=', 'i.id').orderBy('r.id').limit(20).as('s'),
        (join) => join.onTrue(),
      )
      .select(['i.list_id', sql<string>`jsonb_object_keys(s.custom)`.as('column')])
      .where('i.list_id', 'in', [...listIds])
      .where('i.status', '=', 'committed')
      .execute(),
  ]);
  return lists.map((l) => {
    const mine = imports.filter((i) => i.list_id === l.id).map((i) => i.mapping as MappingLike);
    const columns = new Set<string>();
    for (const m of mine) {
      for (const p of Array.isArray(m.phones) ? m.phones : []) strings(p.column).forEach((c) => columns.add(c));
      for (const key of ['name', 'phoneticName', 'timeZone', 'postalCode', 'region', 'owner'] as const) strings(m[key]).forEach((c) => columns.add(c));
    }
    custom.filter((c) => c.list_id === l.id).forEach((c) => columns.add(c.column));
    return {
      listId: l.id,
      name: l.name,
      hasRecords: mine.length > 0,
      ownerColumns: [...new Set(mine.flatMap((m) => strings(m.owner)))],
      columns,
    };
  });
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** O1: every attached list with records must map its owner from the campaign's owner column. */
export function checkOwnerColumn(ownerColumn: string, shapes: readonly ListShape[], path = 'listIds'): Issue[] {
  const issues: Issue[] = [];
  for (const s of shapes) {
    if (!s.hasRecords) continue;
    if (s.ownerColumns.length === 0) {
      issues.push({ path, problem: `List "${s.name}" (${s.listId}) maps no owner column, so none of its records has an owner; this campaign routes by "${ownerColumn}". Re-import it with "${ownerColumn}" mapped as the owner.` });
      continue;
    }
    const other = s.ownerColumns.filter((c) => !same(c, ownerColumn));
    if (other.length > 0) {
      issues.push({ path, problem: `List "${s.name}" (${s.listId}) takes its owner from the column "${other[0]}", but this campaign's owner column is "${ownerColumn}" and cannot change (O7). Import the list with "${ownerColumn}" as the owner, or create a new campaign.` });
    }
  }
  return issues;
}

/** L3, P2: sort and screen-pop columns must exist in at least one attached list (when columns are known). */
export function checkColumnsExist(field: 'sortOrder' | 'screenPopFields', columns: readonly string[], shapes: readonly ListShape[]): Issue[] {
  const known = shapes.filter((s) => s.hasRecords);
  if (known.length === 0) return [];
  const all = new Set(known.flatMap((s) => [...s.columns].map((c) => c.toLowerCase())));
  const issues: Issue[] = [];
  columns.forEach((c, i) => {
    if (all.has(c.trim().toLowerCase())) return;
    const sample = [...new Set(known.flatMap((s) => [...s.columns]))].slice(0, 30);
    issues.push({
      path: field === 'sortOrder' ? `sortOrder.${i}.column` : `screenPopFields.${i}`,
      problem: `No attached list has a column "${c}". The lists have: ${sample.join(', ')}.`,
    });
  });
  return issues;
}
