import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useListAttachment, type ListKind } from './campaign-queries';
import { ServerError } from './ServerError';
import type { Campaign } from './types';

export interface ListChoice {
  id: number;
  name: string;
  /** What is in it: "24 records", "120 numbers". */
  size?: string;
}

/** What a confirmation says before an attach or a removal. */
export interface Ask {
  title: string;
  body: string;
  confirm: string;
  danger?: boolean;
}

/**
 * The lists attached to a campaign, one kind of them (contact or do-not-call): each with a
 * Remove that asks first, and a picker of the lists not yet attached. The server decides
 * (PUT/DELETE /api/campaigns/{id}/{kind}/{listId}); its refusal is shown where the user acted —
 * in the dialog, or under the picker.
 */
export function AttachedLists(props: {
  campaign: Campaign;
  kind: ListKind;
  label: string;
  attached: ListChoice[];
  /** Every list of the kind (undefined while loading). */
  all: ListChoice[] | undefined;
  ordered?: boolean;
  /** Shown instead of the lists when none is attached. */
  none: ReactNode;
  /** Under the lists: what they mean. */
  note?: ReactNode;
  /** Under the picker. */
  pickerNote?: ReactNode;
  text: { pick: string; choose: string; attach: string; allAttached: string; noneExist: string };
  /** A confirmation before attaching this list, or null to attach at once. */
  askAttach?(list: ListChoice): Ask | null;
  askRemove(list: ListChoice): Ask;
}) {
  const { t } = useI18n();
  const c = props.campaign;
  const attach = useListAttachment(c.id);
  const remove = useListAttachment(c.id);
  const [picked, setPicked] = useState('');
  const [asking, setAsking] = useState<{ action: 'attach' | 'remove'; list: ListChoice; ask: Ask } | null>(null);
  const sizes = new Map((props.all ?? []).map((l) => [l.id, l.size]));
  const attachedIds = new Set(props.attached.map((l) => l.id));
  const available = (props.all ?? []).filter((l) => !attachedIds.has(l.id));
  const busy = attach.isPending || remove.isPending;

  const doAttach = (list: ListChoice) =>
    attach.mutate(
      { kind: props.kind, listId: list.id, attach: true },
      {
        onSuccess: () => {
          setPicked('');
          setAsking(null);
        },
      },
    );
  const startAttach = () => {
    const list = available.find((l) => String(l.id) === picked);
    if (!list) return;
    attach.reset();
    const ask = props.askAttach?.(list) ?? null;
    if (ask) setAsking({ action: 'attach', list, ask });
    else doAttach(list);
  };
  const confirm = () => {
    if (!asking) return;
    if (asking.action === 'attach') doAttach(asking.list);
    else remove.mutate({ kind: props.kind, listId: asking.list.id, attach: false }, { onSuccess: () => setAsking(null) });
  };
  const dialogError = asking?.action === 'attach' ? attach.error : asking?.action === 'remove' ? remove.error : null;

  const Tag = props.ordered ? 'ol' : 'ul';
  return (
    <div className="attached-lists" role="group" aria-label={props.label}>
      {props.attached.length === 0 ? (
        props.none
      ) : (
        <Tag className={`attached ${props.ordered ? 'ordered' : ''}`}>
          {props.attached.map((l) => (
            <li key={l.id} data-list={l.name}>
              <div className="attached-row">
                <span className="attached-name">{l.name}</span>
                {sizes.get(l.id) && <span className="muted small attached-size">{sizes.get(l.id)}</span>}
                {c.canEdit && (
                  <button
                    type="button"
                    className="link"
                    aria-label={t('console.campaigns.attach.removeNamed', { list: l.name })}
                    onClick={() => {
                      remove.reset();
                      setAsking({ action: 'remove', list: l, ask: props.askRemove(l) });
                    }}
                  >
                    {t('console.campaigns.attach.remove')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </Tag>
      )}
      {props.note && <p className="muted small attached-note">{props.note}</p>}
      {c.canEdit && props.all && (
        <div className="attach-picker">
          {props.all.length === 0 ? (
            <p className="muted small">{props.text.noneExist}</p>
          ) : available.length === 0 ? (
            <p className="muted small">{props.text.allAttached}</p>
          ) : (
            <div className="row">
              <select aria-label={props.text.pick} value={picked} onChange={(e) => setPicked(e.target.value)} disabled={busy}>
                <option value="">{props.text.choose}</option>
                {available.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.size ? `${l.name} (${l.size})` : l.name}
                  </option>
                ))}
              </select>
              <button type="button" onClick={startAttach} disabled={picked === '' || busy}>
                {props.text.attach}
              </button>
            </div>
          )}
          {props.pickerNote && <p className="muted small">{props.pickerNote}</p>}
          {!asking && <ServerError error={attach.error} />}
        </div>
      )}
      {asking && (
        <ConfirmDialog
          title={asking.ask.title}
          confirmLabel={asking.ask.confirm}
          danger={asking.ask.danger}
          busy={busy}
          error={dialogError ? dialogError.message : null}
          onConfirm={confirm}
          onCancel={() => {
            setAsking(null);
            attach.reset();
            remove.reset();
          }}
        >
          <p>{asking.ask.body}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
