import { sql, type RawBuilder } from 'kysely';
import type { SortKey } from '../campaigns/campaign-definition.js';

/**
 * L3, O6: the supervisor's sort order as one precomputed key per record, so that the record
 * buffer reads records in that order straight off an index (`campaign_records_fresh_idx`)
 * instead of sorting the list on every refill. The key is built in SQL while a list import is
 * seeded into the campaign (src/dialer/seed-campaign-records.ts) and compared as bytes:
 *
 *   key      = part(sort key 1) ‖ part(sort key 2) ‖ …            (up to 5 keys)
 *   part     = 0x01 ‖ value bytes      when the record has a value
 *            = 0x02                    when it has none (or it does not parse): always last
 *   text     = lower-cased UTF-8 (first 64 characters) ‖ 0x00            ascending
 *            = every byte complemented ‖ 0xFF                           descending
 *   number   = IEEE 754 double, big-endian, sign bit flipped (negatives: all bits flipped) — 8
 *              bytes whose byte order is numeric order; descending complements them
 *   date     = YYYYMMDD[HHMMSS] digits from "2024-03-07", "2024/3/7 10:00" …, compared as text
 *
 * The terminators keep "ab" before "abc" ascending and after it descending; UTF-8 never holds
 * 0x00 in text nor 0xFF, so they cannot collide with a character. Ties fall back to record ID
 * (the list's own order). Appended records get their key the same way, so they fall into place.
 */
export interface ImportColumns {
  /** The import's mapping (src/lists/mapping.ts), as stored on list_imports. */
  mapping: Record<string, unknown>;
  /** The custom column names its records carry. */
  customKeys: readonly string[];
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
const names = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const mappedFields: Array<[key: string, column: string]> = [
  ['name', 'r.name'],
  ['phoneticName', 'r.phonetic_name'],
  ['timeZone', 'r.time_zone'],
  ['postalCode', 'r.postal_code'],
  ['region', 'r.region'],
];

/** The SQL text value of a list column for record `r`, wherever the import put it (mapped field, phone, or custom). */
export function columnValue(column: string, cols: ImportColumns): RawBuilder<string | null> {
  const m = cols.mapping;
  if (names(m.owner).some((c) => same(c, column))) return sql<null>`NULL::text`; // O6: never by the owner column
  for (const [key, field] of mappedFields) {
    if (names(m[key]).some((c) => same(c, column))) return sql<string | null>`${sql.raw(field)}`;
  }
  const phones = Array.isArray(m.phones) ? (m.phones as Array<{ column?: unknown }>) : [];
  const phone = phones.map((p) => p.column).find((c): c is string => typeof c === 'string' && same(c, column));
  if (phone !== undefined) {
    return sql<string | null>`(SELECT p->>'number' FROM jsonb_array_elements(r.phones) AS p WHERE p->>'column' = ${phone} LIMIT 1)`;
  }
  const key = cols.customKeys.find((k) => k === column) ?? cols.customKeys.find((k) => same(k, column));
  if (key === undefined) return sql<null>`NULL::text`;
  return sql<string | null>`(r.custom->>${key})`;
}

const complement = (bytes: RawBuilder<unknown>): RawBuilder<Buffer> =>
  sql<Buffer>`decode(translate(encode(${bytes}, 'hex'), '0123456789abcdef', 'fedcba9876543210'), 'hex')`;

function textPart(value: RawBuilder<string | null>, direction: 'asc' | 'desc'): RawBuilder<Buffer> {
  const bytes = sql`convert_to(left(lower(${value}), 64), 'UTF8')`;
  const encoded = direction === 'asc' ? sql`${bytes} || '\\x00'::bytea` : sql`${complement(bytes)} || '\\xff'::bytea`;
  return sql<Buffer>`CASE WHEN coalesce(btrim(${value}), '') = '' THEN '\\x02'::bytea ELSE '\\x01'::bytea || ${encoded} END`;
}

const NUMBER = '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]{1,2})?$';

function numberPart(value: RawBuilder<string | null>, direction: 'asc' | 'desc'): RawBuilder<Buffer> {
  const text = sql`replace(replace(btrim(${value}), ',', ''), ' ', '')`;
  const x = sql`(${text}::float8 + 0)`;
  const bits = sql`float8send(${x})`;
  const ordered = sql`CASE WHEN ${x} >= 0 THEN set_byte(${bits}, 0, get_byte(${bits}, 0) | 128) ELSE ${complement(bits)} END`;
  const encoded = direction === 'asc' ? ordered : complement(ordered);
  return sql<Buffer>`CASE WHEN length(${text}) BETWEEN 1 AND 40 AND ${text} ~ ${NUMBER} THEN '\\x01'::bytea || ${encoded} ELSE '\\x02'::bytea END`;
}

const DATE = '^\\s*([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:[T ]+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?';

function datePart(value: RawBuilder<string | null>, direction: 'asc' | 'desc'): RawBuilder<Buffer> {
  const m = sql`regexp_match(${value}, ${DATE})`;
  const pad = (i: number) => sql`lpad(coalesce((${m})[${sql.lit(i)}], '0'), 2, '0')`;
  const digits = sql<string>`(${m})[1] || ${pad(2)} || ${pad(3)} || ${pad(4)} || ${pad(5)} || ${pad(6)}`;
  const bytes = sql`convert_to(${digits}, 'UTF8')`;
  const encoded = direction === 'asc' ? bytes : complement(bytes);
  return sql<Buffer>`CASE WHEN ${m} IS NULL THEN '\\x02'::bytea ELSE '\\x01'::bytea || ${encoded} END`;
}

/** The sort key expression for records `r` of one import; an empty key when the campaign has no sort order. */
export function sortKeySql(sortOrder: readonly SortKey[], cols: ImportColumns): RawBuilder<Buffer> {
  if (sortOrder.length === 0) return sql<Buffer>`'\\x'::bytea`;
  const parts = sortOrder.map((k) => {
    const value = columnValue(k.column, cols);
    if (k.compareAs === 'number') return numberPart(value, k.direction);
    if (k.compareAs === 'date') return datePart(value, k.direction);
    return textPart(value, k.direction);
  });
  return sql<Buffer>`(${sql.join(parts, sql` || `)})`;
}
