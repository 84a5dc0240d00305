import { useState } from 'react';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { STATUS_KEYS } from './badges';
import { useLifecycle } from './campaign-queries';
import type { Campaign, LifecycleAction } from './types';

/** The button's name for an action; start reads "Resume" from paused and "Start again" from stopped. */
function labelKey(action: LifecycleAction, status: Campaign['status']): MessageKey {
  if (action === 'start') return status === 'paused' ? 'console.campaigns.action.resume' : status === 'stopped' ? 'console.campaigns.action.restart' : 'console.campaigns.action.start';
  return ({ pause: 'console.campaigns.action.pause', stop: 'console.campaigns.action.stop', recycle: 'console.campaigns.action.recycle' } as const)[action];
}

const WHAT_HAPPENS = {
  start: 'console.campaigns.confirm.start',
  pause: 'console.campaigns.confirm.pause',
  stop: 'console.campaigns.confirm.stop',
  recycle: 'console.campaigns.confirm.recycle',
} as const satisfies Record<LifecycleAction, MessageKey>;

/**
 * L8, L7: Start (Resume), Pause, Stop, Recycle — only those the server allows from the current
 * status (`allowedActions`), each behind a confirmation that says what will happen. A refusal
 * (not ready to start, 200 owners…) stays in the dialog with the server's reasons.
 */
export function LifecycleActions(props: { campaign: Campaign }) {
  const { t } = useI18n();
  const c = props.campaign;
  const mutation = useLifecycle(c.id);
  const [asking, setAsking] = useState<LifecycleAction | null>(null);
  const actions = c.allowedActions.filter((a): a is LifecycleAction => a !== 'complete');
  if (!c.canEdit || actions.length === 0) return null;
  const close = () => {
    setAsking(null);
    mutation.reset();
  };
  const after = c.status === 'complete' ? 'stopped' : c.status;
  return (
    <div className="lifecycle row" role="group" aria-label={t('console.campaigns.lifecycle')}>
      {actions.map((a) => (
        <button key={a} type="button" className={a === 'stop' ? 'danger-outline' : a === 'start' ? 'primary' : ''} onClick={() => setAsking(a)}>
          {t(labelKey(a, c.status))}
        </button>
      ))}
      {asking && (
        <ConfirmDialog
          title={t('console.campaigns.confirm.title', { action: t(labelKey(asking, c.status)), name: c.name })}
          confirmLabel={t(labelKey(asking, c.status))}
          danger={asking === 'stop'}
          busy={mutation.isPending}
          error={mutation.error ? mutation.error.message : null}
          onCancel={close}
          onConfirm={() => mutation.mutate(asking, { onSuccess: close })}
        >
          <p>{t(WHAT_HAPPENS[asking], { queue: c.queueName, status: t(STATUS_KEYS[after]) })}</p>
          {asking === 'recycle' && c.mode === 'agent_owned_preview' && <p>{t('console.campaigns.confirm.recycleOwned')}</p>}
        </ConfirmDialog>
      )}
    </div>
  );
}
