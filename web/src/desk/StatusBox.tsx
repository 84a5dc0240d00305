import type { AgentView } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { formatDuration, useNow } from '../ui/use-now';

/** D10: the current state, its reason and the time in state, always in view. */
export function StatusBox(props: { view: AgentView }) {
  const { t, tMaybe, dateTime } = useI18n();
  const now = useNow();
  const { view } = props;
  const since = new Date(view.since);
  const reason = view.reason ? tMaybe(`reason.${view.reason}`, view.reason) : null;
  const pending = view.notReadyAfter ? tMaybe(`reason.${view.notReadyAfter}`, view.notReadyAfter) : null;
  return (
    <section className={`status status-${view.status}`} aria-label={t('state.label')}>
      <span className="status-state" data-state={view.state}>
        {tMaybe(`state.${view.state}`, view.state)}
      </span>
      {reason && <span className="status-reason">{reason}</span>}
      <span className="status-time" role="timer" aria-label={t('state.timeInState')} title={t('state.since', { time: dateTime(since, { timeStyle: 'medium' }) })}>
        {formatDuration(now - since.getTime())}
      </span>
      {pending && <span className="status-pending">{t('state.notReadyAfter', { reason: pending })}</span>}
    </section>
  );
}
