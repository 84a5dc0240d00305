import { useI18n } from '../../i18n/i18n';
import { csvHref } from './filters';

/** R2: the table as CSV — the .csv endpoint with the same filters, UTF-8 (with BOM, for Excel) or Shift_JIS. */
export function CsvLinks(props: { path: string; params: URLSearchParams; label?: string }) {
  const { t } = useI18n();
  return (
    <span className="rp-csv">
      <span className="muted small">{props.label ?? t('console.reports.csv')}</span>
      <a className="cb-button" href={csvHref(props.path, props.params, 'utf-8')} download>
        {t('console.callbacks.csvUtf8')}
      </a>
      <a className="cb-button" href={csvHref(props.path, props.params, 'shift_jis')} download>
        {t('console.callbacks.csvSjis')}
      </a>
    </span>
  );
}
