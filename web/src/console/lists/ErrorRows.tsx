import { useI18n, type Translate } from '../../i18n/i18n';
import { PageState } from '../ui/PageState';
import { ERROR_PAGE, useImportErrors } from './queries';

/** How to fix a row error, in the user's language, by the kind of the server's reason (which stays as written). */
function fixFor(reason: string, t: Translate): string {
  if (reason.startsWith('Not a valid phone number')) return t('console.lists.fix.phone');
  if (reason.startsWith('The row has no phone number')) return t('console.lists.fix.noPhone');
  if (/^The row has \d+ cells/.test(reason)) return t('console.lists.fix.cells');
  if (reason.startsWith('Duplicate of row')) return t('console.lists.fix.duplicate');
  if (reason.startsWith('Not a country code')) return t('console.lists.fix.region');
  if (reason.startsWith('Not an IANA time zone')) return t('console.lists.fix.timeZone');
  if (reason.startsWith('The cell has')) return t('console.lists.fix.cellLength');
  return '—';
}

/** The per-row errors of an import, a page at a time: row (as numbered in a spreadsheet), column, value, what is wrong, how to fix. */
export function ErrorRows(props: { listId: number; importId: number; offset: number; onPage(offset: number): void }) {
  const { t } = useI18n();
  const errors = useImportErrors(props.listId, props.importId, props.offset);
  return (
    <PageState query={errors}>
      {(page) => (
        <>
          <div className="error-rows">
            <table className="lists-table" aria-label={t('console.lists.errorTable')}>
              <thead>
                <tr>
                  <th className="num">{t('console.lists.err.row')}</th>
                  <th>{t('console.lists.err.column')}</th>
                  <th>{t('console.lists.err.value')}</th>
                  <th>{t('console.lists.err.problem')}</th>
                  <th>{t('console.lists.err.fix')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((e, i) => (
                  <tr key={`${e.row}-${e.column}-${i}`}>
                    <td className="num">{e.row}</td>
                    <td>{e.column ?? t('console.lists.err.wholeRow')}</td>
                    <td className="value">{e.value || '—'}</td>
                    <td>{e.reason}</td>
                    <td>{fixFor(e.reason, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page.total > ERROR_PAGE && (
            <div className="row pager">
              <button type="button" disabled={props.offset === 0} onClick={() => props.onPage(Math.max(0, props.offset - ERROR_PAGE))}>
                {t('console.lists.prev')}
              </button>
              <span className="small muted">{t('console.lists.pageOf', { from: props.offset + 1, to: Math.min(page.total, props.offset + ERROR_PAGE), total: page.total })}</span>
              <button type="button" disabled={props.offset + ERROR_PAGE >= page.total} onClick={() => props.onPage(props.offset + ERROR_PAGE)}>
                {t('console.lists.next')}
              </button>
            </div>
          )}
        </>
      )}
    </PageState>
  );
}
