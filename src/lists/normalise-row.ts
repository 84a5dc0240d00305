import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import type { PhoneEntry } from '../storage/schema.js';
import { copyRow } from './copy-format.js';
import { inferTimeZone } from './infer-time-zone.js';
import type { ResolvedMapping } from './mapping.js';
import { PhoneNormaliser } from './normalise-phone.js';

const phoneNumbers = new PhoneNormaliser(); // one per worker thread; it remembers number prefixes

/**
 * Turns parsed CSV rows into contact records (L1): pure, so it runs in worker threads while
 * the main thread writes. Each accepted row becomes one line of PostgreSQL COPY text.
 *
 * Rules: a phone cell that is not a valid number is a cell error; a row with no valid number
 * is rejected; a row with at least one is kept with its valid numbers. A row with more or
 * fewer cells than the header, or a cell longer than the limit, is rejected.
 */
export interface RowError {
  row: number;
  column: string | null;
  value: string | null;
  reason: string;
}

export interface BatchInput {
  rows: string[][];
  /** Row number of rows[0]: the header is row 1, so the first data row is row 2. */
  firstRow: number;
  mapping: ResolvedMapping;
  listId: number;
  importId: number;
  defaultRegion: string;
  defaultTimeZone: string | null;
  maxCellChars: number;
}

export interface BatchOutput {
  /** Accepted rows, in order: their COPY line, row number, primary number (E.164 digits) and its column and cell. */
  lines: string[];
  rows: number[];
  primaries: number[];
  primaryCells: Array<[column: string, value: string]>;
  errors: RowError[];
  rejected: number;
  blank: number;
}

const shown = (value: string) => (value.length > 200 ? `${value.slice(0, 200)}…` : value);

export function normaliseBatch(input: BatchInput): BatchOutput {
  const out: BatchOutput = { lines: [], rows: [], primaries: [], primaryCells: [], errors: [], rejected: 0, blank: 0 };
  const m = input.mapping;
  const width = m.header.length;
  for (let i = 0; i < input.rows.length; i++) {
    const cells = input.rows[i]!;
    const row = input.firstRow + i;
    if (cells.every((c) => c.trim() === '')) {
      out.blank++;
      continue;
    }
    if (cells.length !== width) {
      out.rejected++;
      out.errors.push({ row, column: null, value: null, reason: `The row has ${cells.length} cells but the header has ${width} columns. Check for a missing or extra delimiter, or a comma inside an unquoted cell.` });
      continue;
    }
    const tooLong = cells.findIndex((c) => c.length > input.maxCellChars);
    if (tooLong >= 0) {
      out.rejected++;
      out.errors.push({ row, column: m.header[tooLong]!, value: shown(cells[tooLong]!), reason: `The cell has ${cells[tooLong]!.length} characters; the limit is ${input.maxCellChars} (PACER_MAX_CELL_CHARS).` });
      continue;
    }
    const record = normaliseRow(cells, row, input, out.errors);
    if (!record) {
      out.rejected++;
      continue;
    }
    out.lines.push(record.line);
    out.rows.push(row);
    out.primaries.push(Number(record.phones[0]!.number.slice(1)));
    out.primaryCells.push([record.phones[0]!.column, record.primaryCell]);
  }
  return out;
}

const cell = (cells: string[], index: number | undefined) => (index === undefined ? undefined : cells[index]!.trim() || undefined);

function normaliseRow(cells: string[], row: number, input: BatchInput, errors: RowError[]): { line: string; phones: PhoneEntry[]; primaryCell: string } | null {
  const m = input.mapping;
  let region = input.defaultRegion;
  let regionGiven = false;
  const regionCell = cell(cells, m.region);
  if (regionCell) {
    const code = regionCell.toUpperCase();
    if (code.length === 2 && isSupportedCountry(code as CountryCode)) {
      region = code;
      regionGiven = true;
    }
    else errors.push({ row, column: m.header[m.region!]!, value: shown(regionCell), reason: `Not a country code (ISO 3166 alpha-2, e.g. JP, PL, US); the import's default region ${input.defaultRegion} was used.` });
  }

  const phones: PhoneEntry[] = [];
  let primaryCell = '';
  let primaryCountry: string | undefined;
  for (const p of m.phones) {
    const raw = cells[p.index]!.trim();
    if (!raw) continue;
    const parsed = phoneNumbers.normalise(raw, region);
    if (!parsed) {
      errors.push({ row, column: p.column, value: shown(raw), reason: `Not a valid phone number for region ${region}. Write it in international form (+81 3 1234 5678) or set the row's region.` });
      continue;
    }
    const number = parsed.number;
    if (phones.some((e) => e.number === number)) continue; // the same number twice in a row counts once
    if (phones.length === 0) {
      primaryCell = raw;
      primaryCountry = parsed.country;
    }
    phones.push({ number, type: p.type, column: p.column });
  }
  if (phones.length === 0) {
    if (m.phones.every((p) => !cells[p.index]!.trim())) {
      errors.push({ row, column: m.phones[0]!.column, value: '', reason: 'The row has no phone number; it was not imported.' });
    }
    return null;
  }

  const zoneCell = cell(cells, m.timeZone);
  const postalCode = cell(cells, m.postalCode);
  const recordRegion = regionGiven ? region : (primaryCountry ?? region);
  const zone = inferTimeZone({ column: zoneCell, postalCode, region: recordRegion, numbers: phones.map((p) => p.number), fallback: input.defaultTimeZone });
  if (zoneCell && zone.source !== 'column') {
    errors.push({ row, column: m.header[m.timeZone!]!, value: shown(zoneCell), reason: `Not an IANA time zone (e.g. Asia/Tokyo); the zone was taken from the ${zone.source === 'postal_code' ? 'postal code' : (zone.source ?? 'default')} instead.` });
  }

  const name = m.name.map((i) => cells[i]!.trim()).filter(Boolean).join(' ') || null;
  const custom: Record<string, string> = {};
  for (const c of m.custom) custom[c.column] = cells[c.index]!;
  const line = copyRow([
    input.listId,
    input.importId,
    row,
    name,
    cell(cells, m.phoneticName) ?? null,
    zone.zone,
    zone.source,
    postalCode ?? null,
    recordRegion,
    cell(cells, m.owner) ?? null,
    JSON.stringify(phones),
    JSON.stringify(custom),
  ]);
  return { line, phones, primaryCell };
}
