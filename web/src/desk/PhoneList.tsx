import type { Work } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { secondsUntil, useNow } from '../ui/use-now';
import { useDeskActions } from './desk-actions';

/**
 * P5: the record's numbers, the recommended one marked; a click calls it. A number that may not
 * be dialed now says why (the server's dial-time check) and has no Call button enabled.
 */
export function PhoneList(props: { work: Work; canDial: boolean }) {
  const { t, tMaybe } = useI18n();
  const { run, pending } = useDeskActions();
  const now = useNow();
  const { work } = props;
  return (
    <section className="phones" aria-labelledby="phones-title">
      <h2 id="phones-title">{t('contact.numbers')}</h2>
      {props.canDial && work.reviewDeadline && (
        <p className="countdown" role="timer">
          {t('review.countdown', { seconds: secondsUntil(work.reviewDeadline, now) })}
        </p>
      )}
      <ul>
        {work.phones.map((p) => (
          <li key={p.number} className={p.recommended ? 'recommended' : ''}>
            <span className="phone-type">{tMaybe(`phoneType.${p.type}`, p.type)}</span>
            <span className="number">{p.number}</span>
            {p.recommended && (
              <span className="badge">
                <span aria-hidden="true">★ </span>
                {t('contact.recommended')}
              </span>
            )}
            {!p.allowed && p.reason && <span className="not-now">{t('contact.notNow', { reason: tMaybe(`dialReason.${p.reason}`, p.message ?? p.reason) })}</span>}
            <button
              type="button"
              className={p.recommended ? 'primary' : ''}
              aria-label={t('contact.callNumber', { number: p.number })}
              disabled={!props.canDial || !p.allowed || pending}
              onClick={() => void run('dial', { recordId: work.recordId, number: p.number })}
            >
              {t('contact.call')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
