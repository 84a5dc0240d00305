import { useId, useState } from 'react';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n';
import { PageState } from '../ui/PageState';
import { useOwnerErrors } from './campaign-queries';
import { OWNER_PROBLEMS, type Campaign, type OwnerErrors, type OwnerProblem } from './types';

const PAGE = 50;
export const PROBLEM_KEYS = {
  unknown_owner: 'console.campaigns.problem.unknown_owner',
  not_in_queue: 'console.campaigns.problem.not_in_queue',
  owner_disabled: 'console.campaigns.problem.owner_disabled',
} as const satisfies Record<OwnerProblem, MessageKey>;
const FIX_KEYS = {
  unknown_owner: 'console.campaigns.fix.unknown_owner',
  not_in_queue: 'console.campaigns.fix.not_in_queue',
  owner_disabled: 'console.campaigns.fix.owner_disabled',
} as const satisfies Record<OwnerProblem, MessageKey>;

/** O3: undeliverable records by reason (counts, the owners behind them, the rows), filterable by reason, a page at a time. */
export function OwnerErrorsPanel(props: { campaign: Campaign }) {
  const { t } = useI18n();
  const titleId = useId();
  const [problem, setProblem] = useState<OwnerProblem | ''>('');
  const [offset, setOffset] = useState(0);
  const errors = useOwnerErrors(props.campaign.id, problem, offset, PAGE);
  const pick = (p: OwnerProblem | '') => {
    setProblem(p);
    setOffset(0);
  };
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('console.campaigns.errors.title')}</h2>
      <PageState query={errors}>
        {(e) => (
          <>
            <Counts errors={e} selected={problem} onPick={pick} />
            <OwnersWithProblems errors={e} />
            <Records errors={e} campaign={props.campaign} problem={problem} onPick={pick} offset={offset} onPage={setOffset} />
          </>
        )}
      </PageState>
    </section>
  );
}

function Counts(props: { errors: OwnerErrors; selected: OwnerProblem | ''; onPick(p: OwnerProblem | ''): void }) {
  const { t } = useI18n();
  const { counts } = props.errors;
  return (
    <>
      <dl className="monitor-counts">
        <div>
          <dt>{t('console.campaigns.errors.agents')}</dt>
          <dd data-count="agents">{t('console.campaigns.errors.agentsOf', { n: props.errors.owningAgents, max: props.errors.maxOwners })}</dd>
        </div>
        <div>
          <dt>{t('console.campaigns.errors.owned')}</dt>
          <dd data-count="owned">{counts.ownedRecords}</dd>
        </div>
        <div>
          <dt>{t('console.campaigns.errors.deliverable')}</dt>
          <dd data-count="deliverable">{counts.deliverableRecords}</dd>
        </div>
        <div>
          <dt>{t('console.campaigns.errors.unowned')}</dt>
          <dd data-count="unowned">{counts.unownedRecords}</dd>
        </div>
        <div className={counts.errorRecords > 0 ? 'bad' : ''}>
          <dt>{t('console.campaigns.errors.total')}</dt>
          <dd data-count="errors">{counts.errorRecords}</dd>
        </div>
      </dl>
      <ul className="problem-cards" aria-label={t('console.campaigns.errors.byProblem')}>
        {OWNER_PROBLEMS.map((p) => (
          <li key={p} className={counts.byProblem[p] > 0 ? 'bad' : ''} data-problem={p}>
            <button type="button" aria-pressed={props.selected === p} onClick={() => props.onPick(props.selected === p ? '' : p)}>
              <span className="problem-count">{counts.byProblem[p]}</span>
              <span>{t(PROBLEM_KEYS[p])}</span>
            </button>
            <small className="muted">{t(FIX_KEYS[p])}</small>
          </li>
        ))}
      </ul>
    </>
  );
}

function OwnersWithProblems(props: { errors: OwnerErrors }) {
  const { t } = useI18n();
  const bad = props.errors.owners.items.filter((o) => o.problem !== null);
  if (bad.length === 0) return null;
  return (
    <table className="data-table compact">
      <caption>{t('console.campaigns.errors.owners')}</caption>
      <thead>
        <tr>
          <th>{t('console.campaigns.errors.ownerRef', { column: props.errors.ownerColumn })}</th>
          <th>{t('console.campaigns.errors.user')}</th>
          <th>{t('console.campaigns.errors.problem')}</th>
          <th className="num">{t('console.campaigns.errors.records')}</th>
        </tr>
      </thead>
      <tbody>
        {bad.map((o) => (
          <tr key={o.ownerRef} data-owner-ref={o.ownerRef}>
            <td>
              <code>{o.ownerRef}</code>
            </td>
            <td>{o.displayName ?? '—'}</td>
            <td>{t(PROBLEM_KEYS[o.problem!])}</td>
            <td className="num">{o.records}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Records(props: { errors: OwnerErrors; campaign: Campaign; problem: OwnerProblem | ''; onPick(p: OwnerProblem | ''): void; offset: number; onPage(offset: number): void }) {
  const { t } = useI18n();
  const { records } = props.errors;
  const listName = new Map(props.campaign.lists.map((l) => [l.id, l.name]));
  return (
    <>
      <div className="row records-head">
        <h3>{t('console.campaigns.errors.rows', { n: records.total })}</h3>
        <label className="inline">
          {t('console.campaigns.errors.show')}{' '}
          <select value={props.problem} onChange={(e) => props.onPick(e.target.value as OwnerProblem | '')}>
            <option value="">{t('console.campaigns.errors.allProblems')}</option>
            {OWNER_PROBLEMS.map((p) => (
              <option key={p} value={p}>
                {t(PROBLEM_KEYS[p])}
              </option>
            ))}
          </select>
        </label>
      </div>
      {records.items.length === 0 ? (
        <p className="muted">{t('console.campaigns.errors.noRows')}</p>
      ) : (
        <table className="data-table compact error-rows">
          <thead>
            <tr>
              <th>{t('console.campaigns.errors.list')}</th>
              <th className="num">{t('console.campaigns.errors.row')}</th>
              <th>{t('console.campaigns.errors.name')}</th>
              <th>{t('console.campaigns.errors.ownerRef', { column: props.errors.ownerColumn })}</th>
              <th>{t('console.campaigns.errors.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {records.items.map((r) => (
              <tr key={r.recordId}>
                <td>{listName.get(r.listId) ?? r.listId}</td>
                <td className="num">{r.rowNumber}</td>
                <td>{r.name ?? '—'}</td>
                <td>
                  <code>{r.ownerRef}</code>
                </td>
                <td>{t(PROBLEM_KEYS[r.problem])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {records.total > PAGE && (
        <div className="row pager">
          <button type="button" disabled={props.offset === 0} onClick={() => props.onPage(Math.max(0, props.offset - PAGE))}>
            {t('console.campaigns.previous')}
          </button>
          <span className="muted small">{t('console.campaigns.pageOf', { from: props.offset + 1, to: Math.min(records.total, props.offset + PAGE), total: records.total })}</span>
          <button type="button" disabled={props.offset + PAGE >= records.total} onClick={() => props.onPage(props.offset + PAGE)}>
            {t('console.campaigns.next')}
          </button>
        </div>
      )}
    </>
  );
}
