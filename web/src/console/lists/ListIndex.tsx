import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { ActionsHeader } from './ActionsHeader';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { PageState } from '../ui/PageState';
import { count } from './format';
import { NewListForm } from './NewListForm';
import { useDeleteList, useLists } from './queries';
import { CampaignTag, ImportStatusTag } from './StatusTag';
import type { ContactList } from './types';

/** /console/lists: every list with its defaults, record count, last import and the campaigns using it. */
export function ListIndex() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ContactList | null>(null);
  const lists = useLists(search);
  const remove = useDeleteList();

  return (
    <section className="lists-page" aria-labelledby="lists-title">
      <div className="lists-head">
        <h1 id="lists-title">{t('console.lists.title')}</h1>
        <input type="search" aria-label={t('console.lists.search')} placeholder={t('console.lists.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
        <div className="spacer" />
        <button type="button" className="primary" onClick={() => setCreating(true)} disabled={creating}>
          {t('console.lists.new')}
        </button>
      </div>
      {creating && <NewListForm onClose={() => setCreating(false)} />}
      <PageState query={lists}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="card muted">{search ? t('console.lists.noMatch') : t('console.lists.none')}</p>
          ) : (
            <ListTable lists={page.items} onDelete={(l) => { remove.reset(); setDeleting(l); }} />
          )
        }
      </PageState>
      {deleting && (
        <ConfirmDialog
          title={t('console.lists.delete.title', { name: deleting.name })}
          confirmLabel={t('console.lists.delete')}
          danger
          busy={remove.isPending}
          error={remove.error?.message ?? null}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        >
          <p>{t('console.lists.delete.body', { records: deleting.recordCount })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function ListTable(props: { lists: ContactList[]; onDelete(list: ContactList): void }) {
  const { t, locale, dateTime } = useI18n();
  return (
    <table className="lists-table card">
      <thead>
        <tr>
          <th>{t('console.lists.col.name')}</th>
          <th>{t('console.lists.col.region')}</th>
          <th>{t('console.lists.col.timeZone')}</th>
          <th className="num">{t('console.lists.col.records')}</th>
          <th>{t('console.lists.col.lastImport')}</th>
          <th>{t('console.lists.col.campaigns')}</th>
          <ActionsHeader />
        </tr>
      </thead>
      <tbody>
        {props.lists.map((l) => (
          <tr key={l.id}>
            <td>
              <Link href={`/${l.id}`} className="list-name">
                {l.name}
              </Link>
            </td>
            <td>{l.defaultRegion}</td>
            <td>{l.defaultTimeZone ?? <span className="muted">{t('console.lists.zoneFromNumber')}</span>}</td>
            <td className="num">{count(l.recordCount, locale)}</td>
            <td>
              {l.lastImport ? (
                <>
                  <ImportStatusTag status={l.lastImport.status} /> <span className="small">{dateTime(l.lastImport.finishedAt ?? l.lastImport.startedAt)}</span>
                </>
              ) : (
                <span className="muted">{t('console.lists.neverImported')}</span>
              )}
            </td>
            <td>{l.campaigns.length === 0 ? <span className="muted">—</span> : l.campaigns.map((c) => <CampaignTag key={c.id} name={c.name} status={c.status} />)}</td>
            <td className="actions">
              <button type="button" onClick={() => props.onDelete(l)} aria-label={t('console.lists.deleteNamed', { name: l.name })}>
                {t('console.lists.delete')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
