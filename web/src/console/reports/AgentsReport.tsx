import { useI18n } from '../../i18n/i18n';
import { PageState } from '../ui/PageState';
import { reportParams, type Filters } from './filters';
import { hms } from './format';
import { useReport } from './queries';
import { ReportCard } from './ReportCard';
import { TimeBars } from './TimeBars';
import type { AgentReport, AgentRow } from './types';

/**
 * R2: the agent report — each agent's logged-in, talk, hold, wrap, idle and not-ready time (by
 * reason) as h:mm:ss, their calls, handle time, skips and completed records, and a bar of where
 * the time went. Times are the agent's whole day; the counts those of the report's campaigns.
 */
export function AgentsReport(props: { filters: Filters }) {
  const { t } = useI18n();
  const params = reportParams(props.filters, 'userId');
  const report = useReport<AgentReport>('agents', params);
  return (
    <PageState query={report}>
      {(r) => (
        <>
          <ReportCard id="rp-agents" title={t('console.reports.agents.title')} report={r} csv={{ path: 'agents', params }}>
            {r.items.length === 0 ? (
              <p className="muted rp-empty">{t('console.reports.agents.none')}</p>
            ) : (
              <div className="rp-scroll">
                <table className="rp-table" data-table="agents">
                  <thead>
                    <tr>
                      <th>{t('console.reports.col.agent')}</th>
                      <th className="num">{t('console.reports.col.loggedIn')}</th>
                      <th className="num">{t('console.reports.col.talk')}</th>
                      <th className="num">{t('console.reports.col.hold')}</th>
                      <th className="num">{t('console.reports.col.wrap')}</th>
                      <th className="num">{t('console.reports.col.idle')}</th>
                      <th className="num">{t('console.reports.col.notReady')}</th>
                      <th>{t('console.reports.col.byReason')}</th>
                      <th className="num">{t('console.reports.col.calls')}</th>
                      <th className="num" title={t('console.reports.col.aht.title')}>
                        AHT
                      </th>
                      <th className="num">{t('console.reports.col.skips')}</th>
                      <th className="num">{t('console.reports.col.completed')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.items.map((a) => (
                      <Row key={a.userId} agent={a} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="muted small rp-hint">{t('console.reports.agents.note')}</p>
          </ReportCard>
          {r.items.length > 0 && (
            <ReportCard id="rp-time" title={t('console.reports.agents.timeTitle')}>
              <TimeBars agents={r.items} />
            </ReportCard>
          )}
        </>
      )}
    </PageState>
  );
}

function Row(props: { agent: AgentRow }) {
  const { tMaybe } = useI18n();
  const a = props.agent;
  return (
    <tr data-user-id={a.userId}>
      <th scope="row">
        <span className="rp-name">{a.name}</span>
        <span className="rp-sub muted">{a.userCode}</span>
      </th>
      <td className="num" data-col="loggedIn">{hms(a.loggedInMs)}</td>
      <td className="num" data-col="talk">{hms(a.talkMs)}</td>
      <td className="num" data-col="hold">{hms(a.holdMs)}</td>
      <td className="num" data-col="wrap">{hms(a.wrapMs)}</td>
      <td className="num" data-col="idle">{hms(a.idleMs)}</td>
      <td className="num" data-col="notReady">{hms(a.notReadyMs)}</td>
      <td className="rp-reasons">
        {a.notReadyByReason.map((r) => (
          <span key={r.reason}>
            {tMaybe(`reason.${r.reason}`, r.reason)} {hms(r.ms)}
          </span>
        ))}
      </td>
      <td className="num" data-col="calls">{a.callsHandled}</td>
      <td className="num" data-col="aht">{hms(a.avgHandleMs)}</td>
      <td className="num" data-col="skips">{a.skips}</td>
      <td className="num" data-col="completed">{a.recordsCompleted}</td>
    </tr>
  );
}
