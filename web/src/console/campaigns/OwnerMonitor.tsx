import { useI18n } from '../../i18n/i18n';
import { OwnerErrorsPanel } from './OwnerErrorsPanel';
import { OwnerProgressPanel } from './OwnerProgressPanel';
import type { Campaign } from './types';

/**
 * O3, O11 (Genesys' agent-owned icon opens this): the records that cannot reach their owner —
 * unknown email or user ID, owner not in the campaign's queue, disabled account — with counts
 * and rows, and each owning agent's progress. Fix owners in the list (append a corrected file,
 * O10) or add the agent to the queue and recycle (O4).
 */
export function OwnerMonitor(props: { campaign: Campaign }) {
  const { t } = useI18n();
  return (
    <div className="owner-monitor">
      <p className="muted">{t('console.campaigns.monitor.intro', { column: props.campaign.ownerColumn ?? '', queue: props.campaign.queueName })}</p>
      <OwnerProgressPanel campaign={props.campaign} />
      <OwnerErrorsPanel campaign={props.campaign} />
    </div>
  );
}
