import { useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { AlertBadge } from './AlertBadge';
import { StatusTag, When } from './columns';
import { EditCallback } from './EditCallback';
import type { Callback } from './types';

/** C3, C4: one callback opened from the results — every field, and Edit (saved after a confirmation). */
export function CallbackDetail(props: { callback: Callback; onClose(): void }) {
  const { t } = useI18n();
  const titleId = useId();
  const [callback, setCallback] = useState(props.callback);
  const [editing, setEditing] = useState(false);
  const c = callback;
  const fact = (label: string, value: React.ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value ?? '—'}</dd>
    </div>
  );
  return (
    <div className="overlay" onKeyDown={(e) => e.key === 'Escape' && !editing && props.onClose()}>
      <div className="dialog cb-detail" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>
          {t('console.callbacks.detail', { id: c.id })} {c.name && <span className="muted">— {c.name}</span>}
        </h2>
        <p className="cb-detail-state">
          {c.alert && <AlertBadge alert={c.alert} long />}
          <StatusTag status={c.status} />
        </p>
        {editing ? (
          <EditCallback
            callback={c}
            onSaved={(saved) => {
              setCallback(saved);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <>
            <dl className="cb-facts">
              {fact(t('console.callbacks.col.windowStart'), <When iso={c.windowStart} zone={c.timeZone} />)}
              {fact(t('console.callbacks.col.windowEnd'), <When iso={c.windowEnd} zone={c.timeZone} />)}
              {fact(t('console.callbacks.zone'), c.timeZone)}
              {fact(t('console.callbacks.campaign'), c.campaignName)}
              {fact(t('console.callbacks.batch'), c.batch)}
              {fact(t('console.callbacks.list'), c.listName)}
              {fact(t('console.callbacks.dialGroup'), c.dialGroup)}
              {fact(t('console.callbacks.name'), c.name)}
              {fact(t('console.callbacks.phoneticName'), c.phoneticName)}
              {fact(t('console.callbacks.phone'), c.phone)}
              {fact(t('console.callbacks.assignee'), c.assigneeName ?? t('console.callbacks.anyone'))}
              {fact(t('console.callbacks.col.createdAt'), <When iso={c.createdAt} />)}
              {fact(t('console.callbacks.col.updatedAt'), <When iso={c.updatedAt} />)}
              {fact(t('console.callbacks.col.updatedBy'), c.updatedByName)}
              <div className="wide">
                <dt>{t('console.callbacks.notes')}</dt>
                <dd className="cb-notes-full">{c.notes || '—'}</dd>
              </div>
            </dl>
            <div className="dialog-actions row">
              <button type="button" onClick={props.onClose}>
                {t('console.callbacks.close')}
              </button>
              <button type="button" className="primary" onClick={() => setEditing(true)}>
                {t('console.callbacks.edit')}
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
