import { z } from 'zod';
import { AppError } from '../shared/errors.js';

/**
 * How a file's columns become a contact record (L1). Every mapped column must be in the
 * header; every column the mapping does not name is kept as it came, in `custom`.
 */
const columnName = z.string().trim().min(1).max(200);

export const phoneColumnSchema = z
  .object({
    column: columnName,
    type: z.string().trim().min(1).max(40).default('other').describe('mobile, home, work, other, or any label'),
  })
  .strict();

export const mappingSchema = z
  .object({
    phones: z.array(phoneColumnSchema).min(1, 'Map at least one phone column.').max(10, 'At most 10 phone columns can be mapped.'),
    name: z.union([columnName, z.array(columnName).min(1).max(3)]).optional().describe('One column, or up to 3 joined with spaces (e.g. ["imię", "nazwisko"])'),
    phoneticName: columnName.optional().describe('Furigana'),
    timeZone: columnName.optional().describe('An IANA zone such as Asia/Tokyo'),
    postalCode: columnName.optional(),
    region: columnName.optional().describe('The country code (ISO 3166 alpha-2) of the row, e.g. JP'),
    owner: columnName.optional().describe("The owning agent's email or user ID (O1)"),
  })
  .strict()
  .meta({ id: 'ListMapping' });

export type Mapping = z.infer<typeof mappingSchema>;

/** The mapping resolved to column positions of one file's header; what the normaliser works on. */
export interface ResolvedMapping {
  header: string[];
  phones: Array<{ index: number; column: string; type: string }>;
  name: number[];
  phoneticName: number | undefined;
  timeZone: number | undefined;
  postalCode: number | undefined;
  region: number | undefined;
  owner: number | undefined;
  /** Unmapped columns: position and header name. */
  custom: Array<{ index: number; column: string }>;
}

/** Header cells as names: trimmed; an empty one is called "column N". */
export function headerNames(cells: string[]): string[] {
  return cells.map((c, i) => c.trim() || `column ${i + 1}`);
}

/**
 * Checks the header (column limit, duplicate names) and resolves the mapping against it.
 * Throws a 422 naming the column at fault.
 */
export function resolveMapping(mapping: Mapping, header: string[], maxColumns: number): ResolvedMapping {
  if (header.length > maxColumns) {
    throw new AppError('limit_exceeded', `The file has ${header.length} columns; the limit is ${maxColumns} (PACER_MAX_COLUMNS). Remove unused columns and upload again.`, {
      columns: header.length,
      limit: maxColumns,
    });
  }
  const position = new Map<string, number>();
  header.forEach((name, index) => {
    const earlier = position.get(name);
    if (earlier !== undefined) {
      throw new AppError('invalid_file', `The header names the column "${name}" twice (columns ${earlier + 1} and ${index + 1}). Rename one so each column has its own name.`, {
        column: name,
        positions: [earlier + 1, index + 1],
      });
    }
    position.set(name, index);
  });

  const used = new Map<number, string>();
  const find = (column: string, role: string): number => {
    const index = position.get(column.trim());
    if (index === undefined) {
      throw new AppError('invalid_file', `The mapping names the column "${column}" (${role}), but the file's header has no such column. The header has: ${header.join(', ')}.`, {
        column,
        role,
        header,
      });
    }
    const other = used.get(index);
    if (other) throw validationError(`The column "${column}" is mapped twice (${other} and ${role}); map each column once.`, column);
    used.set(index, role);
    return index;
  };
  const optional = (column: string | undefined, role: string) => (column === undefined ? undefined : find(column, role));

  const phones = mapping.phones.map((p) => ({ index: find(p.column, 'phone'), column: header[position.get(p.column.trim())!]!, type: p.type }));
  const names = mapping.name === undefined ? [] : Array.isArray(mapping.name) ? mapping.name : [mapping.name];
  const resolved: ResolvedMapping = {
    header,
    phones,
    name: names.map((n) => find(n, 'name')),
    phoneticName: optional(mapping.phoneticName, 'phoneticName'),
    timeZone: optional(mapping.timeZone, 'timeZone'),
    postalCode: optional(mapping.postalCode, 'postalCode'),
    region: optional(mapping.region, 'region'),
    owner: optional(mapping.owner, 'owner'),
    custom: [],
  };
  resolved.custom = header.map((column, index) => ({ index, column })).filter((c) => !used.has(c.index));
  return resolved;
}

const validationError = (message: string, column: string) => new AppError('invalid_file', message, { column });
