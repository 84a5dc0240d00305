import { useI18n } from '../i18n/i18n';

/** The Pacer mark and name at the left of every top bar. */
export function Brand() {
  const { t } = useI18n();
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true">P</span>
      <span>{t('app.name')}</span>
    </div>
  );
}
