import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useCampaignChoices, useEditCallback, useQueueMembers } from './queries';
import { NOTES_MAX, type Callback, type CallbackChanges } from './types';
import { ZoneInput } from './ZoneInput';
import { toInstant, wallClock } from './zoned-time';

interface Draft {
  date: string;
  start: string;
  end: string;
  timeZone: string;
  dialGroup: string;
  assigneeId: string;
  notes: string;
}

function draftOf(c: Callback): Draft {
  const start = wallClock(c.windowStart, c.timeZone);
  return { date: start.date, start: start.time, end: wallClock(c.windowEnd, c.timeZone).time, timeZone: c.timeZone, dialGroup: c.dialGroup, assigneeId: c.assigneeId === null ? '' : String(c.assigneeId), notes: c.notes };
}

/** Only what changed; the window (both ends) whenever its date, a time or the zone changed. */
function changesOf(c: Callback, before: Draft, d: Draft): CallbackChanges {
  const changes: CallbackChanges = {};
  if (d.date !== before.date || d.start !== before.start || d.end !== before.end || d.timeZone !== before.timeZone) {
    changes.windowStart = toInstant(d.date, d.start, d.timeZone) ?? undefined;
    changes.windowEnd = toInstant(d.date, d.end, d.timeZone) ?? undefined;
    if (d.timeZone !== c.timeZone) changes.timeZone = d.timeZone;
  }
  if (d.dialGroup !== before.dialGroup) changes.dialGroup = d.dialGroup;
  if (d.assigneeId !== before.assigneeId) changes.assigneeId = d.assigneeId === '' ? null : Number(d.assigneeId);
  if (d.notes !== before.notes) changes.notes = d.notes;
  return changes;
}

/**
 * C4: date, window times and zone, dial group (only the batch's: its campaign's queue),
 * assignee (anyone in the queue or one of its members), notes (500 characters, counted). Save
 * asks first ("Save the changes?"); a refusal shows the server's own message.
 */
export function EditCallback(props: { callback: Callback; onSaved(c: Callback): void; onCancel(): void }) {
  const { t } = useI18n();
  const id = useId();
  const c = props.callback;
  const [before] = useState(() => draftOf(c));
  const [draft, setDraft] = useState(before);
  const [confirming, setConfirming] = useState(false);
  const edit = useEditCallback();
  const campaign = useCampaignChoices().data?.find((k) => k.id === c.campaignId);
  const members = useQueueMembers(campaign ? [campaign.queueId] : []).data?.members ?? [];
  const dialGroups = [...new Set([c.dialGroup, ...(campaign ? [campaign.queueName] : [])])];
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const changes = changesOf(c, before, draft);
  const changed = Object.keys(changes).length > 0;
  const assigneeName = (value: string) => (value === '' ? t('console.callbacks.anyone') : (members.find((m) => String(m.userId) === value)?.displayName ?? c.assigneeName ?? value));

  function submit(e: FormEvent) {
    e.preventDefault();
    edit.reset();
    setConfirming(true);
  }

  return (
    <form className="cb-edit" onSubmit={submit} aria-label={t('console.callbacks.edit')}>
      <div className="row">
        <label className="field">
          <span>{t('console.callbacks.date')}</span>
          <input type="date" required value={draft.date} onChange={(e) => set({ date: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('console.callbacks.startTime')}</span>
          <input type="time" required value={draft.start} onChange={(e) => set({ start: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('console.callbacks.endTime')}</span>
          <input type="time" required value={draft.end} onChange={(e) => set({ end: e.target.value })} />
        </label>
        <ZoneInput label={t('console.callbacks.zone')} value={draft.timeZone} onChange={(timeZone) => set({ timeZone })} className="grow" />
      </div>
      <div className="row">
        <label className="field grow">
          <span>{t('console.callbacks.dialGroup')}</span>
          <select value={draft.dialGroup} onChange={(e) => set({ dialGroup: e.target.value })}>
            {dialGroups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t('console.callbacks.assignee')}</span>
          <select value={draft.assigneeId} onChange={(e) => set({ assigneeId: e.target.value })}>
            <option value="">{t('console.callbacks.anyone')}</option>
            {c.assigneeId !== null && !members.some((m) => m.userId === c.assigneeId) && <option value={c.assigneeId}>{c.assigneeName}</option>}
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.displayName}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t('console.callbacks.notes')}</span>
        <textarea rows={3} maxLength={NOTES_MAX} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} aria-describedby={`${id}-count`} />
        <small id={`${id}-count`} className="muted counter">
          {t('console.callbacks.notesCount', { count: draft.notes.length, max: NOTES_MAX })}
        </small>
      </label>
      <div className="dialog-actions row">
        <button type="button" onClick={props.onCancel}>
          {t('console.cancel')}
        </button>
        <button type="submit" className="primary" disabled={!changed}>
          {t('console.callbacks.save')}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('console.callbacks.confirmSave', { id: c.id })}
          confirmLabel={t('console.callbacks.save')}
          busy={edit.isPending}
          error={edit.error?.message ?? null}
          onCancel={() => setConfirming(false)}
          onConfirm={() => edit.mutate({ id: c.id, changes }, { onSuccess: (saved) => { setConfirming(false); props.onSaved(saved); } })}
        >
          <dl className="cb-changes">
            {changes.windowStart && (
              <>
                <dt>{t('console.callbacks.window')}</dt>
                <dd>{t('console.callbacks.windowValue', { date: draft.date, start: draft.start, end: draft.end, zone: draft.timeZone })}</dd>
              </>
            )}
            {changes.dialGroup !== undefined && (
              <>
                <dt>{t('console.callbacks.dialGroup')}</dt>
                <dd>{draft.dialGroup}</dd>
              </>
            )}
            {changes.assigneeId !== undefined && (
              <>
                <dt>{t('console.callbacks.assignee')}</dt>
                <dd>{assigneeName(draft.assigneeId)}</dd>
              </>
            )}
            {changes.notes !== undefined && (
              <>
                <dt>{t('console.callbacks.notes')}</dt>
                <dd className="cb-notes-full">{draft.notes || '—'}</dd>
              </>
            )}
          </dl>
          <p className="muted small">{t('console.callbacks.confirmSaveNote')}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
