import { useId } from 'react';
import { Link } from 'wouter';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n';
import { ModeName, StatusTag } from '../campaigns/badges';
import { AgentsGrid } from './AgentsGrid';
import { Block } from './Block';
import { PacingPanel } from './PacingPanel';
import type { OwnerProgress } from '../campaigns/types';
import type { CampaignDashboard, Progress, Rate } from './types';

/** One campaign on the dashboard: its progress, abandon rates, dial ratio, calls and agents, and (predictive) its pacing. */
export function CampaignCard(props: { campaign: CampaignDashboard; clockOffsetMs: number }) {
  const { t } = useI18n();
  const c = props.campaign;
  const headingId = useId();
  const live = c.pacedHere && c.calls && c.dialRatio && c.agents;
  return (
    <section className="card dash-campaign" aria-labelledby={headingId} data-campaign-id={c.id}>
      <header className="dash-head">
        <h2 id={headingId}>
          <Link href={`/campaigns/${c.id}`}>{c.name}</Link>
        </h2>
        <span className="muted">
          <ModeName mode={c.mode} />
        </span>
        <StatusTag status={c.status} />
        {c.dialing && <span className="tag dash-dialing">{t('console.dashboard.dialing')}</span>}
        <span className="spacer" />
        {c.progress.total > 0 && <strong className="dash-penetration">{t('console.dashboard.penetration', { percent: Math.round(c.progress.penetrationPercent ?? 0) })}</strong>}
      </header>
      <div className="dash-grid">
        <div className="dash-col">
          <ProgressBlock progress={c.progress} />
          {live && <CallsBlock calls={c.calls!} />}
        </div>
        <div className="dash-col">
          <AbandonBlock rate={c.abandonRate} />
          {live && <DialRatioBlock ratio={c.dialRatio!} />}
        </div>
        <div className="dash-col">
          {live ? (
            <AgentsGrid agents={c.agents!} byState={c.agentsByState ?? {}} clockOffsetMs={props.clockOffsetMs} />
          ) : (
            <p className="dash-note">
              {c.pacedBy
                ? t('console.dashboard.otherNode', { node: c.pacedBy })
                : t(c.status === 'running' || c.status === 'paused' ? 'console.dashboard.notStarted' : 'console.dashboard.idle')}
            </p>
          )}
        </div>
      </div>
      {c.mode === 'predictive' && live && <PacingPanel pacing={c.pacing} />}
      {c.owners && c.owners.length > 0 && <OwnersTable owners={c.owners} />}
    </section>
  );
}

const PARTS = [
  ['done', 'console.dashboard.part.done'],
  ['setAside', 'console.dashboard.part.setAside'],
  ['inProgress', 'console.dashboard.part.inProgress'],
  ['callbacksPending', 'console.dashboard.part.callbacks'],
  ['remaining', 'console.dashboard.part.remaining'],
] as const satisfies ReadonlyArray<readonly [keyof Progress, MessageKey]>;

/** L8: the batch as a stacked bar — done, set aside, in progress, callbacks pending, remaining — and the figures. */
function ProgressBlock(props: { progress: Progress }) {
  const { t } = useI18n();
  const p = props.progress;
  const percent = Math.round(p.penetrationPercent ?? 0);
  return (
    <Block title={t('console.dashboard.progress')} aside={p.total > 0 && <span className="muted">{t('console.dashboard.records', { total: p.total })}</span>}>
      {p.total === 0 ? (
        <p className="muted small">{t('console.dashboard.noRecords')}</p>
      ) : (
        <>
          <div className="dash-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={t('console.dashboard.penetration', { percent })}>
            {PARTS.map(([part]) => (p[part] > 0 ? <span key={part} className={`part-${part}`} style={{ width: `${(100 * p[part]) / p.total}%` }} /> : null))}
          </div>
          <dl className="dash-legend">
            {PARTS.map(([part, label]) => (
              <div key={part} data-part={part}>
                <dt>
                  <span className={`swatch part-${part}`} aria-hidden="true" />
                  {t(label)}
                </dt>
                <dd>{p[part]}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </Block>
  );
}

/** Calls by state (engine): dialing, ringing, machine check, answered waiting for an agent, talking, on hold. */
function CallsBlock(props: { calls: NonNullable<CampaignDashboard['calls']> }) {
  const { t } = useI18n();
  const c = props.calls;
  const states: Array<[keyof typeof c, string, string]> = [
    ['dialing', t('state.on_call.dialing'), 'reserved'],
    ['ringing', t('state.on_call.ringing'), 'reserved'],
    ['amd', t('console.dashboard.calls.amd'), 'reserved'],
    ['waiting', t('console.dashboard.calls.waiting'), 'wait'],
    ['active', t('console.dashboard.calls.active'), 'on_call'],
    ['held', t('state.on_call.held'), 'on_call'],
  ];
  return (
    <Block title={t('console.dashboard.calls')} aside={<span className="muted">{t('console.dashboard.calls.total')} {c.total}</span>}>
      <ul className="dash-chips">
        {states.map(([key, label, tone]) => (
          <li key={key} data-calls={key} className={c[key] > 0 ? `on tone-${tone}` : ''}>
            <span>{label}</span>
            <strong>{c[key]}</strong>
          </li>
        ))}
      </ul>
    </Block>
  );
}

/** D6: the abandon rate over the regulators' windows; the target's window coloured over or under it. */
function AbandonBlock(props: { rate: CampaignDashboard['abandonRate'] }) {
  const { t, locale } = useI18n();
  const { us, uk, target, source } = props.rate;
  const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const row = (window: 'us' | 'uk', r: Rate) => {
    const judged = target?.window === window && r.ratePercent !== null;
    const over = judged && r.ratePercent! >= target.percent;
    return (
      <div className={`dash-rate${judged ? (over ? ' over' : ' under') : ''}`} data-window={window}>
        <dt>{t(window === 'us' ? 'console.dashboard.abandon.us' : 'console.dashboard.abandon.uk')}</dt>
        <dd>
          <strong>{r.ratePercent === null ? '—' : `${percent.format(r.ratePercent)}%`}</strong>
          <span className="muted small">
            {r.liveAnswers === 0 ? t('console.dashboard.abandon.noAnswers') : t('console.dashboard.abandon.counts', { abandoned: r.abandoned, answers: r.liveAnswers })}
          </span>
          {judged && <span className={`tag ${over ? 'dash-over' : 'dash-under'}`}>{t(over ? 'console.dashboard.over' : 'console.dashboard.under')}</span>}
        </dd>
      </div>
    );
  };
  return (
    <Block title={t('console.dashboard.abandon')}>
      <dl className="dash-rates">
        {row('us', us)}
        {row('uk', uk)}
      </dl>
      <p className="small dash-target" title={source === 'database' ? t('console.dashboard.fromStore') : undefined}>
        {target
          ? t(target.window === 'us' ? 'console.dashboard.target.us' : 'console.dashboard.target.uk', { percent: percent.format(target.percent) })
          : t('console.dashboard.target.none')}
      </p>
    </Block>
  );
}

/** The dial ratio: calls in flight per ready agent, and all calls per agent joined. */
function DialRatioBlock(props: { ratio: NonNullable<CampaignDashboard['dialRatio']> }) {
  const { t, locale } = useI18n();
  const r = props.ratio;
  const ratio = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <Block title={t('console.dashboard.dialRatio')}>
      <p className="dash-big">
        <strong>{r.callsPerReadyAgent === null ? '—' : ratio.format(r.callsPerReadyAgent)}</strong>
        <span className="muted small">{r.callsPerReadyAgent === null ? t('console.dashboard.nobodyReady') : t('console.dashboard.perReady')}</span>
      </p>
      <p className="small muted">
        {t('console.dashboard.inFlight', { calls: r.callsInFlight, ready: r.agentsReady, joined: r.agentsJoined })}
        {r.callsPerAgent !== null && <> · {t('console.dashboard.perAgent', { ratio: ratio.format(r.callsPerAgent) })}</>}
      </p>
    </Block>
  );
}

/** O11 (agent-owned preview): each owner's records — owned, done, skipped, remaining, errors. */
const OWNER_COLUMNS = [
  ['owned', 'console.dashboard.owners.owned'],
  ['done', 'console.dashboard.part.done'],
  ['skipped', 'console.dashboard.owners.skipped'],
  ['remaining', 'console.dashboard.part.remaining'],
  ['errors', 'console.dashboard.owners.errors'],
] as const satisfies ReadonlyArray<readonly [keyof OwnerProgress, MessageKey]>;

function OwnersTable(props: { owners: NonNullable<CampaignDashboard['owners']> }) {
  const { t } = useI18n();
  return (
    <Block title={t('console.dashboard.owners')} className="dash-owners">
      <table className="dash-table">
        <thead>
          <tr>
            <th scope="col">{t('console.dashboard.agent')}</th>
            {OWNER_COLUMNS.map(([key, label]) => (
              <th key={key} scope="col" className="num">
                {t(label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.owners.map((o) => (
            <tr key={o.userId} data-owner-id={o.userId}>
              <th scope="row">{o.name}</th>
              {OWNER_COLUMNS.map(([key]) => (
                <td key={key} data-count={key} className={`num${key === 'errors' && o.errors > 0 ? ' error' : ''}`}>
                  {o[key]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Block>
  );
}
