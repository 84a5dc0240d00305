import type { User } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

export function AdminPage(_props: { user: User }) {
  const { t } = useI18n();
  return <h1>{t('console.admin.title')}</h1>;
}
