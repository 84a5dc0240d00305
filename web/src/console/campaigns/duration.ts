import type { Translate } from '../../i18n/i18n';

/** A wait in minutes as a supervisor says it: 4320 → "3 d", 120 → "2 h", 90 → "90 min". */
export function waitText(t: Translate, minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return t('console.campaigns.duration.days', { n: minutes / 1440 });
  if (minutes >= 60 && minutes % 60 === 0) return t('console.campaigns.duration.hours', { n: minutes / 60 });
  return t('console.campaigns.duration.minutes', { n: minutes });
}
