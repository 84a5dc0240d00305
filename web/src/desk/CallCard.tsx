import type { Work } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Kbd } from '../ui/Kbd';
import { useShortcuts } from '../ui/use-shortcut';
import { useDeskActions } from './desk-actions';

/** The call in hand: number and status; Hold/Resume; Hang up, disabled while held (D7); close it as a machine, fax or bad number (D5). */
const MARKS = ['machine', 'fax', 'bad_number'] as const;

export function CallCard(props: { call: NonNullable<Work['call']> }) {
  const { t, tMaybe } = useI18n();
  const { run, pending } = useDeskActions();
  const { call } = props;
  const held = call.status === 'held';
  const hangUp = () => void run('hang-up');
  useShortcuts([{ keys: 'Alt+H', enabled: !pending && !held, run: hangUp }]);
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
        <button type="button" className="danger" aria-keyshortcuts="Alt+H" disabled={pending || held} onClick={hangUp}>
          {t('call.hangUp')} <Kbd keys="Alt+H" />
        </button>
      </div>
      <div className="row marks" role="group" aria-label={t('call.markAs')}>
        {MARKS.map((as) => (
          <button key={as} type="button" disabled={pending} onClick={() => void run('mark', { as })}>
            {t(`call.mark.${as}`)}
          </button>
        ))}
      </div>
    </section>
  );
}
