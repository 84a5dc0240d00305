import { useId, useMemo } from 'react';
import type { Work } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { type CallbackDraft, NOTES_MAX, OTHER } from './callback-draft';

/**
 * C1: when to call back — date and time in a chosen time zone (the contact's by default), which
 * number (one of the record's or another), who (me or anyone in the queue), and notes (500
 * characters, counted). The server checks it all again.
 */
export function CallbackFields(props: { work: Work; draft: CallbackDraft; onChange(draft: CallbackDraft): void }) {
  const { t, tMaybe } = useI18n();
  const id = useId();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const { draft, work } = props;
  const set = (patch: Partial<CallbackDraft>) => props.onChange({ ...draft, ...patch });
  return (
    <div className="callback-fields">
      <div className="row">
        <label className="field">
          <span>{t('callback.date')}</span>
          <input type="date" required value={draft.date} onChange={(e) => set({ date: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('callback.time')}</span>
          <input type="time" required value={draft.time} onChange={(e) => set({ time: e.target.value })} />
        </label>
      </div>
      <label className="field">
        <span>{t('callback.zone')}</span>
        <input list={`${id}-zones`} required value={draft.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />
        <datalist id={`${id}-zones`}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span>{t('callback.number')}</span>
        <select value={draft.number} onChange={(e) => set({ number: e.target.value })}>
          {work.phones.map((p) => (
            <option key={p.number} value={p.number}>
              {`${p.number} (${tMaybe(`phoneType.${p.type}`, p.type)})`}
            </option>
          ))}
          <option value={OTHER}>{t('callback.otherNumber')}</option>
        </select>
      </label>
      {draft.number === OTHER && (
        <label className="field">
          <span>{t('callback.otherNumber')}</span>
          <input type="tel" required placeholder="+48221234567" pattern="\+[1-9][0-9]{6,14}" value={draft.otherNumber} onChange={(e) => set({ otherNumber: e.target.value })} aria-describedby={`${id}-other`} />
          <small id={`${id}-other`} className="muted">
            {t('callback.otherNumberHint')}
          </small>
        </label>
      )}
      <fieldset className="field choice">
        <legend>{t('callback.assignee')}</legend>
        {(['me', 'queue'] as const).map((a) => (
          <label key={a}>
            <input type="radio" name={`${id}-assignee`} value={a} checked={draft.assignee === a} onChange={() => set({ assignee: a })} /> {t(a === 'me' ? 'callback.me' : 'callback.queue')}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('callback.notes')}</span>
        <textarea rows={3} maxLength={NOTES_MAX} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} aria-describedby={`${id}-count`} />
        <small id={`${id}-count`} className="muted counter">
          {t('callback.notesCount', { count: draft.notes.length, max: NOTES_MAX })}
        </small>
      </label>
    </div>
  );
}
