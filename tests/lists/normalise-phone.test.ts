import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { PhoneNormaliser } from '../../src/lists/normalise-phone.js';
import { timeZoneOfNumber } from '../../src/lists/infer-time-zone.js';

/** L1: numbers to E.164 — the remembered-prefix fast path must agree with libphonenumber's full parse. */
describe('L1 phone normalisation', () => {
  it('L1 agrees with the full libphonenumber parse (number and country) on 60,000 random numbers in many formats and regions', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
    const regions = ['US', 'JP', 'PL', 'GB', 'DE', 'FR', 'CA', 'AU', 'BR', 'IN', 'MX', 'IT'];
    const formats = [
      (d: string) => d,
      (d: string) => `0${d}`,
      (d: string) => `+${d}`,
      (d: string) => `00${d}`,
      (d: string) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
      (d: string) => `(${d.slice(0, 3)}) ${d.slice(3)}`,
      (d: string) => `+81 ${d.slice(0, 1)} ${d.slice(1)}`,
      (d: string) => `+48 ${d}`,
      (d: string) => `+1 ${d}`,
      (d: string) => `+44 ${d}`,
      (d: string) => `011 ${d}`,
      (d: string) => `0011 ${d}`,
      (d: string) => `1 ${d}`,
    ];
    const fast = new PhoneNormaliser();
    const mismatches: string[] = [];
    let valid = 0;
    for (let i = 0; i < 60_000; i++) {
      const region = regions[i % regions.length]!;
      // Few distinct prefixes, so the remembered splits are exercised hard.
      const raw = formats[Math.floor(rand() * formats.length)]!(`${['3', '90', '22', '20', '601', '212', '30', '1'][Math.floor(rand() * 8)]}${digits(6 + Math.floor(rand() * 5))}`);
      const full = parsePhoneNumberFromString(raw, region as CountryCode);
      const expected = full && full.isValid() ? `${full.number} ${full.country}` : null;
      const fastResult = fast.normalise(raw, region);
      const got = fastResult ? `${fastResult.number} ${fastResult.country}` : null;
      if (got) valid++;
      if (got !== expected && mismatches.length < 10) mismatches.push(`${region} ${raw}: ${got} ≠ ${expected}`);
    }
    expect(mismatches).toEqual([]);
    expect(valid).toBeGreaterThan(5000);
  });

  it('L1 keeps extensions and letters on the full parse', () => {
    const fast = new PhoneNormaliser();
    expect(fast.normalise('(602) 555-0134', 'US')?.number).toBe('+16025550134');
    expect(fast.normalise('(602) 555-0135 ext. 12', 'US')?.number).toBe('+16025550135');
    expect(fast.normalise('03-1234-5678', 'JP')).toEqual({ number: '+81312345678', country: 'JP' });
    expect(fast.normalise('+48 22 123 45 67', 'US')).toEqual({ number: '+48221234567', country: 'PL' });
    expect(fast.normalise('not a number', 'US')).toBeNull();
    expect(fast.normalise('12', 'US')).toBeNull();
  });

  it('L1 time zone from the number: +1 602 → America/Phoenix, +1 303 → America/Denver, +81 3 → Asia/Tokyo, +48 → Europe/Warsaw, +44 → Europe/London', () => {
    expect(timeZoneOfNumber('+16025550134')).toBe('America/Phoenix');
    expect(timeZoneOfNumber('+13035550134')).toBe('America/Denver');
    expect(timeZoneOfNumber('+12125550134')).toBe('America/New_York');
    expect(timeZoneOfNumber('+81312345678')).toBe('Asia/Tokyo');
    expect(timeZoneOfNumber('+48221234567')).toBe('Europe/Warsaw');
    expect(timeZoneOfNumber('+442071234567')).toBe('Europe/London');
  });
});
