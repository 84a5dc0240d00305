import { isSupportedCountry, parsePhoneNumberWithError, ParseError, type CountryCode } from 'libphonenumber-js';
import { validationFailed } from '../shared/errors.js';
import { isE164Digits } from './number-index.js';

/**
 * L4: a do-not-call number is stored and checked as its E.164 form (digits as an integer).
 * A number is accepted when it is *possible* for its country (right length): a block list
 * errs on the side of blocking, so numbers the metadata does not know as assigned still count.
 */
export type Normalised =
  | { ok: true; e164: string; digits: number }
  | { ok: false; reason: string; fix: string };

const EXAMPLE = 'e.g. +81312345678, or 03-1234-5678 with region JP';

export function normaliseNumber(input: string, region?: string): Normalised {
  const text = input.trim();
  if (!text) return { ok: false, reason: 'is empty', fix: `give a phone number, ${EXAMPLE}` };
  if (region !== undefined && !isSupportedCountry(region)) {
    return { ok: false, reason: `has an unknown region "${region}"`, fix: 'use a two-letter ISO 3166 country code such as US, JP or GB' };
  }
  const international = text.startsWith('+');
  if (!international && region === undefined) {
    return { ok: false, reason: 'has no country code', fix: 'start it with + and the country code, or give a region (default region) such as US or JP' };
  }
  try {
    const phone = parsePhoneNumberWithError(text, { defaultCountry: region as CountryCode | undefined, extract: false });
    if (!phone.isPossible()) {
      const where = phone.country ?? `country code +${phone.countryCallingCode}`;
      return { ok: false, reason: `does not have a possible length for ${where}`, fix: 'check for missing or extra digits' };
    }
    const digits = Number(phone.number.slice(1));
    if (!isE164Digits(digits)) return { ok: false, reason: 'is longer than 15 digits (the E.164 maximum)', fix: 'check for extra digits' };
    return { ok: true, e164: phone.number, digits };
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    switch (err.message) {
      case 'INVALID_COUNTRY':
        return { ok: false, reason: 'has an unknown country code', fix: `start it with + and a valid country code, ${EXAMPLE}` };
      case 'TOO_SHORT':
        return { ok: false, reason: 'is too short', fix: 'check for missing digits' };
      case 'TOO_LONG':
        return { ok: false, reason: 'is too long', fix: 'check for extra digits' };
      default:
        return { ok: false, reason: 'is not a phone number', fix: `use digits, spaces, dashes or brackets, ${EXAMPLE}` };
    }
  }
}

/** Normalises or throws a 400 naming the field, the value and how to fix it. */
export function requireNumber(input: string, region: string | undefined, field = 'number'): { e164: string; digits: number } {
  const result = normaliseNumber(input, region);
  if (!result.ok) {
    throw validationFailed(`The ${field} "${input}" ${result.reason}: ${result.fix}.`, { field, value: input, region: region ?? null, reason: result.reason });
  }
  return result;
}

/** The E.164 text of stored digits. */
export const e164Of = (digits: number): string => `+${digits}`;

/**
 * The digits of an E.164 string ("+" and 1–15 digits, no leading zero), or undefined.
 * The dialer's fast path: no parsing library on the way to a dial.
 */
export function e164Digits(text: string): number | undefined {
  if (text.length < 2 || text.length > 16 || text.charCodeAt(0) !== 43 /* + */) return undefined;
  let value = 0;
  for (let i = 1; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9 || (i === 1 && d === 0)) return undefined;
    value = value * 10 + d;
  }
  return value;
}
