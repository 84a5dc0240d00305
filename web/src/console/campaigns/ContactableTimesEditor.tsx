import { Fragment, useEffect, useId, useRef, type FocusEvent } from 'react';
import { ApiError } from '../../api/client';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n';
import { TemplatePicker } from '../templates/TemplatePicker';
import { FieldProblems } from '../ui/FieldProblems';
import { WEEKDAYS, type ContactableTimes, type Holiday, type TimeWindow, type Weekday } from './types';
import './contactable-times.css';

export const DAY_KEYS = {
  mon: 'console.campaigns.day.mon',
  tue: 'console.campaigns.day.tue',
  wed: 'console.campaigns.day.wed',
  thu: 'console.campaigns.day.thu',
  fri: 'console.campaigns.day.fri',
  sat: 'console.campaigns.day.sat',
  sun: 'console.campaigns.day.sun',
} as const satisfies Record<Weekday, MessageKey>;

/** The server's limit on periods per day (src/campaigns/campaign-schemas.ts). */
const MAX_WINDOWS = 6;

/** What the server found wrong, with the path inside the contactable times ("holidays.1.date", "weekly.mon.0"). */
export interface TimesProblem {
  path: string;
  problem: string;
}

/** The problems a refusal (an ApiError, or its details) lists under `prefix` (e.g. "contactableTimes"), with the prefix taken off. */
export function problemsUnder(refusal: unknown, prefix: string): TimesProblem[] {
  const list = refusal instanceof ApiError ? refusal.details : refusal;
  if (!Array.isArray(list)) return [];
  return (list as Array<Partial<TimesProblem>>)
    .filter((p): p is TimesProblem => typeof p?.path === 'string' && typeof p.problem === 'string' && p.path.startsWith(`${prefix}.`))
    .map((p) => ({ path: p.path.slice(prefix.length + 1), problem: p.problem }));
}

/** Holidays by date (undated ones last), then all-country before one country. */
export function sortHolidays(holidays: Holiday[]): Holiday[] {
  const key = (h: Holiday) => `${h.date || '9999-99-99'}/${h.country ?? ''}`;
  return [...holidays].sort((a, b) => key(a).localeCompare(key(b)));
}

export const windowsText = (ws: TimeWindow[]) => ws.map((w) => `${w.start}–${w.end}`).join(', ');

/** A new period after the day's last one (or 09:00–18:00 on a day without hours). */
function nextWindow(windows: TimeWindow[]): TimeWindow {
  const last = windows[windows.length - 1];
  if (!last) return { start: '09:00', end: '18:00' };
  return { start: last.end, end: last.end < '21:00' ? '21:00' : '24:00' };
}

/**
 * L5: contactable times as a form — the periods of each weekday (in the contact's own zone),
 * the holidays (a date, optionally for one country, optionally named) and the zone of records
 * without one. It holds no state of its own beyond focus: the value comes in and every change
 * goes out, so the wizard, a campaign's page and the administration's templates share it. The
 * server checks the times; its problems are shown on the field they concern. With
 * `fillFromTemplate`, a kept template can replace the whole value (a copy, saved with the form).
 */
export function ContactableTimesEditor(props: { value: ContactableTimes; onChange(next: ContactableTimes): void; problems?: TimesProblem[]; fillFromTemplate?: boolean }) {
  const { t } = useI18n();
  const { value, onChange } = props;
  const zones = useId();
  const holidaysRef = useRef<HTMLTableElement>(null);
  const focusHoliday = useRef<number | null>(null);
  const problems = props.problems ?? [];
  const at = (path: string) => problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`));
  const isBad = (...paths: string[]) => (problems.some((p) => paths.includes(p.path)) ? true : undefined);

  const set = (patch: Partial<ContactableTimes>) => onChange({ ...value, ...patch });
  const setDay = (day: Weekday, windows: TimeWindow[]) => set({ weekly: { ...value.weekly, [day]: windows } });
  const holidays = value.holidays;
  const editHoliday = (i: number, patch: Partial<Holiday>) => set({ holidays: holidays.map((h, j) => (j === i ? withoutBlanks({ ...h, ...patch }) : h)) });
  const addHoliday = () => {
    focusHoliday.current = holidays.length;
    set({ holidays: [...sortHolidays(holidays), { date: '' }] });
  };
  // A holiday takes its place by date once the focus leaves the table, never under the cursor.
  const sortOnLeave = (e: FocusEvent<HTMLTableElement>) => {
    if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
    const sorted = sortHolidays(holidays);
    if (sorted.some((h, i) => h !== holidays[i])) set({ holidays: sorted });
  };
  useEffect(() => {
    if (focusHoliday.current === null) return;
    holidaysRef.current?.querySelectorAll<HTMLInputElement>('input[type="date"]')[focusHoliday.current]?.focus();
    focusHoliday.current = null;
  });

  const zoneProblems = at('defaultTimeZone');
  return (
    <div className="times-editor">
      {props.fillFromTemplate && <TemplatePicker kind="hours" onPick={(template) => onChange(template.contactableTimes)} />}
      <p className="muted small">{t('console.hours.help')}</p>
      <label className="field times-zone">
        <span>{t('console.hours.timeZone')}</span>
        <input value={value.defaultTimeZone} list={zones} aria-invalid={isBad('defaultTimeZone')} onChange={(e) => set({ defaultTimeZone: e.target.value.trim() })} />
        {zoneProblems.length > 0 ? <FieldProblems problems={zoneProblems} /> : <small className="muted">{t('console.hours.timeZoneHint')}</small>}
      </label>
      <datalist id={zones}>
        {Intl.supportedValuesOf('timeZone').map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>

      <table className="times-table times-weekly">
        <caption className="visually-hidden">{t('console.hours.weekly')}</caption>
        <tbody>
          {WEEKDAYS.map((day) => {
            const windows = value.weekly[day] ?? [];
            const dayName = t(DAY_KEYS[day]);
            const full = windows.length >= MAX_WINDOWS;
            return (
              <tr key={day}>
                <th scope="row">{dayName}</th>
                <td>
                  <div className="times-windows">
                    {windows.length === 0 && <span className="muted">{t('console.hours.closed')}</span>}
                    {windows.map((w, i) => {
                      const path = `weekly.${day}.${i}`;
                      const change = (patch: Partial<TimeWindow>) => setDay(day, windows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
                      return (
                        <span key={i} className="times-window">
                          <input className="time" inputMode="numeric" placeholder="09:00" aria-label={`${dayName} ${t('console.hours.from')}`} aria-invalid={isBad(path, `${path}.start`)} value={w.start} onChange={(e) => change({ start: e.target.value.trim() })} />
                          <span aria-hidden="true">–</span>
                          <input className="time" inputMode="numeric" placeholder="18:00" aria-label={`${dayName} ${t('console.hours.to')}`} aria-invalid={isBad(path, `${path}.end`)} value={w.end} onChange={(e) => change({ end: e.target.value.trim() })} />
                          <button type="button" className="link remove-window" aria-label={`${dayName}: ${t('console.hours.removeWindow')}`} title={t('console.hours.removeWindow')} onClick={() => setDay(day, windows.filter((_, j) => j !== i))}>
                            ×
                          </button>
                        </span>
                      );
                    })}
                  </div>
                  <FieldProblems problems={at(`weekly.${day}`)} />
                </td>
                <td className="times-add">
                  <button type="button" disabled={full} title={full ? t('console.hours.maxWindows', { n: MAX_WINDOWS }) : undefined} onClick={() => setDay(day, [...windows, nextWindow(windows)])}>
                    {t('console.hours.addWindow')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h3 className="times-heading">{t('console.hours.holidays')}</h3>
      {holidays.length === 0 ? (
        <p className="muted small">{t('console.hours.noHolidays')}</p>
      ) : (
        <table className="times-table times-holidays" ref={holidaysRef} onBlur={sortOnLeave}>
          <thead>
            <tr>
              <th>{t('console.hours.holidayDate')}</th>
              <th>{t('console.hours.holidayCountry')}</th>
              <th>{t('console.hours.holidayName')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {holidays.map((h, i) => {
              const path = `holidays.${i}`;
              const label = (field: string) => t('console.hours.holidayField', { n: i + 1, field });
              const rowProblems = at(path);
              return (
                <Fragment key={i}>
                <tr className={rowProblems.length > 0 ? 'has-problem' : undefined}>
                  <td>
                    <input type="date" aria-label={label(t('console.hours.holidayDate'))} aria-invalid={isBad(path, `${path}.date`)} value={h.date} onChange={(e) => editHoliday(i, { date: e.target.value })} />
                  </td>
                  <td>
                    <input className="country" size={3} maxLength={2} aria-label={label(t('console.hours.holidayCountry'))} aria-invalid={isBad(`${path}.country`)} value={h.country ?? ''} onChange={(e) => editHoliday(i, { country: e.target.value.toUpperCase() })} />
                  </td>
                  <td>
                    <input className="name" maxLength={100} aria-label={label(t('console.hours.holidayName'))} aria-invalid={isBad(`${path}.name`)} value={h.name ?? ''} onChange={(e) => editHoliday(i, { name: e.target.value })} />
                  </td>
                  <td>
                    <button type="button" className="link" aria-label={label(t('console.hours.removeHoliday'))} onClick={() => set({ holidays: holidays.filter((_, j) => j !== i) })}>
                      {t('console.hours.removeHoliday')}
                    </button>
                  </td>
                </tr>
                {rowProblems.length > 0 && (
                  <tr className="times-row-problems">
                    <td colSpan={4}>
                      <FieldProblems problems={rowProblems} />
                    </td>
                  </tr>
                )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      <FieldProblems problems={problems.filter((p) => p.path === 'holidays')} />
      <div className="row times-holiday-actions">
        <button type="button" onClick={addHoliday}>
          {t('console.hours.addHoliday')}
        </button>
        {holidays.length > 1 && <span className="muted small">{t('console.hours.sortedByDate')}</span>}
      </div>
    </div>
  );
}

/** An optional field left blank is left out (the server takes a country or a name, or nothing). */
function withoutBlanks(h: Holiday): Holiday {
  const out: Holiday = { date: h.date };
  if (h.country) out.country = h.country;
  if (h.name?.trim()) out.name = h.name;
  return out;
}
