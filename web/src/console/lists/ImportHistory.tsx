import { useI18n } from '../../i18n/i18n';
import { ActionsHeader } from './ActionsHeader';
import { PageState } from '../ui/PageState';
import { count } from './format';
import { useImports } from './queries';
import { ImportStatusTag } from './StatusTag';

/** The list's imports, newest first: the file, who uploaded it, when, and what became of its rows. */
export function ImportHistory(props: { listId: number; onShow(importId: number): void }) {
  const { t, locale, dateTime } = useI18n();
  const imports = useImports(props.listId);
  return (
    <section className="import-history" aria-labelledby="imports-title">
      <h2 id="imports-title">{t('console.lists.imports')}</h2>
      <PageState query={imports}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="card muted">{t('console.lists.noImports')}</p>
          ) : (
            <table className="lists-table card">
              <thead>
                <tr>
                  <th>{t('console.lists.imp.file')}</th>
                  <th>{t('console.lists.imp.status')}</th>
                  <th className="num">{t('console.lists.count.rowsRead')}</th>
                  <th className="num">{t('console.lists.count.imported')}</th>
                  <th className="num">{t('console.lists.count.replaced')}</th>
                  <th className="num">{t('console.lists.count.rejected')}</th>
                  <th className="num">{t('console.lists.count.duplicates')}</th>
                  <th>{t('console.lists.imp.started')}</th>
                  <th>{t('console.lists.imp.finished')}</th>
                  <th>{t('console.lists.imp.by')}</th>
                  <ActionsHeader />
                </tr>
              </thead>
              <tbody>
                {page.items.map((i) => (
                  <tr key={i.id}>
                    <td className="file">{i.fileName ?? '—'}</td>
                    <td>
                      <ImportStatusTag status={i.status} />
                    </td>
                    <td className="num">{count(i.rowsRead, locale)}</td>
                    <td className="num">{count(i.imported, locale)}</td>
                    <td className="num">{count(i.replaced, locale)}</td>
                    <td className="num">{count(i.rejected, locale)}</td>
                    <td className="num">{count(i.duplicates, locale)}</td>
                    <td className="small">{dateTime(i.startedAt)}</td>
                    <td className="small">{i.finishedAt ? dateTime(i.finishedAt) : '—'}</td>
                    <td>{i.startedBy ?? '—'}</td>
                    <td className="actions">
                      <button type="button" onClick={() => props.onShow(i.id)} aria-label={t('console.lists.imp.detailsOf', { file: i.fileName ?? String(i.id) })}>
                        {i.errorCount > 0 || i.error ? t('console.lists.imp.errors', { count: i.errorCount }) : t('console.lists.imp.details')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </PageState>
    </section>
  );
}
