import { useI18n } from '../../../i18n/i18n';
import { WEEKDAYS, type Weekday } from '../types';
import type { Draft } from './draft';
import { Field } from './fields';

/** Step 3 (L5): the hours a contact may be called on each weekday, in the contact's own zone; holidays. */
export function HoursStep(props: { draft: Draft; change(patch: Partial<Draft>): void }) {
  const { t, tMaybe } = useI18n();
  const times = props.draft.contactableTimes;
  const set = (patch: Partial<Draft['contactableTimes']>) => props.change({ contactableTimes: { ...times, ...patch } });
  const setDay = (day: Weekday, windows: Array<{ start: string; end: string }>) => set({ weekly: { ...times.weekly, [day]: windows } });
  return (
    <div>
      <p className="muted">{t('console.wizard.hoursHelp')}</p>
      <Field label={t('console.wizard.timeZone')}>
        <input value={times.defaultTimeZone} list="time-zones" onChange={(e) => set({ defaultTimeZone: e.target.value })} />
      </Field>
      <datalist id="time-zones">
        {Intl.supportedValuesOf('timeZone').map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <table className="wizard-table hours">
        <tbody>
          {WEEKDAYS.map((day) => {
            const windows = times.weekly[day] ?? [];
            const dayName = tMaybe(`console.wizard.day.${day}`, day);
            return (
              <tr key={day}>
                <th scope="row">{dayName}</th>
                <td>
                  {windows.length === 0 && <span className="muted">{t('console.wizard.closed')}</span>}
                  {windows.map((w, i) => (
                    <span key={i} className="window">
                      <input type="text" className="time" pattern="([01]\d|2[0-3]):[0-5]\d" aria-label={`${dayName} ${t('console.wizard.from')}`} value={w.start} onChange={(e) => setDay(day, windows.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))} />
                      –
                      <input
                        type="text"
                        className="time"
                        aria-label={`${dayName} ${t('console.wizard.to')}`}
                        value={w.end}
                        pattern="([01]\d|2[0-3]):[0-5]\d|24:00"
                        onChange={(e) => setDay(day, windows.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))}
                      />
                      <button type="button" className="link" aria-label={`${dayName}: ${t('console.wizard.removeWindow')}`} onClick={() => setDay(day, windows.filter((_, j) => j !== i))}>
                        ×
                      </button>
                    </span>
                  ))}
                </td>
                <td>
                  <button type="button" onClick={() => setDay(day, [...windows, { start: '09:00', end: '18:00' }])}>
                    {t('console.wizard.addWindow')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t('console.wizard.holidays')}</h3>
      <table className="wizard-table">
        <thead>
          <tr>
            <th>{t('console.wizard.holidayDate')}</th>
            <th>{t('console.wizard.holidayCountry')}</th>
            <th>{t('console.wizard.holidayName')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {times.holidays.map((h, i) => {
            const edit = (patch: Partial<typeof h>) => set({ holidays: times.holidays.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <tr key={i}>
                <td>
                  <input type="date" aria-label={t('console.wizard.holidayDate')} value={h.date} onChange={(e) => edit({ date: e.target.value })} />
                </td>
                <td>
                  <input size={3} maxLength={2} aria-label={t('console.wizard.holidayCountry')} value={h.country ?? ''} onChange={(e) => edit({ country: e.target.value.toUpperCase() || undefined })} />
                </td>
                <td>
                  <input aria-label={t('console.wizard.holidayName')} value={h.name ?? ''} onChange={(e) => edit({ name: e.target.value || undefined })} />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => set({ holidays: times.holidays.filter((_, j) => j !== i) })}>
                    {t('console.wizard.remove')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" onClick={() => set({ holidays: [...times.holidays, { date: '' }] })}>
        {t('console.wizard.addHoliday')}
      </button>
    </div>
  );
}
