import { useI18n } from '../../i18n/i18n';
import type { ImportStatus } from './types';

/** An import's status as a coloured tag: running, committed (done) or failed. */
export function ImportStatusTag(props: { status: ImportStatus }) {
  const { t } = useI18n();
  const label = props.status === 'running' ? t('console.lists.status.running') : props.status === 'committed' ? t('console.lists.status.committed') : t('console.lists.status.failed');
  return <span className={`tag import-${props.status}`}>{label}</span>;
}

/** A campaign using the list, with its status (running, paused, draft…). */
export function CampaignTag(props: { name: string; status: string }) {
  const { tMaybe } = useI18n();
  return (
    <span className={`tag status-${props.status}`} title={tMaybe(`console.lists.campaignStatus.${props.status}`, props.status)}>
      {props.name} · {tMaybe(`console.lists.campaignStatus.${props.status}`, props.status)}
    </span>
  );
}
