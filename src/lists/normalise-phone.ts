import { Metadata, parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

/**
 * Phone numbers to E.164 (L1) with libphonenumber's full ("max") metadata, fast enough for a
 * million rows. The full parse costs ~6 µs; numbers of a list share their first digits, so
 * the way a number splits into country code and national number is remembered — only from a
 * number the parser judged valid — per (default region, length, first characters): as many
 * as the prefix it stripped ('+' or an international prefix and the country code, or a
 * national prefix) and two more, at least 4. A later number with such a key takes the same
 * split, and then the rest of libphonenumber's judgement is redone exactly, with its own
 * patterns compiled once: the country of the national number (for codes shared by several
 * countries, like +1 and +44) and whether the number is valid there. Anything unusual
 * (letters, an extension, a country it cannot tell) takes the full parse. A test holds this
 * equal to the full parse on random numbers in many formats and regions.
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
}

/** A country's numbering plan, compiled: what libphonenumber checks, in its order. */
interface Plan {
  leadingDigits: RegExp | undefined;
  general: RegExp;
  hasTypes: boolean;
  types: Array<{ pattern: RegExp; lengths: number[] | undefined }>;
}

const TYPES: NumberType[] = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];
/** Key lengths: characters of the number (digits and '+', as base-11 figures) besides its length. */
const MIN_KEY = 4;
const MAX_KEY = 12;
const MAX_LENGTH = 40;
const MAX_MEMO = 200_000;
const OTHER_SPACE = /\s/;

export class PhoneNormaliser {
  /** Remembered splits: region → key length → (length, first characters) → split. */
  private readonly splits = new Map<string, Array<Map<number, Split> | undefined>>();
  /** The keys of the number at hand, by key length. */
  private readonly keys = new Float64Array(MAX_KEY + 1);
  private remembered = 0;
  private readonly plans = new Map<string, Plan>();
  private readonly regions = new Map<string, string[] | undefined>();
  private readonly metadata = new Metadata();

  normalise(raw: string, region: string): NormalisedPhone | null {
    // Plain numbers only: digits, one leading '+', and spaces ( ) . - / between.
    let prefix = 0;
    let length = 0;
    let separators = false;
    const keys = this.keys;
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      let figure: number;
      if (c >= 48 && c <= 57) figure = c - 48;
      else if (c === 43 && length === 0 && !separators) figure = 10;
      else if (c === 32 || c === 40 || c === 41 || c === 45 || c === 46 || c === 47 || OTHER_SPACE.test(raw[i]!)) {
        separators = true;
        continue;
      } else return this.parse(raw, region, undefined, -1);
      if (length < MAX_KEY) {
        prefix = prefix * 11 + figure;
        keys[length + 1] = prefix;
      }
      length++;
    }
    if (length < MIN_KEY || length > MAX_LENGTH) return this.parse(raw, region, undefined, 0);
    const cleaned = separators ? raw.replace(/[^\d+]/g, '') : raw;
    const byLength = this.splits.get(region);
    if (byLength) {
      const longest = Math.min(length, MAX_KEY);
      for (let n = MIN_KEY; n <= longest; n++) {
        const split = byLength[n]?.get(keys[n]! * MAX_LENGTH + length);
        if (!split) continue;
        const national = (cleaned.charCodeAt(0) === 43 ? cleaned.slice(1) : cleaned).slice(split.strip);
        const country = this.countryOf(split.callingCode, national);
        if (country !== undefined && this.isValid(country, national)) return { number: `+${split.callingCode}${national}`, country };
        break;
      }
    }
    return this.parse(raw, region, cleaned, length);
  }

  private parse(raw: string, region: string, cleaned: string | undefined, length: number): NormalisedPhone | null {
    const parsed = parsePhoneNumberFromString(raw, region as CountryCode);
    if (!parsed || !parsed.isValid()) return null;
    const result = { number: parsed.number as string, country: parsed.country };
    if (cleaned !== undefined && !parsed.ext && this.remembered < MAX_MEMO) {
      const digits = cleaned.startsWith('+') ? cleaned.slice(1) : cleaned;
      const national = parsed.nationalNumber as string;
      const callingCode = parsed.countryCallingCode as string;
      // Remember only a split this class redoes to the same result.
      const country = result.country;
      if (country && digits.endsWith(national) && `+${callingCode}${national}` === result.number && this.countryOf(callingCode, national) === country && this.isValid(country, national)) {
        const strip = digits.length - national.length;
        const n = Math.max(MIN_KEY, (cleaned.length - digits.length) + strip + 2); // '+', the stripped prefix, two more
        if (n <= Math.min(length, MAX_KEY)) {
          let byLength = this.splits.get(region);
          if (!byLength) this.splits.set(region, (byLength = []));
          (byLength[n] ??= new Map()).set(this.keys[n]! * MAX_LENGTH + length, { callingCode, strip });
          this.remembered++;
        }
      }
    }
    return result;
  }

  /** libphonenumber's country of a national number under a calling code (getCountryByCallingCode); undefined when it cannot tell. */
  private countryOf(callingCode: string, national: string): string | undefined {
    let regions = this.regions.get(callingCode);
    if (regions === undefined && !this.regions.has(callingCode)) {
      regions = (this.metadata as unknown as { getCountryCodesForCallingCode(code: string): string[] | undefined }).getCountryCodesForCallingCode(callingCode);
      this.regions.set(callingCode, regions);
    }
    if (!regions) return undefined;
    if (regions.length === 1) return regions[0];
    for (const region of regions) {
      const plan = this.plan(region);
      if (plan.leadingDigits) {
        if (plan.leadingDigits.test(national)) return region;
      } else if (hasType(plan, national)) return region;
    }
    return undefined;
  }

  /** libphonenumber's isValid for a national number of a country. */
  private isValid(country: string, national: string): boolean {
    const plan = this.plan(country);
    return plan.hasTypes ? hasType(plan, national) : plan.general.test(national);
  }

  private plan(country: string): Plan {
    let plan = this.plans.get(country);
    if (plan) return plan;
    this.metadata.selectNumberingPlan(country as CountryCode);
    const numbering = this.metadata.numberingPlan as unknown as {
      leadingDigits(): string | undefined;
      nationalNumberPattern(): string;
      hasTypes(): boolean;
      type(t: NumberType): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
    };
    const leadingDigits = numbering.leadingDigits();
    plan = {
      leadingDigits: leadingDigits ? new RegExp(`^(?:${leadingDigits})`) : undefined,
      general: entirely(numbering.nationalNumberPattern()),
      hasTypes: numbering.hasTypes(),
      types: [],
    };
    for (const t of TYPES) {
      const type = numbering.type(t);
      const pattern = type?.pattern();
      if (pattern) plan.types.push({ pattern: entirely(pattern), lengths: type!.possibleLengths() });
    }
    this.plans.set(country, plan);
    return plan;
  }
}

const entirely = (pattern: string) => new RegExp(`^(?:${pattern})$`);

/** libphonenumber's getNumberType(...) !== undefined: the general pattern, then any type (with its possible lengths). */
function hasType(plan: Plan, national: string): boolean {
  if (!plan.general.test(national)) return false;
  for (const t of plan.types) {
    if (t.lengths && !t.lengths.includes(national.length)) continue;
    if (t.pattern.test(national)) return true;
  }
  return false;
}
