import { validationFailed } from '../shared/errors.js';
import { type ContactableHours, type ContactableTimesInput, compileContactableHours } from './contactable-time.js';
import { type RegulatoryProfile, type RegulatoryProfileName, regulatoryProfiles } from './regulatory-profiles.js';
import { zoneTable } from './zone-table.js';

/**
 * A campaign's dial-time rules, compiled once (when the campaign starts or changes) so that the
 * check on every dial does no parsing: contactable hours (L5) merged with the law's hours, the
 * attempt limits (L6) and the regulatory profile.
 */
export interface DialPolicyInput {
  regulatoryProfile: RegulatoryProfileName;
  contactableTimes: ContactableTimesInput;
  maxAttemptsPerRecord?: number | null;
  maxAttemptsPerNumberPerDay?: number | null;
}

export interface DialPolicy {
  readonly profile: RegulatoryProfile;
  readonly hours: ContactableHours;
  readonly defaultTimeZone: string | null;
  readonly maxAttemptsPerRecord: number | null;
  readonly maxAttemptsPerNumberPerDay: number | null;
}

const positiveOrNull = (value: number | null | undefined, where: string): number | null => {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 1) throw validationFailed(`${where} must be a whole number of at least 1 (or left out for no limit).`, { where, value });
  return value;
};

export function compileDialPolicy(input: DialPolicyInput): DialPolicy {
  const profile = regulatoryProfiles[input.regulatoryProfile];
  if (!profile) {
    throw validationFailed(`Unknown regulatory profile "${String(input.regulatoryProfile)}"; use us, uk or none.`, { value: input.regulatoryProfile });
  }
  const defaultTimeZone = input.contactableTimes.defaultTimeZone ?? null;
  if (defaultTimeZone !== null && !zoneTable(defaultTimeZone)) {
    throw validationFailed(`contactableTimes.defaultTimeZone: "${defaultTimeZone}" is not an IANA time zone such as America/New_York.`, { value: defaultTimeZone });
  }
  return {
    profile,
    hours: compileContactableHours(input.contactableTimes, profile.callingHours),
    defaultTimeZone,
    maxAttemptsPerRecord: positiveOrNull(input.maxAttemptsPerRecord, 'maxAttemptsPerRecord'),
    maxAttemptsPerNumberPerDay: positiveOrNull(input.maxAttemptsPerNumberPerDay, 'maxAttemptsPerNumberPerDay'),
  };
}
