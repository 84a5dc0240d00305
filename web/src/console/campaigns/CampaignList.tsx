import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { PageState } from '../ui/PageState';
import { ModeName, MODE_KEYS, OwnedIcon, STATUS_KEYS, StatusTag } from './badges';
import { useBoard, useCampaignList, type ListFilter } from './campaign-queries';
import { Penetration } from './Penetration';
import { CAMPAIGN_STATUSES, DIALING_MODES, type CampaignBoard, type CampaignSummary } from './types';

/**
 * Every campaign the user may see (GET /api/campaigns: staff read all of them; `canEdit` says
 * which ones this user may change), with its mode, coloured status, queue, lists, the agent-owned
 * mark that opens the owner monitor (O1, O3) and list penetration from the dashboard (L8) for the
 * campaigns the user watches.
 */
export function CampaignList() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<ListFilter>({ search: '', status: '', mode: '' });
  const campaigns = useCampaignList(filter);
  const board = useBoard();
  const progressOf = new Map<number, CampaignBoard>((board.data ?? []).map((c) => [c.id, c]));
  return (
    <div className="campaigns-page">
      <div className="page-head">
        <h1>{t('console.campaigns.title')}</h1>
        <Link href="/new" className="button-link primary">
          {t('console.campaigns.new')}
        </Link>
      </div>
      <div className="filters row" role="search">
        <label className="field">
          <span>{t('console.campaigns.filter.search')}</span>
          <input type="search" value={filter.search} onChange={(e) => setFilter({ ...filter, search: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('console.campaigns.status')}</span>
          <select value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as ListFilter['status'] })}>
            <option value="">{t('console.campaigns.filter.all')}</option>
            {CAMPAIGN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_KEYS[s])}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('console.campaigns.mode')}</span>
          <select value={filter.mode} onChange={(e) => setFilter({ ...filter, mode: e.target.value as ListFilter['mode'] })}>
            <option value="">{t('console.campaigns.filter.all')}</option>
            {DIALING_MODES.map((m) => (
              <option key={m} value={m}>
                {t(MODE_KEYS[m])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <PageState query={campaigns}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="card muted">{t('console.campaigns.none')}</p>
          ) : (
            <table className="data-table campaigns-table">
              <thead>
                <tr>
                  <th>{t('console.campaigns.name')}</th>
                  <th>{t('console.campaigns.mode')}</th>
                  <th>{t('console.campaigns.status')}</th>
                  <th>{t('console.campaigns.queue')}</th>
                  <th className="num">{t('console.campaigns.lists')}</th>
                  <th>{t('console.campaigns.progress')}</th>
                  <th>{t('console.campaigns.access')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((c) => (
                  <Row key={c.id} campaign={c} board={progressOf.get(c.id)} boardLoading={board.isPending} />
                ))}
              </tbody>
            </table>
          )
        }
      </PageState>
    </div>
  );
}

function Row({ campaign: c, board, boardLoading }: { campaign: CampaignSummary; board: CampaignBoard | undefined; boardLoading: boolean }) {
  const { t } = useI18n();
  return (
    <tr data-campaign={c.name}>
      <td>
        <Link href={`/${c.id}`} className="campaign-link">
          {c.name}
        </Link>
        {c.mode === 'agent_owned_preview' && (
          <Link href={`/${c.id}/owners`} className="owned-link" title={t('console.campaigns.ownedOpen')}>
            <OwnedIcon label={t('console.campaigns.ownedOpenNamed', { name: c.name })} />
          </Link>
        )}
      </td>
      <td>
        <ModeName mode={c.mode} />
      </td>
      <td>
        <StatusTag status={c.status} />
      </td>
      <td>{c.queueName}</td>
      <td className="num">{c.listCount ?? '—'}</td>
      <td>{board ? <Penetration progress={board.progress} /> : <span className="muted small">{boardLoading ? '…' : t('console.campaigns.progressHidden')}</span>}</td>
      <td>{c.canEdit ? <span className="muted small">{t('console.campaigns.canChange')}</span> : <span className="tag view-only">{t('console.campaigns.viewOnly')}</span>}</td>
    </tr>
  );
}
