import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { CampaignSummary } from '../campaigns/types';
import { PageState } from '../ui/PageState';
import { useCampaigns } from './queries';

/** The campaigns one may read, to pick one (the first by default), and what belongs to the picked one beside them. */
export function CampaignPicker(props: { intro?: string; wide?: boolean; children(campaign: CampaignSummary): ReactNode }) {
  const { t } = useI18n();
  const campaigns = useCampaigns();
  const [chosen, setChosen] = useState<number | null>(null);
  return (
    <PageState query={campaigns}>
      {(page) => {
        const current = page.items.find((c) => c.id === chosen) ?? page.items[0];
        return (
          <div className={`admin-split${props.wide ? ' wide-detail' : ''}`}>
            <div className="admin-tab">
              {props.intro && <p className="muted">{props.intro}</p>}
              <ul className="admin-picker" aria-label={t('console.admin.grants.campaigns')}>
                {page.items.map((c) => (
                  <li key={c.id}>
                    <button type="button" aria-pressed={c.id === current?.id} onClick={() => setChosen(c.id)}>
                      <strong>{c.name}</strong> <span className="muted small">{c.queueName}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
            {current ? props.children(current) : <p className="card muted">{t('console.admin.grants.noCampaigns')}</p>}
          </div>
        );
      }}
    </PageState>
  );
}
