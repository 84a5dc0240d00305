import { useState } from 'react';
import type { AgentView } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Kbd } from '../ui/Kbd';
import { useShortcuts } from '../ui/use-shortcut';
import { useDeskActions } from './desk-actions';

/** The reasons offered for "not ready"; the server takes any short text (POST /api/agent/not-ready). */
export const NOT_READY_REASONS = ['break', 'lunch', 'training', 'meeting', 'coaching'] as const;

/** D10, P2: Ready, and Not ready with a reason (after the record in hand, when one is). */
export function Availability(props: { view: AgentView }) {
  const { t } = useI18n();
  const { run, pending } = useDeskActions();
  const [reason, setReason] = useState<string>(NOT_READY_REASONS[0]);
  const { view } = props;
  const joined = view.status !== 'logged_out';
  const canReady = view.status === 'not_ready' || view.notReadyAfter !== null;
  const canNotReady = joined && (view.status !== 'not_ready' || view.reason !== reason) && view.notReadyAfter !== reason;
  const ready = () => void run('ready');
  const notReady = () => void run('not-ready', { reason });
  useShortcuts([
    { keys: 'Alt+R', enabled: canReady && !pending, run: ready },
    { keys: 'Alt+N', enabled: canNotReady && !pending, run: notReady },
  ]);
  return (
    <div className="availability" role="group" aria-label={t('availability.label')}>
      <button type="button" className="ready" aria-keyshortcuts="Alt+R" disabled={!canReady || pending} onClick={ready}>
        {t('availability.ready')} <Kbd keys="Alt+R" />
      </button>
      <label className="sr-label">
        <span className="visually-hidden">{t('availability.reason')}</span>
        <select value={reason} disabled={!joined} onChange={(e) => setReason(e.target.value)}>
          {NOT_READY_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`reason.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="not-ready" aria-keyshortcuts="Alt+N" disabled={!canNotReady || pending} onClick={notReady}>
        {t('availability.notReady')} <Kbd keys="Alt+N" />
      </button>
    </div>
  );
}
