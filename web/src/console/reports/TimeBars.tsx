import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n';
import { hms } from './format';
import type { AgentRow } from './types';

const PARTS: Array<{ key: string; label: MessageKey; ms(a: AgentRow): number }> = [
  { key: 'idle', label: 'state.ready', ms: (a) => a.idleMs },
  { key: 'reserved', label: 'console.reports.time.reserved', ms: (a) => a.offeredMs + a.previewingMs },
  { key: 'dialing', label: 'state.on_call.dialing', ms: (a) => a.dialingMs },
  { key: 'talk', label: 'console.reports.col.talk', ms: (a) => a.talkMs },
  { key: 'wrap', label: 'state.wrap_up', ms: (a) => a.wrapMs },
  { key: 'notReady', label: 'state.not_ready', ms: (a) => a.notReadyMs },
];

/** R2: where each agent's logged-in time went — a stacked bar per agent, all on the same scale (the longest day is full width). */
export function TimeBars(props: { agents: AgentRow[] }) {
  const { t } = useI18n();
  const longest = Math.max(1, ...props.agents.map((a) => a.loggedInMs));
  return (
    <div className="rp-timebars">
      <ul className="rp-legend" aria-hidden="true">
        {PARTS.map((p) => (
          <li key={p.key}>
            <span className={`rp-swatch rp-t-${p.key}`} />
            {t(p.label)}
          </li>
        ))}
      </ul>
      {props.agents.map((a) => (
        <div key={a.userId} className="rp-timebar-row" data-user-id={a.userId}>
          <span className="rp-timebar-name">{a.name}</span>
          <span className="rp-timebar" style={{ width: `${(a.loggedInMs / longest) * 100}%` }} role="img" aria-label={PARTS.map((p) => `${t(p.label)} ${hms(p.ms(a))}`).join(', ')}>
            {PARTS.map((p) => {
              const ms = p.ms(a);
              if (ms <= 0 || a.loggedInMs <= 0) return null;
              return <span key={p.key} className={`rp-t-${p.key}`} style={{ width: `${(ms / a.loggedInMs) * 100}%` }} title={`${t(p.label)}: ${hms(ms)}`} />;
            })}
          </span>
          <span className="rp-timebar-total">{hms(a.loggedInMs)}</span>
        </div>
      ))}
    </div>
  );
}
