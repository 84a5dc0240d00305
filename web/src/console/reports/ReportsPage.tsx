import type { User } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

export function ReportsPage(_props: { user: User }) {
  const { t } = useI18n();
  return <h1>{t('console.reports.title')}</h1>;
}
