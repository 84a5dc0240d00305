import { Metadata, parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

/**
 * Phone numbers to E.164 (L1) with libphonenumber's full ("max") metadata, fast enough for a
 * million rows. The full parse costs ~10 µs; numbers of a list share their first digits, so
 * the way a number splits into country code and national number is remembered per (default
 * region, first 6 characters, length) — only from a number the parser judged valid — and each
 * later number with that key is still checked exactly against its country's number patterns.
 * Anything unusual (letters, an extension, a pattern miss) takes the full parse. A test holds
 * this equal to the full parse on random numbers.
 */
export interface NormalisedPhone {
  /** E.164, e.g. +81312345678 */
  number: string;
  /** The country the number belongs to, when known. */
  country: string | undefined;
}

interface Split {
  callingCode: string;
  /** Digits before the national number: country code, international or national prefix. */
  strip: number;
  country: string | undefined;
  valid: (nationalNumber: string) => boolean;
}

const TYPES: NumberType[] = ['FIXED_LINE', 'MOBILE', 'TOLL_FREE', 'PREMIUM_RATE', 'PERSONAL_NUMBER', 'VOIP', 'UAN', 'PAGER', 'VOICEMAIL', 'SHARED_COST'];
const PLAIN = /^\+?[\d\s().\-/]+$/;
const KEY_CHARS = 6;
const MAX_MEMO = 200_000;

export class PhoneNormaliser {
  private readonly splits = new Map<string, Split>();
  private readonly validators = new Map<string, (nsn: string) => boolean>();
  private readonly metadata = new Metadata();

  normalise(raw: string, region: string): NormalisedPhone | null {
    if (PLAIN.test(raw)) {
      const cleaned = raw.replace(/[^\d+]/g, '');
      if (cleaned.lastIndexOf('+') <= 0) {
        const key = `${region}${cleaned.length}${cleaned.slice(0, KEY_CHARS)}`;
        const split = this.splits.get(key);
        if (split) {
          const digits = cleaned.charCodeAt(0) === 43 ? cleaned.slice(1) : cleaned;
          const national = digits.slice(split.strip);
          if (split.valid(national)) return { number: `+${split.callingCode}${national}`, country: split.country };
        }
        return this.parse(raw, region, cleaned, key);
      }
    }
    return this.parse(raw, region, undefined, undefined);
  }

  private parse(raw: string, region: string, cleaned: string | undefined, key: string | undefined): NormalisedPhone | null {
    const parsed = parsePhoneNumberFromString(raw, region as CountryCode);
    if (!parsed || !parsed.isValid()) return null;
    const result = { number: parsed.number as string, country: parsed.country };
    if (cleaned !== undefined && key !== undefined && !parsed.ext && this.splits.size < MAX_MEMO) {
      const digits = cleaned.startsWith('+') ? cleaned.slice(1) : cleaned;
      const national = parsed.nationalNumber as string;
      const callingCode = parsed.countryCallingCode as string;
      if (digits.endsWith(national) && `+${callingCode}${national}` === result.number) {
        this.splits.set(key, { callingCode, strip: digits.length - national.length, country: parsed.country, valid: this.validator(callingCode) });
      }
    }
    return result;
  }

  /** True when the national number matches a number type of some region of the calling code (libphonenumber's isValid). */
  private validator(callingCode: string): (nsn: string) => boolean {
    let valid = this.validators.get(callingCode);
    if (valid) return valid;
    const checks: Array<{ pattern: RegExp; lengths: number[] | undefined }> = [];
    const byCode = this.metadata as unknown as { getCountryCodesForCallingCode(code: string): string[] | undefined };
    for (const region of byCode.getCountryCodesForCallingCode(callingCode) ?? []) {
      this.metadata.selectNumberingPlan(region as CountryCode);
      const plan = this.metadata.numberingPlan!;
      for (const t of TYPES) {
        const type = (plan as unknown as { type(t: NumberType): { pattern(): string; possibleLengths(): number[] | undefined } | undefined }).type(t);
        const pattern = type?.pattern();
        if (!pattern) continue;
        checks.push({ pattern: new RegExp(`^(?:${pattern})$`), lengths: type!.possibleLengths() ?? plan.possibleLengths() });
      }
    }
    valid = (nsn) => checks.some((c) => (!c.lengths || c.lengths.includes(nsn.length)) && c.pattern.test(nsn));
    this.validators.set(callingCode, valid);
    return valid;
  }
}
