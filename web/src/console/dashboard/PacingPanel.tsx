import { useI18n } from '../../i18n/i18n';
import { Block } from './Block';
import type { Pacing } from './types';

/**
 * X2: why the predictive dialer placed its last wave — the server's sentence, and the figures
 * behind it: agents expected free, answer rate, calls in flight, abandon budget left.
 */
export function PacingPanel(props: { pacing: Pacing | null }) {
  const { t, locale, dateTime } = useI18n();
  const p = props.pacing;
  const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const two = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return (
    <Block
      title={t('console.dashboard.pacing')}
      className="dash-pacing"
      aside={p && <span className="muted small">{t('console.dashboard.pacing.wave', { time: dateTime(p.at, { timeStyle: 'medium' }), placed: p.placed, asked: p.callsToPlace })}</span>}
    >
      {!p ? (
        <p className="muted small">{t('console.dashboard.pacing.none')}</p>
      ) : (
        <>
          <p className="dash-why" lang="en">
            {p.why}
          </p>
          <dl className="dash-figures">
            <div data-figure="free">
              <dt>{t('console.dashboard.pacing.free')}</dt>
              <dd>
                <strong>{p.predictedFreeAgents}</strong>
                <span className="muted small">{t('console.dashboard.pacing.freeParts', { ready: p.agentsReady, freeing: p.agentsFreeingSoon, waiting: p.callsWaiting })}</span>
              </dd>
            </div>
            <div data-figure="answer-rate">
              <dt>{t('console.dashboard.pacing.answerRate')}</dt>
              <dd>
                <strong>{one.format(100 * p.answerRate)}%</strong>
                <span className="muted small">{t('console.dashboard.pacing.sample', { count: p.sampleSize })}</span>
              </dd>
            </div>
            <div data-figure="in-flight">
              <dt>{t('console.dashboard.pacing.inFlight')}</dt>
              <dd>
                <strong>{p.callsInFlight}</strong>
              </dd>
            </div>
            <div data-figure="budget" className={p.abandonBudgetLeftPercent > 0 ? 'under' : 'over'}>
              <dt>{t('console.dashboard.pacing.budget')}</dt>
              <dd>
                <strong>{t('console.dashboard.pacing.points', { points: two.format(p.abandonBudgetLeftPercent) })}</strong>
                <span className="muted small">
                  {p.abandonRatePercent === null
                    ? t('console.dashboard.pacing.noRate', { target: two.format(p.abandonTargetPercent) })
                    : t('console.dashboard.pacing.rateOfTarget', { rate: two.format(p.abandonRatePercent), target: two.format(p.abandonTargetPercent), window: p.window.toUpperCase() })}
                </span>
              </dd>
            </div>
          </dl>
        </>
      )}
    </Block>
  );
}
