import { useEffect, useState } from 'react';
import type { Work } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { CodeSelect } from './CodeSelect';
import { RescheduleDialog } from './RescheduleDialog';
import { Kbd } from '../ui/Kbd';
import { useShortcuts } from '../ui/use-shortcut';
import { useDeskActions } from './desk-actions';

/**
 * P3, P4, P6: done with the record without (another) call — Complete with a disposition (the
 * campaign's default first), Skip, Requeue (back to the queue for anyone) or Snooze (back to me
 * in 15 minutes).
 */
const SNOOZE_MINUTES = 15;

export function PreviewActions(props: { work: Work }) {
  const { t } = useI18n();
  const { run, pending } = useDeskActions();
  const { work } = props;
  const fallback = work.previewCompleteCode ?? work.wrapUpCodes[0]?.code ?? '';
  const [code, setCode] = useState(fallback);
  const [rescheduling, setRescheduling] = useState(false);
  useEffect(() => setCode(fallback), [work.recordId, fallback]);
  const complete = () => void run('complete', { recordId: work.recordId, code });
  const skip = () => void run('skip', { recordId: work.recordId });
  useShortcuts([
    { keys: 'Alt+C', enabled: !pending && code !== '', run: complete },
    { keys: 'Alt+S', enabled: !pending, run: skip },
  ]);
  return (
    <section className="card actions" aria-label={t('actions.complete')}>
      <CodeSelect label={t('actions.disposition')} codes={work.wrapUpCodes} value={code} onChange={setCode} />
      <div className="row">
        <button type="button" className="primary" aria-keyshortcuts="Alt+C" disabled={pending || !code} onClick={complete}>
          {t('actions.complete')} <Kbd keys="Alt+C" />
        </button>
        <button type="button" aria-keyshortcuts="Alt+S" disabled={pending} onClick={skip}>
          {t('actions.skip')} <Kbd keys="Alt+S" />
        </button>
      </div>
      <div className="row secondary-actions">
        <button type="button" disabled={pending} title={t('actions.requeueHint')} onClick={() => void run('requeue', { recordId: work.recordId })}>
          {t('actions.requeue')}
        </button>
        <button type="button" disabled={pending} title={t('actions.snoozeHint', { minutes: SNOOZE_MINUTES })} onClick={() => void run('snooze', { recordId: work.recordId, minutes: SNOOZE_MINUTES })}>
          {t('actions.snooze', { minutes: SNOOZE_MINUTES })}
        </button>
        <button type="button" disabled={pending} onClick={() => setRescheduling(true)}>
          {t('actions.reschedule')}
        </button>
      </div>
      {rescheduling && <RescheduleDialog work={work} onClose={() => setRescheduling(false)} />}
    </section>
  );
}
