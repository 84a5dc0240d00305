import { SortableHeader } from '../ui/SortableHeader';
import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import type { Page } from '../../api/types';
import { useLocation, useSearch } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { Pager } from '../callbacks/Pager';
import { PageState } from '../ui/PageState';
import { resultName, SORT_OF, useAttemptColumns } from './attempt-columns';
import { attemptFilterParams, attemptPageParams, attemptSearchFromUrl, RESULTS, type AttemptSearch, type AttemptView } from './attempt-params';
import { ReportCard } from './ReportCard';
import { withParams, type Filters } from './filters';
import { useReport } from './queries';
import type { Attempt } from './types';

/**
 * R2: attempt history — every attempt that ended in the period, narrowed by agent, result,
 * wrap-up code, phone (any format) and name; sorted and paged by the server; CSV of every match.
 */
export function AttemptsReport(props: { filters: Filters }) {
  const { t, tMaybe } = useI18n();
  const search = useSearch();
  const [location, navigate] = useLocation();
  const { fields, view } = attemptSearchFromUrl(search);
  const results = useReport<Page<Attempt>>('attempts', attemptPageParams(props.filters, fields, view));
  const go = (changes: Record<string, string>) => {
    const q = withParams(search, changes);
    navigate(q ? `${location}?${q}` : location);
  };
  const setView = (v: Pick<AttemptView, 'limit' | 'offset'> & Partial<AttemptView>) => go({ ...(v.sort ? { sort: v.sort, order: v.order ?? 'desc' } : {}), limit: v.limit === 50 ? '' : String(v.limit), offset: v.offset ? String(v.offset) : '' });

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next = Object.fromEntries(['result', 'code', 'phone', 'name'].map((k) => [k, String(data.get(k) ?? '').trim()])) as unknown as AttemptSearch;
    go({ ...next, offset: '' });
  }

  return (
    <>
      <form key={search} className="card rp-search" aria-label={t('console.reports.attempts.search')} onSubmit={submit}>
        <label className="field">
          <span>{t('console.reports.col.result')}</span>
          <select name="result" defaultValue={fields.result}>
            <option value="">{t('console.reports.anyResult')}</option>
            {RESULTS.map((r) => (
              <option key={r} value={r}>
                {resultName(tMaybe, r)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('console.reports.col.code')}</span>
          <input name="code" defaultValue={fields.code} placeholder="sale, busy" spellCheck={false} />
        </label>
        <label className="field">
          <span>{t('console.reports.col.phone')}</span>
          <input name="phone" defaultValue={fields.phone} inputMode="tel" placeholder={t('console.example.phone')} />
        </label>
        <label className="field">
          <span>{t('console.reports.attempts.name')}</span>
          <input name="name" defaultValue={fields.name} />
        </label>
        <button type="submit" className="primary">
          {t('console.reports.search')}
        </button>
      </form>
      <PageState query={results}>
        {(page) => <AttemptTable page={page} view={view} fetching={results.isFetching} csv={attemptFilterParams(props.filters, fields)} onView={setView} />}
      </PageState>
    </>
  );
}

function AttemptTable(props: { page: Page<Attempt>; view: AttemptView; fetching: boolean; csv: URLSearchParams; onView(v: Pick<AttemptView, 'limit' | 'offset'> & Partial<AttemptView>): void }) {
  const { t } = useI18n();
  const { page, view } = props;
  const table = useReactTable({ data: page.items, columns: useAttemptColumns(), getRowId: (a) => a.id, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualPagination: true });

  function sortBy(id: string) {
    const sort = SORT_OF[id];
    if (sort) props.onView({ sort, order: view.sort === sort && view.order === 'desc' ? 'asc' : 'desc', limit: view.limit, offset: 0 });
  }

  return (
    <ReportCard id="rp-attempts" title={t('console.reports.attempts.found', { count: page.total })} csv={{ path: 'attempts', params: props.csv }} busy={props.fetching}>
      <div className="cb-scroll">
        <table className="cb-table rp-attempts" data-table="attempts">
          <thead>
            <tr>
              {table.getFlatHeaders().map((h) => {
                const sort = SORT_OF[h.column.id];
                const sorted = sort && view.sort === sort ? view.order : null;
                return <SortableHeader key={h.id} header={h} sortable={!!sort} sorted={sorted} onSort={() => sortBy(h.column.id)} />;
              })}
            </tr>
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-attempt-id={row.original.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={`rp-col-${cell.column.id}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {page.items.length === 0 && <p className="muted cb-empty">{t('console.reports.attempts.none')}</p>}
      </div>
      {/* The callbacks page's pager: only its page size and offset are read back. */}
      <Pager page={page} view={{ sort: 'windowStart', order: 'asc', limit: view.limit, offset: view.offset }} onView={(v) => props.onView({ limit: v.limit, offset: v.offset })} />
    </ReportCard>
  );
}
