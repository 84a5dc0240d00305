import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { MyCallbacksToday } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useDeskActions } from './desk-actions';

const REFRESH_MS = 30_000;
const AGAIN_MS = 1500;

/**
 * C5: the signed-in agent's callbacks for today (in her time zone) and earlier ones still open,
 * from GET /api/agent/callbacks/today: the window in her zone, the customer (and reading),
 * phone, campaign, notes and the server's alert (overdue, due, approaching). Read again when her
 * state changes (`refreshKey`) and every 30 s. "Call now" on an open callback of a campaign she
 * has joined brings its record to her desktop at once (POST /api/agent/callbacks/{id}/take),
 * while she has no record in hand; otherwise it comes to her as an offer when it falls due (C7).
 */
export function MyCallbacksPanel(props: { refreshKey: string; canTake: (campaignId: number) => boolean }) {
  const { t, tMaybe, dateTime } = useI18n();
  const { run, pending } = useDeskActions();
  const [data, setData] = useState<MyCallbacksToday | null>(null);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    try {
      setData(await api<MyCallbacksToday>('GET', '/api/agent/callbacks/today'));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);

  useEffect(() => {
    void load();
    // The server stores a change (a callback made by a reschedule) a moment after it publishes the new state: look once more shortly after.
    const again = setTimeout(() => void load(), AGAIN_MS);
    const id = setInterval(() => void load(), REFRESH_MS);
    return () => {
      clearTimeout(again);
      clearInterval(id);
    };
  }, [load, props.refreshKey]);

  const time = (iso: string) => dateTime(iso, { hour: '2-digit', minute: '2-digit' }, data?.timeZone);
  return (
    <section className="my-callbacks" aria-labelledby="my-callbacks-title">
      <h2 id="my-callbacks-title">{t('callbacks.title')}</h2>
      {failed && <p className="muted small">{t('callbacks.loadFailed')}</p>}
      {data && data.items.length === 0 && <p className="muted">{t('callbacks.none')}</p>}
      {data && data.items.length > 0 && (
        <>
          <p className="muted small">{t('callbacks.zone', { zone: data.timeZone })}</p>
          <ul>
            {data.items.map((c) => (
              <li key={c.id} className={`callback-row${c.alert ? ` alert-${c.alert}` : ''} status-${c.status}`} data-callback-id={c.id}>
                <div className="callback-when">
                  <span className="callback-window">{t('callbacks.window', { start: time(c.windowStart), end: time(c.windowEnd) })}</span>
                  {c.alert && <span className={`tag callback-alert alert-${c.alert}`}>{t(`callbacks.alert.${c.alert}`)}</span>}
                  {!c.alert && c.status !== 'pending' && <span className="tag">{tMaybe(`callbacks.status.${c.status}`, c.status)}</span>}
                </div>
                <div className="callback-name">
                  {c.name ?? '—'}
                  {c.phoneticName && <span className="phonetic">{c.phoneticName}</span>}
                </div>
                <dl className="callback-facts">
                  <dt>{t('callbacks.phone')}</dt>
                  <dd className="callback-phone">{c.phone}</dd>
                  <dt>{t('callbacks.campaign')}</dt>
                  <dd>{c.campaignName}</dd>
                  {c.notes && (
                    <>
                      <dt>{t('callbacks.notes')}</dt>
                      <dd className="callback-notes">{c.notes}</dd>
                    </>
                  )}
                </dl>
                {c.status === 'pending' && (
                  <button
                    type="button"
                    className="callback-take"
                    disabled={pending || !props.canTake(c.campaignId)}
                    aria-label={t('callbacks.callNowFor', { name: c.name ?? c.phone })}
                    onClick={() => void run(`callbacks/${c.id}/take`)}
                  >
                    {t('callbacks.callNow')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <p className="muted small">{t('callbacks.dialedWhenDue')}</p>
        </>
      )}
    </section>
  );
}
