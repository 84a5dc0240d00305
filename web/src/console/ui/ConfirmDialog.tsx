import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/**
 * Asks before a change that matters (stop a campaign, recycle it, edit a callback): a modal
 * dialog with what will happen, Confirm and Cancel. Escape cancels; Cancel has the focus, so
 * Enter alone never confirms by accident.
 */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel?: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="overlay" onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>{props.title}</h2>
        <div className="dialog-body">{props.children}</div>
        {props.error && (
          <p className="error" role="alert">
            {props.error}
          </p>
        )}
        <div className="dialog-actions row">
          <button type="button" ref={cancel} onClick={props.onCancel} disabled={props.busy}>
            {t('console.cancel')}
          </button>
          <button type="button" className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm} disabled={props.busy}>
            {props.confirmLabel ?? t('console.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
