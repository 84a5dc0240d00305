import { useI18n } from '../../i18n/i18n';
import { resultName } from './attempt-columns';
import type { Customer } from './types';

/** One record of the customer search (R3): who, which list, the numbers, and where it stands in each campaign. */
export function CustomerRow(props: { customer: Customer }) {
  const { t, tMaybe, dateTime } = useI18n();
  const c = props.customer;
  const short: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short' };
  return (
    <tr data-record-id={c.recordId}>
      <td>
        <span className="rp-stack">
          <strong>{c.name ?? '—'}</strong>
          {c.phoneticName && <small className="muted">{c.phoneticName}</small>}
        </span>
      </td>
      <td>{c.listName}</td>
      <td>
        <span className="rp-stack">
          {c.phones.map((p) => (
            <span key={`${p.type}${p.number}`} className="cb-phone">
              {p.number} <small className="muted">{tMaybe(`phoneType.${p.type}`, p.type)}</small>
            </span>
          ))}
        </span>
      </td>
      <td>
        {c.campaigns.length === 0 ? (
          <span className="muted">{t('console.reports.customers.inNoCampaign')}</span>
        ) : (
          <ul className="rp-in-campaigns">
            {c.campaigns.map((k) => (
              <li key={`${k.campaignId}-${k.batch}`} data-campaign={k.campaignName}>
                <strong>{k.campaignName}</strong>
                <span className={`tag rp-rec-${k.status}`}>{tMaybe(`console.reports.record.${k.status}`, k.status)}</span>
                <span>{t('console.reports.customers.attempts', { count: k.attempts })}</span>
                {k.lastResult && (
                  <span>
                    {t('console.reports.customers.last', { result: resultName(tMaybe, k.lastResult), at: k.lastAttemptAt ? dateTime(k.lastAttemptAt, short) : '' })}
                  </span>
                )}
                {k.nextAttemptAt && <span className="muted">{t('console.reports.customers.next', { at: dateTime(k.nextAttemptAt, short) })}</span>}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
