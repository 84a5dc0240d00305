import { useI18n } from '../../i18n/i18n';
import { formatDuration, useNow } from '../../ui/use-now';
import { Block } from './Block';
import type { AgentOnFloor } from './types';

/**
 * R1: the agents who joined the campaign — state, reason and time in state. The time counts
 * here every second from the server's `since` (on the server's clock: `clockOffsetMs`), with
 * no message from the server.
 */
export function AgentsGrid(props: { agents: AgentOnFloor[]; byState: Record<string, number>; clockOffsetMs: number }) {
  const { t, tMaybe, dateTime } = useI18n();
  const now = useNow() + props.clockOffsetMs;
  const counts = Object.entries(props.byState).sort((a, b) => b[1] - a[1]);
  return (
    <Block
      title={t('console.dashboard.agents')}
      aside={
        <span className="dash-by-state">
          {counts.map(([state, n]) => (
            <span key={state} className={`dash-state-count tone-${tone(state)}`}>
              {n} {tMaybe(`state.${state}`, state)}
            </span>
          ))}
        </span>
      }
    >
      {props.agents.length === 0 ? (
        <p className="muted small">{t('console.dashboard.noAgents')}</p>
      ) : (
        <div className="dash-agents-scroll">
          <table className="dash-table dash-agents">
            <thead>
              <tr>
                <th>{t('console.dashboard.agent')}</th>
                <th>{t('state.label')}</th>
                <th>{t('console.dashboard.reason')}</th>
                <th className="num">{t('state.timeInState')}</th>
              </tr>
            </thead>
            <tbody>
              {props.agents.map((a) => {
                const since = Date.parse(a.since);
                return (
                  <tr key={a.userId} data-agent-id={a.userId}>
                    <th>{a.name}</th>
                    <td>
                      <span className={`dash-state tone-${tone(a.state)}`} data-state={a.state}>
                        {tMaybe(`state.${a.state}`, a.state)}
                      </span>
                    </td>
                    <td className="dash-reason">{a.reason ? tMaybe(`reason.${a.reason}`, a.reason) : ''}</td>
                    <td className="num">
                      <span role="timer" aria-label={t('state.timeInState')} title={t('state.since', { time: dateTime(a.since, { timeStyle: 'medium' }) })}>
                        {formatDuration(now - since)}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Block>
  );
}

/** The colour family of an agent state: ready, not_ready, reserved, on_call, wrap_up. */
function tone(state: string): string {
  return state.split('.')[0]!;
}
