import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { copyField } from './copy-format.js';
import { inferTimeZone } from './infer-time-zone.js';
import type { ResolvedMapping } from './mapping.js';
import { PhoneNormaliser } from './normalise-phone.js';

const phoneNumbers = new PhoneNormaliser(); // one per worker thread; it remembers number prefixes

/**
 * Turns one parsed CSV row into a contact record (L1): pure, so it runs in worker threads.
 * Each accepted row becomes one line of PostgreSQL COPY text.
 *
 * Rules: a phone cell that is not a valid number is a cell error; a row with no valid number
 * is rejected; a row with at least one is kept with its valid numbers (the same number twice
 * counts once). A bad region or time-zone cell is reported and the row kept with the default
 * region / an inferred zone.
 */
export interface RowError {
  row: number;
  column: string | null;
  value: string | null;
  reason: string;
}

export interface RecordSettings {
  mapping: ResolvedMapping;
  listId: number;
  importId: number;
  defaultRegion: string;
  defaultTimeZone: string | null;
}

export interface NormalisedRow {
  /** The record as a COPY text line, without its line break. */
  line: string;
  /** E.164 digits of the primary (first valid) number, and the mapped phone column (index) and cell it came from. */
  primary: number;
  primaryPhone: number;
  primaryCell: string;
}

export const shown = (value: string) => (value.length > 200 ? `${value.slice(0, 200)}…` : value);

const countries = new Map<string, boolean>();
const isCountry = (code: string) => {
  let known = countries.get(code);
  if (known === undefined) {
    known = code.length === 2 && isSupportedCountry(code as CountryCode);
    if (countries.size < 1000) countries.set(code, known);
  }
  return known;
};

/** JSON text as a COPY field: JSON escapes control characters, so only its backslashes need doubling. */
const copyJson = (json: string) => (json.includes('\\') ? json.replaceAll('\\', '\\\\') : json);

export class RowNormaliser {
  private readonly m: ResolvedMapping;
  /** Per phone column: the JSON of its entry after the number, e.g. `","type":"home","column":"phone"}`, COPY-escaped. */
  private readonly phoneTails: string[];
  /** Per custom column: its JSON key, e.g. `"note":`, COPY-escaped. */
  private readonly customKeys: string[];
  private readonly prefix: string;

  constructor(private readonly settings: RecordSettings) {
    this.m = settings.mapping;
    this.phoneTails = this.m.phones.map((p) => copyJson(`","type":${JSON.stringify(p.type)},"column":${JSON.stringify(p.column)}}`));
    this.customKeys = this.m.custom.map((c, i) => copyJson(`${i === 0 ? '{' : ','}${JSON.stringify(c.column)}:`));
    this.prefix = `${settings.listId}\t${settings.importId}\t`;
  }

  normalise(cells: string[], row: number, errors: RowError[]): NormalisedRow | null {
    const m = this.m;
    const defaultRegion = this.settings.defaultRegion;
    let region = defaultRegion;
    let regionGiven = false;
    const regionCell = cell(cells, m.region);
    if (regionCell) {
      const code = regionCell.toUpperCase();
      if (isCountry(code)) {
        region = code;
        regionGiven = true;
      } else {
        errors.push({ row, column: m.header[m.region!]!, value: shown(regionCell), reason: `Not a country code (ISO 3166 alpha-2, e.g. JP, PL, US); the import's default region ${defaultRegion} was used.` });
      }
    }

    const numbers: string[] = [];
    let phonesJson = '';
    let primaryPhone = -1;
    let primaryCell = '';
    let primaryCountry: string | undefined;
    for (let k = 0; k < m.phones.length; k++) {
      const p = m.phones[k]!;
      const raw = cells[p.index]!.trim();
      if (!raw) continue;
      const parsed = phoneNumbers.normalise(raw, region);
      if (!parsed) {
        errors.push({ row, column: p.column, value: shown(raw), reason: `Not a valid phone number for region ${region}. Write it in international form (+81 3 1234 5678) or set the row's region.` });
        continue;
      }
      const number = parsed.number;
      if (numbers.includes(number)) continue; // the same number twice in a row counts once
      if (numbers.length === 0) {
        primaryPhone = k;
        primaryCell = raw;
        primaryCountry = parsed.country;
      }
      phonesJson += `${numbers.length === 0 ? '[' : ','}{"number":"${number}${this.phoneTails[k]!}`;
      numbers.push(number);
    }
    if (numbers.length === 0) {
      if (m.phones.every((p) => !cells[p.index]!.trim())) {
        errors.push({ row, column: m.phones[0]!.column, value: '', reason: 'The row has no phone number; it was not imported.' });
      }
      return null;
    }

    const zoneCell = cell(cells, m.timeZone);
    const postalCode = cell(cells, m.postalCode);
    const recordRegion = regionGiven ? region : (primaryCountry ?? region);
    const zone = inferTimeZone({ column: zoneCell, postalCode, region: recordRegion, numbers, fallback: this.settings.defaultTimeZone });
    if (zoneCell && zone.source !== 'column') {
      errors.push({ row, column: m.header[m.timeZone!]!, value: shown(zoneCell), reason: `Not an IANA time zone (e.g. Asia/Tokyo); the zone was taken from the ${zone.source === 'postal_code' ? 'postal code' : (zone.source ?? 'default')} instead.` });
    }

    let custom = m.custom.length === 0 ? '{}' : '';
    for (let k = 0; k < m.custom.length; k++) custom += this.customKeys[k]! + copyJson(JSON.stringify(cells[m.custom[k]!.index]!));
    if (m.custom.length > 0) custom += '}';

    const line =
      `${this.prefix}${row}\t${copyField(joinName(cells, m.name))}\t${copyField(cell(cells, m.phoneticName) ?? null)}\t` +
      `${copyField(zone.zone)}\t${copyField(zone.source)}\t${copyField(postalCode ?? null)}\t${copyField(recordRegion)}\t` +
      `${copyField(cell(cells, m.owner) ?? null)}\t${phonesJson}]\t${custom}`;
    return { line, primary: Number(numbers[0]!.slice(1)), primaryPhone, primaryCell };
  }
}

const cell = (cells: string[], index: number | undefined) => (index === undefined ? undefined : cells[index]!.trim() || undefined);

function joinName(cells: string[], columns: number[]): string | null {
  if (columns.length === 1) return cells[columns[0]!]!.trim() || null;
  return columns.map((i) => cells[i]!.trim()).filter(Boolean).join(' ') || null;
}
