import { useLayoutEffect, useRef } from 'react';
import type { Work } from '../api/types';
import type { OfferNotice } from './agent-session';
import { useI18n } from '../i18n/i18n';
import { Kbd } from '../ui/Kbd';
import { useShortcuts } from '../ui/use-shortcut';
import { useDeskActions } from './desk-actions';

/**
 * P1: a record is offered — campaign and customer name, and Accept (focused: Enter accepts).
 * Shown from the record in the state, or from the offer event until the state carries it.
 */
export function OfferDialog(props: { work: Work | null; offer: OfferNotice | null }) {
  const { t } = useI18n();
  const { run, pending } = useDeskActions();
  const work = props.work ?? { ...props.offer!, phoneticName: null };
  const accept = () => void run('accept', { recordId: work.recordId });
  useShortcuts([{ keys: 'Alt+A', enabled: !pending, run: accept }]);
  // Focus Accept whenever it is enabled: an offer that arrives while the Ready command is still
  // pending mounts the button disabled, and autoFocus skips a disabled button (Enter would do nothing).
  const acceptButton = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (!pending) acceptButton.current?.focus();
  }, [pending, work.recordId]);
  return (
    <div className="overlay">
      <div className="dialog offer" role="dialog" aria-modal="true" aria-labelledby="offer-title">
        <h2 id="offer-title">{t('offer.title')}</h2>
        <dl>
          <dt>{t('offer.campaign')}</dt>
          <dd>{work.campaignName}</dd>
          <dt>{t('offer.customer')}</dt>
          <dd className="offer-name">
            {work.name ?? t('offer.noName')}
            {work.phoneticName && <span className="phonetic">{work.phoneticName}</span>}
          </dd>
        </dl>
        <div className="dialog-actions">
          <button ref={acceptButton} type="button" className="primary big" aria-keyshortcuts="Enter Alt+A" disabled={pending} onClick={accept}>
            {t('offer.accept')} <Kbd keys="Alt+A" />
          </button>
        </div>
      </div>
    </div>
  );
}
