import { useEffect, useRef, useState } from 'react';
import type { AgentMessage } from '../api/types';
import { useI18n } from '../i18n/i18n';

const messageKey = (m: AgentMessage) => `${m.at}|${m.kind}|${m.text}`;

/**
 * C7: the agent's messages (the server keeps her last 50 in `view.messages`), newest first with
 * their time, kept for the shift.
 */
export function MessagesPanel(props: { messages: AgentMessage[] }) {
  const { t, tMaybe, dateTime } = useI18n();
  const newestFirst = [...props.messages].reverse();
  return (
    <section className="messages" aria-labelledby="messages-title">
      <h2 id="messages-title">{t('messages.title')}</h2>
      {newestFirst.length === 0 ? (
        <p className="muted">{t('messages.none')}</p>
      ) : (
        <ul>
          {newestFirst.map((m, i) => (
            <li key={`${messageKey(m)}|${i}`} className={`message message-${m.kind}`}>
              <div className="message-meta">
                <span className="tag">{tMaybe(`messages.kind.${m.kind}`, m.kind)}</span>
                <time dateTime={m.at}>{dateTime(m.at, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}</time>
              </div>
              <div className="message-text">{m.text}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * C7: a message the server asks to show for a while (a delivered callback: 5 s) pops up as a
 * toast for its `displaySeconds` from when it arrives here, then goes; it stays in Messages.
 * Messages already present when the desktop opens pop up only if they are that recent.
 */
export function MessageToasts(props: { messages: AgentMessage[] }) {
  const { t, tMaybe } = useI18n();
  const seen = useRef<Set<string> | null>(null);
  const [shown, setShown] = useState<Array<{ key: string; message: AgentMessage }>>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const first = seen.current === null;
    const known = (seen.current ??= new Set());
    const fresh: Array<{ key: string; message: AgentMessage; ms: number }> = [];
    for (const m of props.messages) {
      const key = messageKey(m);
      if (known.has(key)) continue;
      known.add(key);
      if (m.displaySeconds === null || m.displaySeconds <= 0) continue;
      let ms = m.displaySeconds * 1000;
      if (first) ms -= Math.max(0, Date.now() - Date.parse(m.at));
      if (ms > 0) fresh.push({ key, message: m, ms });
    }
    if (fresh.length === 0) return;
    setShown((now) => [...now, ...fresh.map(({ key, message }) => ({ key, message }))]);
    for (const { key, ms } of fresh) {
      timers.current.set(
        key,
        setTimeout(() => {
          timers.current.delete(key);
          setShown((now) => now.filter((x) => x.key !== key));
        }, ms),
      );
    }
  }, [props.messages]);

  useEffect(() => {
    const all = timers.current;
    return () => {
      for (const id of all.values()) clearTimeout(id);
    };
  }, []);

  if (shown.length === 0) return null;
  return (
    <div className="toasts">
      {shown.map(({ key, message }) => (
        <div key={key} className={`toast toast-${message.kind}`} role="alert">
          <strong>{tMaybe(`messages.kind.${message.kind}`, message.kind)}</strong>
          <span className="toast-text">{message.text}</span>
          <button
            type="button"
            className="link"
            aria-label={t('messages.dismiss')}
            onClick={() => {
              clearTimeout(timers.current.get(key));
              timers.current.delete(key);
              setShown((now) => now.filter((x) => x.key !== key));
            }}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
