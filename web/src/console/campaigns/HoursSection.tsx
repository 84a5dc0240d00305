import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n';
import { Fact, Field, SettingsSection } from './SettingsSection';
import { WEEKDAYS, type Campaign, type TimeWindow, type Weekday } from './types';

export const DAY_KEYS = {
  mon: 'console.campaigns.day.mon',
  tue: 'console.campaigns.day.tue',
  wed: 'console.campaigns.day.wed',
  thu: 'console.campaigns.day.thu',
  fri: 'console.campaigns.day.fri',
  sat: 'console.campaigns.day.sat',
  sun: 'console.campaigns.day.sun',
} as const satisfies Record<Weekday, MessageKey>;

const windowsText = (ws: TimeWindow[]) => ws.map((w) => `${w.start}–${w.end}`).join(', ');

/** "09:00–12:00, 13:00–21:00" → windows; the server checks the times (HH:MM, start before end, no overlap). */
function parseWindows(text: string): TimeWindow[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [start = '', end = ''] = part.split(/\s*[-–]\s*/);
      return { start, end };
    });
}

interface Draft {
  days: Record<Weekday, string>;
  defaultTimeZone: string;
}

/**
 * L5: when contacts may be called — per weekday in the contact's own time zone, the holidays,
 * and the zone for records without one. The form edits the weekly hours and the default zone
 * and sends the holidays back as they are (PATCH replaces the whole object).
 */
export function HoursSection(props: { campaign: Campaign }) {
  const { t } = useI18n();
  const c = props.campaign;
  const hours = c.contactableTimes;
  return (
    <SettingsSection<Draft>
      title={t('console.campaigns.section.hours')}
      campaign={c}
      startDraft={() => ({ days: Object.fromEntries(WEEKDAYS.map((w) => [w, windowsText(hours.weekly[w])])) as Draft['days'], defaultTimeZone: hours.defaultTimeZone })}
      toPatch={(d) => ({
        contactableTimes: { weekly: Object.fromEntries(WEEKDAYS.map((w) => [w, parseWindows(d.days[w])])) as Campaign['contactableTimes']['weekly'], holidays: hours.holidays, defaultTimeZone: d.defaultTimeZone },
      })}
      form={(d, set) => (
        <>
          <p className="muted small">{t('console.campaigns.hoursHint')}</p>
          <div className="form-grid days">
            {WEEKDAYS.map((w) => (
              <Field key={w} label={t(DAY_KEYS[w])}>
                <input value={d.days[w]} placeholder={t('console.campaigns.closed')} onChange={(e) => set({ ...d, days: { ...d.days, [w]: e.target.value } })} />
              </Field>
            ))}
          </div>
          <Field label={t('console.campaigns.defaultTimeZone')}>
            <input value={d.defaultTimeZone} onChange={(e) => set({ ...d, defaultTimeZone: e.target.value })} />
          </Field>
        </>
      )}
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
              {hours.holidays.length === 0
                ? t('console.campaigns.noHolidays')
                : hours.holidays.map((h) => `${h.date}${h.country ? ` (${h.country})` : ''}${h.name ? ` ${h.name}` : ''}`).join(' · ')}
            </Fact>
          </dl>
        </>
      }
    />
  );
}
