import type { HistoryItem } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** P2: earlier attempts on the record, newest first, times in the agent's zone. */
export function HistoryTable(props: { history: HistoryItem[] }) {
  const { t, tMaybe, dateTime } = useI18n();
  if (props.history.length === 0) return <p className="muted">{t('history.empty')}</p>;
  return (
    <table className="history">
      <thead>
        <tr>
          <th scope="col">{t('history.when')}</th>
          <th scope="col">{t('history.number')}</th>
          <th scope="col">{t('history.result')}</th>
          <th scope="col">{t('history.code')}</th>
          <th scope="col">{t('history.notes')}</th>
        </tr>
      </thead>
      <tbody>
        {props.history.map((h) => (
          <tr key={h.attemptId}>
            <td>{dateTime(h.queuedAt)}</td>
            <td className="number">{h.number ?? '—'}</td>
            <td>{h.result ? tMaybe(`result.${h.result}`, h.result) : '—'}</td>
            <td>{h.wrapUpCode ?? '—'}</td>
            <td>{h.notes ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
