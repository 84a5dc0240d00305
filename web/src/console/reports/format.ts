/** Durations as h:mm:ss (a report's usual form); "—" when there is none. */
export function hms(ms: number | null | undefined): string {
  if (ms == null) return '—';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** A percentage to one place, or "—" when it has no denominator. */
export function percent(value: number | null | undefined, locale: string): string {
  if (value == null) return '—';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)}%`;
}

/** D6: the abandon-rate target; above it the rate shows red, near it amber. */
export const ABANDON_TARGET = 3;
export function abandonClass(rate: number | null): string {
  if (rate == null) return '';
  return rate > ABANDON_TARGET ? 'rp-bad' : rate > ABANDON_TARGET * 0.8 ? 'rp-warn' : 'rp-ok';
}
