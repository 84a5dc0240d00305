import { useEffect, useState } from 'react';
import type { Work } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { CodeSelect } from './CodeSelect';
import { useDeskActions } from './desk-actions';

/** P3, P4: done with the record without (another) call — Complete with a disposition (the campaign's default first), or Skip. */
export function PreviewActions(props: { work: Work }) {
  const { t } = useI18n();
  const { run, pending } = useDeskActions();
  const { work } = props;
  const fallback = work.previewCompleteCode ?? work.wrapUpCodes[0]?.code ?? '';
  const [code, setCode] = useState(fallback);
  useEffect(() => setCode(fallback), [work.recordId, fallback]);
  return (
    <section className="card actions" aria-label={t('actions.complete')}>
      <CodeSelect label={t('actions.disposition')} codes={work.wrapUpCodes} value={code} onChange={setCode} />
      <div className="row">
        <button type="button" className="primary" disabled={pending || !code} onClick={() => void run('complete', { recordId: work.recordId, code })}>
          {t('actions.complete')}
        </button>
        <button type="button" disabled={pending} onClick={() => void run('skip', { recordId: work.recordId })}>
          {t('actions.skip')}
        </button>
      </div>
    </section>
  );
}
