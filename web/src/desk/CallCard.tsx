import type { Work } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useDeskActions } from './desk-actions';

/** The call in hand: number and status; Hold/Resume; Hang up, disabled while held (D7). */
export function CallCard(props: { call: NonNullable<Work['call']> }) {
  const { t, tMaybe } = useI18n();
  const { run, pending } = useDeskActions();
  const { call } = props;
  const held = call.status === 'held';
  return (
    <section className={`card call call-${call.status}`} aria-labelledby="call-title">
      <h2 id="call-title">{t('call.title')}</h2>
      <p className="call-number">
        <span className="visually-hidden">{t('call.number')} </span>
        {call.number}
      </p>
      <p className="call-status" role="status">
        {tMaybe(`state.on_call.${call.status}`, call.status)}
      </p>
      <div className="row">
        {call.status === 'active' && (
          <button type="button" disabled={pending} onClick={() => void run('hold')}>
            {t('call.hold')}
          </button>
        )}
        {held && (
          <button type="button" disabled={pending} onClick={() => void run('resume')}>
            {t('call.resume')}
          </button>
        )}
        <button type="button" className="danger" disabled={pending || held} onClick={() => void run('hang-up')}>
          {t('call.hangUp')}
        </button>
      </div>
    </section>
  );
}
