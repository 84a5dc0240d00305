import { useId } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useBoard } from './campaign-queries';
import type { Campaign, OwnerProgress } from './types';

const COLUMNS = ['owned', 'done', 'skipped', 'remaining', 'errors'] as const satisfies ReadonlyArray<keyof OwnerProgress>;

/** O11: each owning agent's records — owned = done + skipped + remaining + errors — from the live dashboard. */
export function OwnerProgressPanel(props: { campaign: Campaign }) {
  const { t } = useI18n();
  const titleId = useId();
  const board = useBoard(props.campaign.id, 5_000);
  const owners = board.data?.find((b) => b.id === props.campaign.id)?.owners ?? null;
  const heads = {
    owned: t('console.campaigns.owners.owned'),
    done: t('console.campaigns.owners.done'),
    skipped: t('console.campaigns.owners.skipped'),
    remaining: t('console.campaigns.owners.remaining'),
    errors: t('console.campaigns.owners.errors'),
  };
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('console.campaigns.owners.title')}</h2>
      {board.isError ? (
        <p className="muted">{t('console.campaigns.owners.hidden', { message: board.error.message })}</p>
      ) : owners === null ? (
        <p className="muted">{board.isPending ? t('app.loading') : t('console.campaigns.owners.none')}</p>
      ) : owners.length === 0 ? (
        <p className="muted">{t('console.campaigns.owners.none')}</p>
      ) : (
        <table className="data-table owner-progress">
          <thead>
            <tr>
              <th>{t('console.campaigns.owners.agent')}</th>
              {COLUMNS.map((k) => (
                <th key={k} className="num">
                  {heads[k]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {owners.map((o) => (
              <tr key={o.userId} data-owner={o.name}>
                <th scope="row">{o.name}</th>
                {COLUMNS.map((k) => (
                  <td key={k} className={`num${k === 'errors' && o.errors > 0 ? ' error' : ''}`} data-count={k}>
                    {o[k]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
