import type { Locale } from '../api/types';
import { isLocale, localeNames, locales, useI18n } from '../i18n/i18n';

/** The language switch, labelled in the current language (visibly unless compact); each language named in itself. */
export function LanguageSwitch(props: { compact?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="language">
      <span className={props.compact ? 'visually-hidden' : undefined}>{t('language.label')}</span>
      <select value={locale} onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value as Locale)}>
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
