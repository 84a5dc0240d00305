import { useI18n } from '../../i18n/i18n';
import { ContactableTimesEditor, DAY_KEYS, problemsUnder, sortHolidays, windowsText } from './ContactableTimesEditor';
import { Fact, SettingsSection } from './SettingsSection';
import { WEEKDAYS, type Campaign, type ContactableTimes } from './types';

/**
 * L5: when contacts may be called — per weekday in the contact's own time zone, the holidays,
 * and the zone for records without one. Edited with the wizard's editor; PATCH replaces the
 * whole object, and the server's problems are shown on the field they concern.
 */
export function HoursSection(props: { campaign: Campaign }) {
  const { t, dateTime } = useI18n();
  const c = props.campaign;
  const hours = c.contactableTimes;
  const holidays = sortHolidays(hours.holidays);
  return (
    <SettingsSection<ContactableTimes>
      title={t('console.campaigns.section.hours')}
      campaign={c}
      startDraft={() => ({ ...structuredClone(hours), holidays: sortHolidays(hours.holidays) })}
      toPatch={(contactableTimes) => ({ contactableTimes })}
      form={(draft, set, refusal) => <ContactableTimesEditor value={draft} onChange={set} problems={problemsUnder(refusal, 'contactableTimes')} fillFromTemplate />}
      view={
        <>
          <table className="data-table compact hours">
            <tbody>
              {WEEKDAYS.map((w) => (
                <tr key={w}>
                  <th scope="row">{t(DAY_KEYS[w])}</th>
                  <td>{hours.weekly[w].length > 0 ? windowsText(hours.weekly[w]) : <span className="muted">{t('console.campaigns.closed')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="facts">
            <Fact label={t('console.campaigns.defaultTimeZone')}>{hours.defaultTimeZone}</Fact>
            <Fact label={t('console.campaigns.holidays')}>
              {holidays.length === 0 ? (
                t('console.campaigns.noHolidays')
              ) : (
                <ul className="holiday-list">
                  {holidays.map((h) => (
                    <li key={`${h.date}/${h.country ?? ''}`} data-holiday={h.date}>
                      <time dateTime={h.date}>{dateTime(`${h.date}T12:00:00Z`, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }, 'UTC')}</time>
                      {h.name && <span> · {h.name}</span>}
                      {h.country && (
                        <>
                          {' '}
                          <span className="tag">{t('console.hours.onlyCountry', { country: h.country })}</span>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Fact>
          </dl>
        </>
      }
    />
  );
}
