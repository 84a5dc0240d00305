import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useI18n } from '../../../i18n/i18n';
import type { Draft } from './draft';
import { Field } from './fields';

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

/** Step 2: the lists to dial (L2) and, for agent-owned preview, the owner column (O1, locked once created). */
export function ListsStep(props: { draft: Draft; change(patch: Partial<Draft>): void }) {
  const { t } = useI18n();
  const { draft, change } = props;
  const lists = useQuery({ queryKey: ['lists', 'all'], queryFn: () => api<{ items: ListSummary[] }>('GET', '/api/lists?limit=500') });
  const shapes = useListColumns(draft.listIds);
  const toggle = (id: number, on: boolean) => change({ listIds: on ? [...draft.listIds, id] : draft.listIds.filter((l) => l !== id) });
  const owners = [...new Set((shapes.data ?? []).flatMap((s) => s.ownerColumns))];
  return (
    <div>
      <fieldset>
        <legend>{t('console.wizard.lists')}</legend>
        {lists.data?.items.length === 0 && <p className="muted">{t('console.wizard.noLists')}</p>}
        <ul className="wizard-lists">
          {(lists.data?.items ?? []).map((l) => (
            <li key={l.id}>
              <label>
                <input type="checkbox" checked={draft.listIds.includes(l.id)} onChange={(e) => toggle(l.id, e.target.checked)} />
                <span>{l.name}</span>
                <span className="muted small">{t('console.wizard.records', { count: l.recordCount })}</span>
              </label>
            </li>
          ))}
        </ul>
        <p className="muted small">{t('console.wizard.uploadElsewhere')}</p>
      </fieldset>
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
