import { useI18n } from '../../i18n/i18n';
import { CampaignCard } from './CampaignCard';
import { type Connection, useDashboardFeed } from './dashboard-feed';
import type { CampaignDashboard } from './types';
import './dashboard.css';

/** The campaigns being worked first: dialed here, then running, paused, the rest (each in the server's order). */
const rank = (c: CampaignDashboard): number => (c.status === 'running' ? (c.pacedHere ? 0 : 1) : c.status === 'paused' ? 2 : 3);

const CONNECTION_KEYS = {
  connecting: 'console.dashboard.connecting',
  live: 'console.dashboard.live',
  reconnecting: 'console.dashboard.reconnecting',
  signed_out: 'console.dashboard.offline',
} as const satisfies Record<Connection, string>;

/**
 * The live dashboard (issue 6 point 5; R1, X2): one card per campaign the user may watch —
 * progress, abandon rates against the target, dial ratio, calls and agents by state, and for
 * predictive campaigns why the dialer placed its last calls. Everything comes over the
 * WebSocket (dashboard-feed.ts); times in state count here every second from the server's `since`.
 */
export function DashboardPage() {
  const { t, dateTime } = useI18n();
  const { state, connection } = useDashboardFeed();
  const campaigns = state.campaigns;
  const agents = new Set(campaigns?.flatMap((c) => c.agents?.map((a) => a.userId) ?? []) ?? []).size;
  const calls = campaigns?.reduce((n, c) => n + (c.calls?.total ?? 0), 0) ?? 0;
  return (
    <div className="dashboard-page">
      <div className="dash-page-head">
        <h1>{t('console.dashboard.title')}</h1>
        <span className={`dash-connection dash-connection-${connection}`} role="status" aria-label={t('console.dashboard.connection')}>
          <span className="dot" aria-hidden="true" />
          {t(CONNECTION_KEYS[connection])}
        </span>
        {campaigns && (
          <span className="muted small">{t('console.dashboard.summary', { campaigns: campaigns.length, agents, calls })}</span>
        )}
        <span className="spacer" />
        {state.asOf && <span className="muted small">{t('console.dashboard.asOf', { time: dateTime(state.asOf, { timeStyle: 'medium' }) })}</span>}
      </div>
      {connection === 'signed_out' && (
        <div className="banner error" role="alert">
          {t('console.dashboard.signedOut')}
        </div>
      )}
      {campaigns === null ? (
        connection !== 'signed_out' && (
          <p className="loading" role="status">
            {t('console.dashboard.waiting')}
          </p>
        )
      ) : campaigns.length === 0 ? (
        <p className="card muted">{t('console.dashboard.empty')}</p>
      ) : (
        <div className={`dash-campaigns${connection === 'live' ? '' : ' stale'}`}>
          {[...campaigns].sort((a, b) => rank(a) - rank(b)).map((c) => (
            <CampaignCard key={c.id} campaign={c} clockOffsetMs={state.clockOffsetMs} />
          ))}
        </div>
      )}
    </div>
  );
}
