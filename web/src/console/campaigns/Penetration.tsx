import { useI18n } from '../../i18n/i18n';
import type { CampaignBoard } from './types';

/** L8: how far the current batch is through its lists — a bar and the figures behind it. */
export function Penetration(props: { progress: CampaignBoard['progress'] }) {
  const { t } = useI18n();
  const p = props.progress;
  if (p.total === 0) return <span className="muted small">{t('console.campaigns.noRecordsYet')}</span>;
  const percent = p.penetrationPercent ?? 0;
  const label = t('console.campaigns.penetration', { percent: Math.round(percent), done: p.done + p.setAside, total: p.total });
  return (
    <div className="penetration" title={t('console.campaigns.penetrationParts', { done: p.done, setAside: p.setAside, remaining: p.remaining, inProgress: p.inProgress })}>
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)} aria-label={label}>
        <div style={{ width: `${Math.min(100, percent)}%` }} />
      </div>
      <span className="small">{label}</span>
    </div>
  );
}
