import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { count } from '../lists/format';
import { ServerError } from '../campaigns/ServerError';
import { ConfirmRemoval, RemoveButton } from './ConfirmRemoval';
import { PageState } from '../ui/PageState';
import { DncCheckForm } from './DncCheckForm';
import { DncListPanel } from './DncListPanel';
import { NameForm } from './NameForm';
import { useAdminChange, useDncLists } from './queries';
import type { DncList } from './types';

/**
 * L4: do-not-call lists (admins and supervisors): check a number against them all, the lists
 * with their counts (create, delete — asks first; the server refuses while a live campaign
 * checks the list), and the chosen list's numbers. Campaigns pick their lists in their settings.
 */
export function DncTab() {
  const { t, locale } = useI18n();
  const lists = useDncLists();
  const [chosen, setChosen] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<DncList | null>(null);
  const create = useAdminChange((name: string) => api<DncList>('POST', '/api/dnc/lists', { name }));
  const remove = useAdminChange((id: number) => api<null>('DELETE', `/api/dnc/lists/${id}`));

  return (
    <div className="admin-dnc">
      <DncCheckForm />
      <PageState query={lists}>
        {(all) => {
          const current = all.find((l) => l.id === chosen) ?? all[0];
          return (
            <div className="admin-split">
              <div className="admin-tab">
                <NameForm label={t('console.admin.dnc.newName')} submitLabel={t('console.admin.dnc.create')} pending={create.isPending} onSubmit={(name, done) => create.mutate(name, { onSuccess: (l) => { setChosen(l.id); done(); } })} />
                <ServerError error={create.error} />
                {all.length === 0 ? (
                  <p className="muted">{t('console.admin.dnc.noLists')}</p>
                ) : (
                  <table className="admin-table" aria-label={t('console.admin.tab.dnc')}>
                    <thead>
                      <tr>
                        <th>{t('console.admin.dnc.list')}</th>
                        <th>{t('console.admin.dnc.source')}</th>
                        <th className="num">{t('console.admin.dnc.numbers')}</th>
                        <th className="actions">{t('console.admin.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {all.map((l) => (
                        <tr key={l.id} className={l.id === current?.id ? 'selected' : ''}>
                          <th scope="row">
                            <button type="button" className="link-button" aria-pressed={l.id === current?.id} onClick={() => setChosen(l.id)}>
                              {l.name}
                            </button>
                          </th>
                          <td>{t(l.source === 'internal' ? 'console.admin.dnc.internal' : 'console.admin.dnc.imported')}</td>
                          <td className="num">{count(l.numberCount, locale)}</td>
                          <td className="actions">
                            <RemoveButton label={t('console.admin.delete')} named={t('console.admin.deleteNamed', { name: l.name })} onClick={() => { remove.reset(); setDeleting(l); }} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
              {current && <DncListPanel key={current.id} list={current} />}
            </div>
          );
        }}
      </PageState>
      {deleting && (
        <ConfirmRemoval
          title={t('console.admin.dnc.deleteTitle', { name: deleting.name })}
          body={t('console.admin.dnc.deleteBody', { count: deleting.numberCount })}
          label={t('console.admin.delete')}
          change={remove}
          value={deleting.id}
          onClose={() => setDeleting(null)}
        />
      )}
    </div>
  );
}
