import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api } from '../../../api/client';
import { useI18n } from '../../../i18n/i18n';
import type { Draft } from './draft';
import { Field } from './fields';
import { NewListUpload } from './NewListUpload';

interface ListSummary {
  id: number;
  name: string;
  recordCount: number;
  defaultRegion: string;
}
export interface ListColumns {
  listId: number;
  name: string;
  hasRecords: boolean;
  ownerColumns: string[];
  columns: string[];
}

/** The columns of the chosen lists (GET /api/campaigns/list-columns), for the owner, screen-pop and sort pickers. */
export function useListColumns(listIds: number[]) {
  const ids = [...listIds].sort((a, b) => a - b).join(',');
  return useQuery({
    queryKey: ['list-columns', ids],
    queryFn: () => api<ListColumns[]>('GET', `/api/campaigns/list-columns?listIds=${ids}`),
    enabled: ids !== '',
  });
}

export function columnsOf(shapes: ListColumns[] | undefined): string[] {
  return [...new Set((shapes ?? []).flatMap((s) => s.columns))].sort((a, b) => a.localeCompare(b));
}

/**
 * Step 2: the lists to dial (L2) — chosen, or uploaded here as a new list (L1), which comes back
 * checked — and, for agent-owned preview, the owner column (O1, locked once created).
 */
export function ListsStep(props: { draft: Draft; change(patch: Partial<Draft>): void; addList(listId: number): void }) {
  const { t } = useI18n();
  const { draft, change, addList } = props;
  const [uploading, setUploading] = useState(false);
  const [uploaded, setUploaded] = useState<number[]>([]);
  /** The list an open upload made: not offered until its import commits (a cancelled upload deletes it). */
  const [pending, setPending] = useState<number | null>(null);
  const imported = useCallback(
    (listId: number) => {
      setUploaded((ids) => (ids.includes(listId) ? ids : [...ids, listId]));
      addList(listId);
    },
    [addList],
  );
  const lists = useQuery({ queryKey: ['lists', 'all'], queryFn: () => api<{ items: ListSummary[] }>('GET', '/api/lists?limit=500') });
  const shapes = useListColumns(draft.listIds);
  const toggle = (id: number, on: boolean) => change({ listIds: on ? [...draft.listIds, id] : draft.listIds.filter((l) => l !== id) });
  const offered = (lists.data?.items ?? []).filter((l) => l.id !== pending || uploaded.includes(l.id));
  const owners = [...new Set((shapes.data ?? []).flatMap((s) => s.ownerColumns))];
  return (
    <div>
      <fieldset>
        <legend>{t('console.wizard.lists')}</legend>
        {lists.data && offered.length === 0 && <p className="muted">{t('console.wizard.noLists')}</p>}
        <ul className="wizard-lists">
          {offered.map((l) => (
            <li key={l.id}>
              <label>
                <input type="checkbox" checked={draft.listIds.includes(l.id)} onChange={(e) => toggle(l.id, e.target.checked)} />
                <span className="list-choice">
                  <span>{l.name}</span>
                  <span className="muted small">
                    {t('console.wizard.records', { count: l.recordCount })}
                    {uploaded.includes(l.id) && <span className="tag uploaded-tag">{t('console.wizard.upload.new')}</span>}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {!uploading && (
          <p className="row wizard-upload-open">
            <button type="button" onClick={() => setUploading(true)}>
              {t('console.wizard.upload.open')}
            </button>
            <span className="muted small">{t('console.wizard.upload.help')}</span>
          </p>
        )}
      </fieldset>
      {uploading && <NewListUpload onCreated={setPending} onImported={imported} onClose={() => { setPending(null); setUploading(false); }} />}
      {draft.mode === 'agent_owned_preview' && (
        <Field label={t('console.wizard.ownerColumn')} locked={t('console.wizard.locked')} hint={owners.length > 0 ? t('console.wizard.ownerFromLists', { columns: owners.join(', ') }) : undefined}>
          <select value={draft.ownerColumn ?? ''} onChange={(e) => change({ ownerColumn: e.target.value || null })}>
            <option value="">{t('console.wizard.chooseColumn')}</option>
            {columnsOf(shapes.data).map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </Field>
      )}
    </div>
  );
}
