import type { Work } from '../api/types';
import { useI18n } from '../i18n/i18n';

/**
 * P2 "Attempts": where the record stands against the campaign's limits (L6) — attempts made
 * and allowed, the results so far, and for each number whether it may be dialed now and, if
 * not, why and from when (the server's dial-time check, the same one every dial goes through).
 */
export function AttemptsTab(props: { work: Work }) {
  const { t, tMaybe, dateTime } = useI18n();
  const { work } = props;
  const { perRecord, perNumberPerDay } = work.attemptLimits;
  const results = Object.entries(work.resultCounts).filter(([, n]) => n > 0);
  return (
    <div className="attempts-tab">
      <dl className="fields">
        <div>
          <dt>{t('attempts.made')}</dt>
          <dd>{perRecord === null ? String(work.attempts) : t('attempts.ofLimit', { count: work.attempts, limit: perRecord })}</dd>
        </div>
        <div>
          <dt>{t('attempts.perNumberPerDay')}</dt>
          <dd>{perNumberPerDay === null ? t('attempts.noLimit') : String(perNumberPerDay)}</dd>
        </div>
        <div>
          <dt>{t('attempts.results')}</dt>
          <dd>{results.length === 0 ? t('attempts.noResults') : results.map(([r, n]) => `${tMaybe(`result.${r}`, r)} × ${n}`).join(', ')}</dd>
        </div>
      </dl>
      <table className="history attempts-numbers">
        <caption>{t('attempts.numbers')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('attempts.number')}</th>
            <th scope="col">{t('attempts.now')}</th>
          </tr>
        </thead>
        <tbody>
          {work.phones.map((p) => (
            <tr key={p.number}>
              <td>{p.number}</td>
              <td>
                {p.allowed
                  ? t('attempts.allowed')
                  : `${p.message ?? p.reason ?? ''}${p.nextAllowedAt ? ` — ${t('attempts.from', { time: dateTime(p.nextAllowedAt, { weekday: 'short', hour: '2-digit', minute: '2-digit' }) })}` : ''}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
