import { useI18n } from '../../i18n/i18n';

/** The period the server answered for (its instants, shown in the report's zone) and when it was computed. */
export function ReportMeta(props: { report: { from: string; to: string; timeZone: string; asOf: string } }) {
  const { t, dateTime } = useI18n();
  const { from, to, timeZone, asOf } = props.report;
  const short: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  return (
    <span className="muted small rp-meta">
      {t('console.reports.period', { from: dateTime(from, short, timeZone), to: dateTime(to, short, timeZone), zone: timeZone, asOf: dateTime(asOf, { timeStyle: 'short' }) })}
    </span>
  );
}
