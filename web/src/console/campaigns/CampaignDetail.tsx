import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { PageState } from '../ui/PageState';
import { ModeName, OwnedIcon, StatusTag } from './badges';
import { CallGuideSection } from './CallGuideSection';
import { useBoard, useCampaign } from './campaign-queries';
import { DialingSection } from './DialingSection';
import { HoursSection } from './HoursSection';
import { LifecycleActions } from './LifecycleActions';
import { ListsSection } from './ListsSection';
import { OrderSection } from './OrderSection';
import { OwnerMonitor } from './OwnerMonitor';
import { Penetration } from './Penetration';
import { PreviewSection } from './PreviewSection';
import { RetrySection } from './RetrySection';
import type { Campaign } from './types';
import { WrapUpSection } from './WrapUpSection';

/**
 * One campaign: its name, status, lifecycle actions and progress on top; below, either its
 * settings grouped as a supervisor reads them (editable where she holds a grant) or — for an
 * agent-owned campaign — the owner monitor (O3, O11).
 */
export function CampaignDetail(props: { id: number; tab: 'settings' | 'owners' }) {
  const { t } = useI18n();
  const campaign = useCampaign(props.id);
  return (
    <div className="campaign-detail">
      <Link href="/" className="back-link">
        ← {t('console.campaigns.back')}
      </Link>
      <PageState query={campaign}>
        {(c) => (
          <>
            <Header campaign={c} />
            {c.mode === 'agent_owned_preview' && (
              <nav className="detail-tabs" aria-label={t('console.campaigns.views')}>
                <Link href={`/${c.id}`} className={props.tab === 'settings' ? 'active' : ''} aria-current={props.tab === 'settings' ? 'page' : undefined}>
                  {t('console.campaigns.tab.settings')}
                </Link>
                <Link href={`/${c.id}/owners`} className={props.tab === 'owners' ? 'active' : ''} aria-current={props.tab === 'owners' ? 'page' : undefined}>
                  <OwnedIcon label="" /> {t('console.campaigns.tab.owners')}
                </Link>
              </nav>
            )}
            {props.tab === 'owners' && c.mode === 'agent_owned_preview' ? <OwnerMonitor campaign={c} /> : <Settings campaign={c} />}
          </>
        )}
      </PageState>
    </div>
  );
}

function Header({ campaign: c }: { campaign: Campaign }) {
  const { t, dateTime } = useI18n();
  const board = useBoard(c.id);
  const progress = board.data?.find((b) => b.id === c.id)?.progress;
  return (
    <header className="detail-head">
      <div>
        <h1>
          {c.name} <StatusTag status={c.status} />
          {c.mode === 'agent_owned_preview' && <OwnedIcon />}
        </h1>
        <p className="muted small">
          <ModeName mode={c.mode} /> · {c.queueName}
          {c.statusChangedAt && <> · {t('console.campaigns.since', { when: dateTime(c.statusChangedAt) })}</>}
          {c.recycleCount > 0 && c.lastRecycledAt && <> · {t('console.campaigns.recycled', { n: c.recycleCount, when: dateTime(c.lastRecycledAt) })}</>}
        </p>
        {progress && <Penetration progress={progress} />}
      </div>
      <LifecycleActions campaign={c} />
      {!c.canEdit && (
        <p className="banner warn view-only-banner" role="note">
          {t('console.campaigns.viewOnlyWhy')}
        </p>
      )}
    </header>
  );
}

function Settings({ campaign: c }: { campaign: Campaign }) {
  return (
    <div className="settings-grid">
      <DialingSection campaign={c} />
      <ListsSection campaign={c} />
      <HoursSection campaign={c} />
      <RetrySection campaign={c} />
      <PreviewSection campaign={c} />
      <OrderSection campaign={c} />
      <WrapUpSection campaign={c} />
      <CallGuideSection campaign={c} />
    </div>
  );
}
