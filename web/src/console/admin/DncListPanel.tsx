import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ConfirmRemoval, RemoveButton } from './ConfirmRemoval';
import { PageState } from '../ui/PageState';
import { count } from '../lists/format';
import { DncAddNumber } from './DncAddNumber';
import { DncImportForm } from './DncImportForm';
import { DNC_PAGE, useAdminChange, useDncNumbers } from './queries';
import type { DncList, DncNumber } from './types';

/** One do-not-call list: add a number, import a file, and its numbers a page at a time, found by their leading digits. */
export function DncListPanel(props: { list: DncList }) {
  const { t, locale, dateTime } = useI18n();
  const { list } = props;
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [removing, setRemoving] = useState<DncNumber | null>(null);
  const numbers = useDncNumbers(list.id, search, offset);
  const remove = useAdminChange((n: string) => api<null>('DELETE', `/api/dnc/lists/${list.id}/numbers/${encodeURIComponent(n)}`));

  return (
    <section className="card admin-panel" aria-label={list.name}>
      <h2>
        {list.name} <span className="muted small">{t('console.admin.dnc.count', { count: list.numberCount })}</span>
      </h2>
      <DncAddNumber listId={list.id} />
      <DncImportForm listId={list.id} />
      <input
        type="search"
        className="dnc-search"
        aria-label={t('console.admin.dnc.search')}
        placeholder={t('console.admin.dnc.search')}
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          setOffset(0);
        }}
      />
      <PageState query={numbers}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{search ? t('console.admin.dnc.noMatch') : t('console.admin.dnc.empty')}</p>
          ) : (
            <>
              <table className="admin-table compact" aria-label={t('console.admin.dnc.numbersOf', { name: list.name })}>
                <thead>
                  <tr>
                    <th>{t('console.admin.dnc.number')}</th>
                    <th>{t('console.admin.dnc.added')}</th>
                    <th>{t('console.admin.dnc.reasonCol')}</th>
                    <th className="actions" />
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((n) => (
                    <tr key={n.number}>
                      <th scope="row">
                        <code>{n.number}</code>
                      </th>
                      <td className="small">
                        <span className="nowrap">{dateTime(n.addedAt, { dateStyle: 'short', timeStyle: 'short' })}</span> {n.addedByName && <span className="muted">· {n.addedByName}</span>}
                      </td>
                      <td className="small">{n.reason}</td>
                      <td className="actions">
                        <RemoveButton label={t('console.admin.remove')} named={t('console.admin.dnc.removeNamed', { number: n.number })} onClick={() => { remove.reset(); setRemoving(n); }} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="row admin-pager">
                <span className="muted small">
                  {t('console.admin.dnc.range', { from: count(page.offset + 1, locale), to: count(page.offset + page.items.length, locale), total: count(page.total, locale) })}
                </span>
                <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - DNC_PAGE))}>
                  {t('console.callbacks.previous')}
                </button>
                <button type="button" disabled={offset + DNC_PAGE >= page.total} onClick={() => setOffset(offset + DNC_PAGE)}>
                  {t('console.callbacks.next')}
                </button>
              </div>
            </>
          )
        }
      </PageState>
      {removing && (
        <ConfirmRemoval
          title={t('console.admin.dnc.removeTitle', { number: removing.number, name: list.name })}
          body={t('console.admin.dnc.removeBody')}
          label={t('console.admin.remove')}
          change={remove}
          value={removing.number}
          onClose={() => setRemoving(null)}
        />
      )}
    </section>
  );
}
