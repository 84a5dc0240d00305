import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useCampaignChoices, useQueueMembers, useReassign } from './queries';
import type { Callback, Refusal } from './types';

const ANYONE = 'anyone';

function refusalsOf(error: unknown): Refusal[] {
  if (!(error instanceof ApiError)) return [];
  const refused = (error.details as { refused?: Refusal[] } | null)?.refused;
  return Array.isArray(refused) ? refused : [];
}

/**
 * C8: the selected callbacks (an absent agent's, say) to another agent of their queue or to
 * anyone in the queue, after a confirmation. All or nothing: when the server refuses one,
 * nothing changes and each refused callback is listed with the server's reason.
 */
export function ReassignBar(props: { selected: Callback[]; onClear(): void; onDone(message: string): void }) {
  const { t } = useI18n();
  const [target, setTarget] = useState('');
  const [confirming, setConfirming] = useState(false);
  const reassign = useReassign();
  const campaigns = useCampaignChoices().data ?? [];
  const queueIds = props.selected.flatMap((c) => campaigns.find((k) => k.id === c.campaignId)?.queueId ?? []);
  const found = useQueueMembers(queueIds).data;
  const members = found?.members ?? [];
  const count = props.selected.length;
  const targetName = target === ANYONE ? t('console.callbacks.anyone') : (members.find((m) => String(m.userId) === target)?.displayName ?? '');
  const refused = refusalsOf(reassign.error);

  function confirm() {
    const body = { callbackIds: props.selected.map((c) => c.id), assigneeId: target === ANYONE ? null : Number(target) };
    reassign.mutate(body, {
      onSuccess: (res) => {
        setConfirming(false);
        setTarget('');
        props.onDone(t('console.callbacks.reassigned', { count: res.reassigned, name: targetName }));
      },
    });
  }

  return (
    <div className="cb-reassign" role="region" aria-label={t('console.callbacks.reassign')}>
      <strong>{t('console.callbacks.selected', { count })}</strong>
      <button type="button" className="link" onClick={props.onClear}>
        {t('console.callbacks.clearSelection')}
      </button>
      <div className="spacer" />
      <label>
        {t('console.callbacks.reassignTo')}
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('console.callbacks.chooseAgent')}</option>
          <option value={ANYONE}>{t('console.callbacks.anyone')}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {found && m.queues < found.queueCount ? t('console.callbacks.notInEveryQueue', { name: m.displayName }) : m.displayName}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="primary"
        disabled={target === ''}
        onClick={() => {
          reassign.reset();
          setConfirming(true);
        }}
      >
        {t('console.callbacks.reassignButton')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('console.callbacks.confirmReassign', { count, name: targetName })}
          confirmLabel={t('console.callbacks.reassignButton')}
          busy={reassign.isPending}
          error={reassign.error?.message ?? null}
          onCancel={() => setConfirming(false)}
          onConfirm={confirm}
        >
          <p>{t('console.callbacks.confirmReassignBody')}</p>
          <p className="cb-ids muted small">{props.selected.map((c) => `#${c.id} ${c.name ?? c.phone}`).join(', ')}</p>
          {refused.length > 0 && (
            <ul className="cb-refused" aria-label={t('console.callbacks.refusedList')}>
              {refused.map((r) => (
                <li key={`${r.callbackId}-${r.reason}`}>
                  <strong>#{r.callbackId}</strong> {r.message}
                </li>
              ))}
            </ul>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
