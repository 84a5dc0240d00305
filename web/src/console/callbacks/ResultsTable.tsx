import { SortableHeader } from '../ui/SortableHeader';
import { flexRender, getCoreRowModel, getFilteredRowModel, useReactTable, type RowSelectionState, type VisibilityState } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import type { Page } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ColumnChooser } from './ColumnChooser';
import { HIDDEN_BY_DEFAULT, rowText, SORT_OF, useColumns, type ColumnId } from './columns';
import { Pager } from './Pager';
import type { View } from './search-params';
import type { Callback } from './types';

const VISIBILITY_KEY = 'pacer.console.callbacks.columns';

function savedVisibility(): VisibilityState {
  try {
    const saved = JSON.parse(localStorage.getItem(VISIBILITY_KEY) ?? 'null') as VisibilityState | null;
    if (saved && typeof saved === 'object') return saved;
  } catch {
    // a broken entry: the defaults
  }
  return Object.fromEntries(HIDDEN_BY_DEFAULT.map((c) => [c, false]));
}

/**
 * C3: one page of the search with TanStack Table — sorted by the server (a header click),
 * paged by the server (limit, offset, total), the columns the supervisor chose (kept in this
 * browser), a filter within the page's rows, a check box per row for reassignment (C8), and a
 * click on a row for its detail.
 */
export function ResultsTable(props: {
  page: Page<Callback>;
  view: View;
  fetching: boolean;
  onView(view: View): void;
  selection: RowSelectionState;
  onSelection(selection: RowSelectionState): void;
  onOpen(callback: Callback): void;
}) {
  const { t } = useI18n();
  const [visibility, setVisibility] = useState<VisibilityState>(savedVisibility);
  const [filter, setFilter] = useState('');
  useEffect(() => localStorage.setItem(VISIBILITY_KEY, JSON.stringify(visibility)), [visibility]);
  const { page, view } = props;

  const table = useReactTable({
    data: page.items,
    columns: useColumns(),
    getRowId: (c) => String(c.id),
    state: { columnVisibility: visibility, globalFilter: filter, rowSelection: props.selection },
    onColumnVisibilityChange: setVisibility,
    onGlobalFilterChange: setFilter,
    onRowSelectionChange: (u) => props.onSelection(typeof u === 'function' ? u(props.selection) : u),
    globalFilterFn: (row, _column, value: string) => rowText(row.original).includes(value.trim().toLowerCase()),
    getColumnCanGlobalFilter: () => true,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    manualSorting: true,
    manualPagination: true,
  });
  const rows = table.getRowModel().rows;
  const allOnPage = page.items.length > 0 && page.items.every((c) => props.selection[c.id]);

  function sortBy(column: ColumnId) {
    const sort = SORT_OF[column];
    if (!sort) return;
    props.onView({ ...view, sort, order: view.sort === sort && view.order === 'asc' ? 'desc' : 'asc', offset: 0 });
  }

  function toggleAll(on: boolean) {
    const next = { ...props.selection };
    for (const c of page.items) {
      if (on) next[c.id] = true;
      else delete next[c.id];
    }
    props.onSelection(next);
  }

  return (
    <section className="card cb-results" aria-label={t('console.callbacks.results')} aria-busy={props.fetching}>
      <div className="cb-results-head">
        <h2>{t('console.callbacks.found', { count: page.total })}</h2>
        <input
          type="search"
          className="cb-filter"
          aria-label={t('console.callbacks.filter')}
          placeholder={t('console.callbacks.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        {filter.trim() && <span className="muted small">{t('console.callbacks.filtered', { shown: rows.length, count: page.items.length })}</span>}
        <div className="spacer" />
        <ColumnChooser table={table} />
      </div>
      <div className="cb-scroll">
        <table className="cb-table">
          <thead>
            <tr>
              <th className="cb-check">
                <input type="checkbox" aria-label={t('console.callbacks.selectPage')} checked={allOnPage} onChange={(e) => toggleAll(e.target.checked)} />
              </th>
              {table.getFlatHeaders().map((h) => {
                const id = h.column.id as ColumnId;
                const sort = SORT_OF[id];
                const sorted = sort && view.sort === sort ? view.order : null;
                return <SortableHeader key={h.id} header={h} sortable={!!sort} sorted={sorted} onSort={() => sortBy(id)} className={`cb-col-${id}`} />;
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={row.getIsSelected() ? 'selected' : ''} data-callback-id={row.original.id} onClick={() => props.onOpen(row.original)}>
                <td className="cb-check" onClick={(e) => e.stopPropagation()}>
                  <input
                    type="checkbox"
                    aria-label={t('console.callbacks.select', { id: row.original.id })}
                    checked={row.getIsSelected()}
                    onChange={row.getToggleSelectedHandler()}
                  />
                </td>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={`cb-col-${cell.column.id}`}>
                    {cell.column.id === 'id' ? (
                      <button type="button" className="link" aria-label={t('console.callbacks.open', { id: row.original.id })}>
                        {row.original.id}
                      </button>
                    ) : (
                      flexRender(cell.column.columnDef.cell, cell.getContext())
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted cb-empty">{page.total === 0 ? t('console.callbacks.none') : t('console.callbacks.noneFiltered')}</p>}
      </div>
      <Pager page={page} view={view} onView={props.onView} />
    </section>
  );
}
