import { useState, type FormEvent } from 'react';
import type { Work } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { defaultDraft, isComplete, toRequest } from './callback-draft';
import { CallbackFields } from './CallbackFields';
import { useDeskActions } from './desk-actions';

/** P6, C1: reschedule the record in review as a callback. */
export function RescheduleDialog(props: { work: Work; onClose(): void }) {
  const { t, timeZone } = useI18n();
  const { run, pending } = useDeskActions();
  const [draft, setDraft] = useState(() => defaultDraft(props.work, timeZone));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run('reschedule', { recordId: props.work.recordId, callback: toRequest(draft) })) props.onClose();
  }

  return (
    <div className="overlay">
      <form className="dialog reschedule" role="dialog" aria-modal="true" aria-labelledby="reschedule-title" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
        <h2 id="reschedule-title">{t('callback.title')}</h2>
        <p className="muted">{props.work.name ?? t('offer.noName')}</p>
        <CallbackFields work={props.work} draft={draft} onChange={setDraft} />
        <div className="dialog-actions row">
          <button type="button" onClick={props.onClose}>
            {t('callback.cancel')}
          </button>
          <button type="submit" className="primary" disabled={pending || !isComplete(draft)}>
            {t('callback.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
