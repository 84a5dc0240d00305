import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { api, ApiError } from '../api/client';
import type { User } from '../api/types';
import { useI18n, type Translate } from '../i18n/i18n';
import { Brand } from '../ui/Brand';
import { UserBar } from '../ui/UserBar';
import { AgentSession } from './agent-session';
import { Availability } from './Availability';
import { CampaignsPanel } from './CampaignsPanel';
import { DeskActionsContext, type DeskActions } from './desk-actions';
import { MessagesPanel, MessageToasts } from './MessagesPanel';
import { MyCallbacksPanel } from './MyCallbacksPanel';
import { MyProgressPanel } from './MyProgressPanel';
import { OfferDialog } from './OfferDialog';
import { StatusBox } from './StatusBox';
import { WorkArea } from './WorkArea';

/**
 * The agent desktop (issue 5): state and availability in the top bar, the agent's campaigns on
 * the left, the record or call in hand in the middle, the offer as a pop-up. Everything shown
 * comes from the server (REST and the WebSocket); every action is a server command.
 */
export function Desktop(props: { user: User; onSignedOut(): void }) {
  const { t } = useI18n();
  const session = useMemo(() => new AgentSession(), []);
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const { onSignedOut } = props;

  useEffect(() => {
    session.start();
    return () => session.stop();
  }, [session]);

  useEffect(() => {
    if (snapshot.signedOut) onSignedOut();
  }, [snapshot.signedOut, onSignedOut]);

  const run = useCallback(
    async (path: string, body?: unknown) => {
      setPending(true);
      setError(null);
      try {
        await session.command(path, body);
        return true;
      } catch (err) {
        setError(describeError(err, t));
        return false;
      } finally {
        setPending(false);
      }
    },
    [session, t],
  );
  const actions = useMemo<DeskActions>(() => ({ run, pending }), [run, pending]);

  async function signOut() {
    session.stop();
    await api('POST', '/api/auth/sign-out').catch(() => undefined);
    onSignedOut();
  }

  const { view, history, connection } = snapshot;
  return (
    <DeskActionsContext.Provider value={actions}>
      <div className="desk">
        <header className="topbar">
          <Brand />
          {view && <StatusBox view={view} />}
          {view && <Availability view={view} />}
          <div className="spacer" />
          <span className={`connection connection-${connection}`} title={t(connection === 'live' ? 'connection.live' : 'connection.offline')}>
            <span className="dot" aria-hidden="true" />
            {t(connection === 'live' ? 'connection.live' : 'connection.offline')}
          </span>
          <UserBar user={props.user} onSignOut={() => void signOut()} />
        </header>
        {connection === 'lost' && (
          <div className="banner warn" role="status">
            {t('connection.lost')}
          </div>
        )}
        {error && (
          <div className="banner error" role="alert">
            <span>{error}</span>
            <button type="button" className="link" onClick={() => setError(null)}>
              {t('error.dismiss')}
            </button>
          </div>
        )}
        <div className="desk-body">
          <aside className="side">
            <CampaignsPanel joined={view?.campaigns ?? []} />
            <MyProgressPanel refreshKey={view ? `${view.state}|${view.since}|${view.work?.recordId ?? ''}` : ''} recordInHand={view?.work?.recordId ?? null} />
            <MyCallbacksPanel
              refreshKey={view ? `${view.state}|${view.since}|${view.work?.recordId ?? ''}` : ''}
              canTake={(campaignId) => !!view && (view.status === 'ready' || view.status === 'not_ready') && view.campaigns.some((c) => c.id === campaignId)}
            />
            <MessagesPanel messages={view?.messages ?? []} />
          </aside>
          <main className="work">{view ? <WorkArea view={view} history={history} /> : <p className="muted">{t('app.loading')}</p>}</main>
        </div>
        {view?.state === 'reserved.offered' && (view.work || snapshot.offer) && <OfferDialog work={view.work} offer={snapshot.offer} />}
        {view && <MessageToasts messages={view.messages} />}
      </div>
    </DeskActionsContext.Provider>
  );
}

function describeError(err: unknown, t: Translate): string {
  if (err instanceof ApiError && err.code === 'network') return t('error.network');
  // T2: on a SIP trunk an agent needs her own phone line before she can go ready.
  if (err instanceof ApiError && (err.details as { field?: string } | null)?.field === 'sipUri') return t('error.noPhoneLine');
  return t('error.server', { message: (err as Error).message });
}
