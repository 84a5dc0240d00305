import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { PageState } from '../ui/PageState';
import { count } from './format';
import { ErrorRows } from './ErrorRows';
import { useImport } from './queries';
import { ImportStatusTag } from './StatusTag';
import type { ListImport } from './types';

/** What became of one import: its counts, why it failed if it did, and the rows in error (listed and downloadable). */
export function ImportResult(props: { listId: number; importId: number }) {
  const view = useImport(props.listId, props.importId);
  return <PageState query={view}>{(i) => <Result listId={props.listId} view={i} />}</PageState>;
}

function Result({ listId, view }: { listId: number; view: ListImport }) {
  const { t, locale } = useI18n();
  const [offset, setOffset] = useState(0);
  const counts = [
    ['rowsRead', t('console.lists.count.rowsRead'), view.rowsRead],
    ['imported', t('console.lists.count.imported'), view.imported],
    ['replaced', t('console.lists.count.replaced'), view.replaced],
    ['rejected', t('console.lists.count.rejected'), view.rejected],
    ['duplicates', t('console.lists.count.duplicates'), view.duplicates],
    ['errors', t('console.lists.count.errors'), view.errorCount],
  ] as const;
  return (
    <section className="import-result" aria-label={t('console.lists.result')}>
      <h2>
        {t('console.lists.result')} <ImportStatusTag status={view.status} /> <span className="muted small">{view.fileName}</span>
      </h2>
      {view.error && (
        <div className="banner error" role="alert">
          <span>{t('console.lists.importFailed', { message: view.error.message })}</span>
        </div>
      )}
      <dl className="import-counts">
        {counts.map(([key, label, n]) => (
          <div key={key} className={`count-${key}`}>
            <dt>{label}</dt>
            <dd>{count(n, locale)}</dd>
          </div>
        ))}
      </dl>
      {view.status === 'committed' && view.replaced > 0 && <p className="small muted">{t('console.lists.replacedHelp')}</p>}
      {view.errorCount > 0 && (
        <>
          <div className="row error-head">
            <h3>{t('console.lists.errorRows', { count: view.errorCount })}</h3>
            <a className="download" href={`/api/lists/${listId}/imports/${view.id}/errors.csv`} download>
              {t('console.lists.downloadErrors')}
            </a>
          </div>
          <ErrorRows listId={listId} importId={view.id} offset={offset} onPage={setOffset} />
        </>
      )}
    </section>
  );
}
