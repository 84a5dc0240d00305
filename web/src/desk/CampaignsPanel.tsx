import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { AgentView, CampaignSummary, Page } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useDeskActions } from './desk-actions';

const REFRESH_MS = 15_000;

/**
 * D10: the campaigns of the agent's queues (GET /api/campaigns answers an agent only those),
 * joined or not, with Join and Leave. A campaign that is not running or paused cannot be
 * joined yet (the server says so too).
 */
export function CampaignsPanel(props: { joined: AgentView['campaigns'] }) {
  const { t, tMaybe } = useI18n();
  const { run, pending } = useDeskActions();
  const [campaigns, setCampaigns] = useState<CampaignSummary[] | null>(null);
  const joinedIds = new Set(props.joined.map((c) => c.id));
  const joinedKey = [...joinedIds].sort().join(',');

  const load = useCallback(async () => {
    try {
      const page = await api<Page<CampaignSummary>>('GET', '/api/campaigns?limit=200');
      setCampaigns(page.items);
    } catch {
      // Shown as before; the connection banner tells when the server is away.
    }
  }, []);

  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(id);
  }, [load, joinedKey]);

  // Joined campaigns first, then those that can be joined, then the rest; by name within each.
  const rank = (c: CampaignSummary) => (joinedIds.has(c.id) ? 0 : joinable(c) ? 1 : 2);
  const sorted = [...(campaigns ?? [])].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));

  return (
    <section className="campaigns" aria-labelledby="campaigns-title">
      <h2 id="campaigns-title">{t('campaigns.title')}</h2>
      {campaigns !== null && campaigns.length === 0 && <p className="muted">{t('campaigns.none')}</p>}
      <ul>
        {sorted.map((c) => {
          const isJoined = joinedIds.has(c.id);
          return (
            <li key={c.id} className={isJoined ? 'joined' : ''}>
              <div className="campaign-name">{c.name}</div>
              <div className="campaign-meta">
                <span className="tag">{tMaybe(`mode.${c.mode}`, c.mode)}</span>
                <span className={`tag status-${c.status}`}>{tMaybe(`campaigns.status.${c.status}`, c.status)}</span>
                {isJoined && <span className="tag joined-tag">{t('campaigns.joined')}</span>}
              </div>
              <div className="campaign-queue muted">{t('campaigns.queue', { name: c.queueName })}</div>
              {isJoined ? (
                <button type="button" aria-label={t('campaigns.leaveNamed', { name: c.name })} disabled={pending} onClick={() => void run(`campaigns/${c.id}/leave`)}>
                  {t('campaigns.leave')}
                </button>
              ) : joinable(c) ? (
                <button type="button" className="primary" aria-label={t('campaigns.joinNamed', { name: c.name })} disabled={pending} onClick={() => void run(`campaigns/${c.id}/join`)}>
                  {t('campaigns.join')}
                </button>
              ) : (
                <p className="muted small">{t('campaigns.notStarted')}</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const joinable = (c: CampaignSummary): boolean => c.status === 'running' || c.status === 'paused';
