import type { AgentView } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** D2: the calls the dialer is placing on this agent's lines (power mode: up to three), each with its state. */
export function LinesPanel(props: { lines: AgentView['lines'] }) {
  const { t, tMaybe } = useI18n();
  if (props.lines.length === 0) return null;
  return (
    <section className="card lines" aria-labelledby="lines-title">
      <h2 id="lines-title">{t('lines.title')}</h2>
      <ul className="line-cards">
        {props.lines.map((l, i) => (
          <li key={l.callId} className={`line-card line-${l.status}`} aria-label={t('lines.line', { n: i + 1 })}>
            <span className="line-number">{l.number}</span>
            <span className="line-status">{tMaybe(`state.on_call.${l.status}`, l.status)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
