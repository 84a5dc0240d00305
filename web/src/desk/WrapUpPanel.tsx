import { useRef, useState } from 'react';
import type { Work } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { secondsUntil, useNow } from '../ui/use-now';
import { useShortcuts } from '../ui/use-shortcut';
import { defaultDraft, isComplete, toRequest } from './callback-draft';
import { CallbackFields } from './CallbackFields';
import type { GuideAnswer } from './CallGuide';
import { CodeSelect } from './CodeSelect';
import { useDeskActions } from './desk-actions';

/**
 * D8, C1: after a connected call — a wrap-up code (the campaign's), notes, and the time left when the
 * campaign limits it. A code's shortcut key (point 10) picks it and puts the focus on Finish, so
 * the key and then Enter wrap up. A code whose outcome is a callback asks when (C1).
 */
export function WrapUpPanel(props: { work: Work; answers: GuideAnswer[] }) {
  const { t, timeZone } = useI18n();
  const { run, pending } = useDeskActions();
  const now = useNow();
  const { work } = props;
  const [code, setCode] = useState('');
  const [notes, setNotes] = useState('');
  const [callback, setCallback] = useState(() => defaultDraft(work, timeZone));
  const needsCallback = work.wrapUpCodes.find((c) => c.code === code)?.outcome === 'callback';
  const finish = useRef<HTMLButtonElement>(null);
  useShortcuts(
    work.wrapUpCodes
      .filter((c) => c.shortcut)
      .map((c) => ({
        keys: c.shortcut!,
        enabled: !pending,
        run: () => {
          setCode(c.code);
          finish.current?.focus();
        },
      })),
  );
  return (
    <section className="card wrap-up" aria-labelledby="wrap-up-title">
      <h2 id="wrap-up-title">{t('wrapUp.title')}</h2>
      {work.wrapUpDeadline && (
        <p className="countdown" role="timer">
          {t('wrapUp.deadline', { seconds: secondsUntil(work.wrapUpDeadline, now) })}
        </p>
      )}
      <CodeSelect label={t('wrapUp.code')} codes={work.wrapUpCodes} value={code} onChange={setCode} placeholder shortcuts />
      <label className="field">
        <span>{t('wrapUp.notes')}</span>
        <textarea rows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {needsCallback && <CallbackFields work={work} draft={callback} onChange={setCallback} />}
      <button
        ref={finish}
        type="button"
        className="primary"
        disabled={pending || !code || (needsCallback && !isComplete(callback))}
        onClick={() => void run('wrap-up', { recordId: work.recordId, code, ...(notes.trim() ? { notes } : {}), ...(props.answers.length ? { answers: props.answers } : {}), ...(needsCallback ? { callback: toRequest(callback) } : {}) })}
      >
        {t('wrapUp.submit')}
      </button>
    </section>
  );
}
