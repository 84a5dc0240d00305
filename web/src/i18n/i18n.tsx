import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Locale } from '../api/types';
import { en, type MessageKey, type Messages } from './en';
import { ja } from './ja';
import { pl } from './pl';

/**
 * Languages (issue 5 point 8): a message catalogue per language, the language chosen by the
 * user (kept on the server as the user's locale and in this browser for the sign-in page),
 * dates and times with Intl in the user's time zone.
 */
export const catalogues: Record<Locale, Messages> = { en, ja, pl };
export const locales: Locale[] = ['en', 'ja', 'pl'];
export const localeNames: Record<Locale, string> = { en: 'English', ja: '日本語', pl: 'Polski' };
const STORAGE_KEY = 'pacer.locale';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as string[]).includes(value);
}

/** The language for the sign-in page: the one last chosen here, else the browser's, else English. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  for (const lang of navigator.languages ?? []) {
    const base = lang.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return 'en';
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = catalogues[locale][key] ?? en[key];
  if (!params) return text;
  const numbers = new Intl.NumberFormat(locale);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

interface I18n {
  locale: Locale;
  /** The IANA zone dates are shown in: the user's own. */
  timeZone: string;
  t: Translate;
  /** A message key built at run time (a state, a reason, a result): translated when known, else shown as is. */
  tMaybe(key: string, fallback: string): string;
  setLocale(locale: Locale): void;
  dateTime(iso: string | Date, options?: Intl.DateTimeFormatOptions, timeZone?: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { locale: Locale; timeZone: string; onLocaleChange(locale: Locale): void; children: ReactNode }) {
  const { locale, timeZone, onLocaleChange } = props;
  useEffect(() => {
    document.documentElement.lang = locale;
    localStorage.setItem(STORAGE_KEY, locale);
  }, [locale]);
  const t = useCallback<Translate>((key, params) => translate(locale, key, params), [locale]);
  const value = useMemo<I18n>(
    () => ({
      locale,
      timeZone,
      t,
      tMaybe: (key, fallback) => (key in en ? translate(locale, key as MessageKey) : fallback),
      setLocale: onLocaleChange,
      dateTime: (iso, options = { dateStyle: 'medium', timeStyle: 'short' }, zone = timeZone) => {
        try {
          return new Intl.DateTimeFormat(locale, { ...options, timeZone: zone }).format(typeof iso === 'string' ? new Date(iso) : iso);
        } catch {
          return new Intl.DateTimeFormat(locale, options).format(typeof iso === 'string' ? new Date(iso) : iso);
        }
      },
    }),
    [locale, timeZone, t, onLocaleChange],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
