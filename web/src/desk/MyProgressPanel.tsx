import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';

interface CampaignProgress {
  campaignId: number;
  campaignName: string;
  owned: number;
  done: number;
  skipped: number;
  remaining: number;
  errors: number;
  next: Array<{ recordId: number; name: string | null; phoneticName: string | null }>;
}

const REFRESH_MS = 30_000;
const AGAIN_MS = [1500, 5000];

/**
 * O11, O6: in each agent-owned campaign of her queues, the agent's own records — owned, done,
 * skipped, remaining, errors — and the remaining ones in the order they come (the record in
 * hand marked). From GET /api/agent/progress; read again when her state changes and every 30 s.
 * Nothing shows when she has no agent-owned campaign.
 */
export function MyProgressPanel(props: { refreshKey: string; recordInHand: number | null }) {
  const { t } = useI18n();
  const [data, setData] = useState<CampaignProgress[]>([]);
  const load = useCallback(async () => {
    try {
      setData(await api<CampaignProgress[]>('GET', '/api/agent/progress'));
    } catch {
      // Kept as it was; the next refresh tries again.
    }
  }, []);
  useEffect(() => {
    void load();
    // A campaign she just joined is seeded, and a record she finished is stored, a moment after her state changes: look again then.
    const again = AGAIN_MS.map((ms) => setTimeout(() => void load(), ms));
    const id = setInterval(() => void load(), REFRESH_MS);
    return () => {
      again.forEach(clearTimeout);
      clearInterval(id);
    };
  }, [load, props.refreshKey]);
  if (data.length === 0) return null;
  return (
    <section className="my-progress" aria-labelledby="my-progress-title">
      <h2 id="my-progress-title">{t('progress.title')}</h2>
      {data.map((c) => (
        <div key={c.campaignId} className="progress-campaign">
          <h3>{c.campaignName}</h3>
          <dl className="progress-counts">
            {(['owned', 'done', 'skipped', 'remaining', 'errors'] as const).map((k) => (
              <div key={k}>
                <dt>{t(`progress.${k}`)}</dt>
                <dd data-count={k}>{c[k]}</dd>
              </div>
            ))}
          </dl>
          {c.next.length > 0 && (
            <ol className="progress-next" aria-label={t('progress.next', { campaign: c.campaignName })}>
              {c.next.map((r) => (
                <li key={r.recordId} aria-current={r.recordId === props.recordInHand ? 'true' : undefined}>
                  {r.name ?? t('offer.noName')}
                  {r.phoneticName && <span className="phonetic">{r.phoneticName}</span>}
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
    </section>
  );
}
