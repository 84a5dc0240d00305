import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ServerError } from '../campaigns/ServerError';
import { ConfirmRemoval, RemoveButton } from './ConfirmRemoval';
import { PageState } from '../ui/PageState';
import { NameForm } from './NameForm';
import { QueueMembers } from './QueueMembers';
import { useAdminChange, useQueues } from './queries';
import type { Queue } from './types';

/**
 * Queues (skills) with their member counts: create, rename, delete (asks first; the server
 * refuses while a campaign dials for the queue), and the chosen queue's members beside them.
 */
export function QueuesTab(props: { canChange: boolean }) {
  const { t } = useI18n();
  const queues = useQueues();
  const [selected, setSelected] = useState<number | null>(null);
  const [renaming, setRenaming] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Queue | null>(null);
  const create = useAdminChange((name: string) => api<Queue>('POST', '/api/queues', { name }));
  const rename = useAdminChange((v: { id: number; name: string }) => api<Queue>('PATCH', `/api/queues/${v.id}`, { name: v.name }));
  const remove = useAdminChange((id: number) => api<null>('DELETE', `/api/queues/${id}`));

  return (
    <PageState query={queues}>
      {(list) => {
        const current = list.find((q) => q.id === selected) ?? list[0];
        return (
          <div className="admin-split">
            <div className="admin-tab">
              {props.canChange && (
                <NameForm label={t('console.admin.queues.newName')} submitLabel={t('console.admin.queues.create')} pending={create.isPending} onSubmit={(name, done) => create.mutate(name, { onSuccess: (q) => { setSelected(q.id); done(); } })} />
              )}
              <ServerError error={create.error ?? rename.error} />
              <table className="admin-table" aria-label={t('console.admin.tab.queues')}>
                <thead>
                  <tr>
                    <th>{t('console.admin.queues.name')}</th>
                    <th className="num">{t('console.admin.queues.members')}</th>
                    {props.canChange && <th className="actions">{t('console.admin.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {list.map((q) => (
                    <tr key={q.id} className={q.id === current?.id ? 'selected' : ''}>
                      <th scope="row">
                        {renaming === q.id ? (
                          <NameForm label={t('console.admin.queues.name')} submitLabel={t('console.campaigns.save')} initial={q.name} pending={rename.isPending} onCancel={() => setRenaming(null)} onSubmit={(name) => rename.mutate({ id: q.id, name }, { onSuccess: () => setRenaming(null) })} />
                        ) : (
                          <button type="button" className="link-button" aria-pressed={q.id === current?.id} onClick={() => setSelected(q.id)}>
                            {q.name}
                          </button>
                        )}
                      </th>
                      <td className="num">{q.memberCount}</td>
                      {props.canChange && (
                        <td className="actions">
                          <button type="button" onClick={() => { rename.reset(); setRenaming(q.id); }} aria-label={t('console.admin.queues.renameNamed', { name: q.name })}>
                            {t('console.admin.rename')}
                          </button>
                          <RemoveButton label={t('console.admin.delete')} named={t('console.admin.deleteNamed', { name: q.name })} onClick={() => { remove.reset(); setDeleting(q); }} />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {current ? <QueueMembers key={current.id} queue={current} canChange={props.canChange} /> : <p className="card muted">{t('console.admin.queues.none')}</p>}
            {deleting && (
              <ConfirmRemoval
                title={t('console.admin.queues.deleteTitle', { name: deleting.name })}
                body={t('console.admin.queues.deleteBody', { count: deleting.memberCount })}
                label={t('console.admin.delete')}
                change={remove}
                value={deleting.id}
                onClose={() => setDeleting(null)}
              />
            )}
          </div>
        );
      }}
    </PageState>
  );
}
