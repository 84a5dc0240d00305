/**
 * PostgreSQL COPY text format: tab-separated fields, `\N` for NULL, backslash escapes for
 * backslash, tab, newline and carriage return. Both engines bulk-load records this way.
 */
export const RECORD_COLUMNS = [
  'list_id',
  'import_id',
  'row_number',
  'name',
  'phonetic_name',
  'time_zone',
  'time_zone_source',
  'postal_code',
  'region',
  'owner_ref',
  'phones',
  'custom',
] as const;

const special = /[\\\t\n\r]/;
const specials = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return special.test(value) ? value.replace(specials, (c) => escapes[c]!) : value;
}
