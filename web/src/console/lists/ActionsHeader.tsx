import { useI18n } from '../../i18n/i18n';

/** The header cell over a table's row buttons: named for screen readers, blank on screen. */
export function ActionsHeader() {
  const { t } = useI18n();
  return (
    <th>
      <span className="visually-hidden">{t('console.lists.col.actions')}</span>
    </th>
  );
}
