import { flexRender, type Header } from '@tanstack/react-table';

/**
 * A column header of a table the server sorts: a button with ▲ ▼ ↕ and `aria-sort` when the
 * column can be sorted (`sorted`: its current order, null when another column sorts), the plain
 * header otherwise.
 */
export function SortableHeader<T>(props: { header: Header<T, unknown>; sortable: boolean; sorted: 'asc' | 'desc' | null; onSort(): void; className?: string }) {
  const { header, sorted } = props;
  const label = flexRender(header.column.columnDef.header, header.getContext());
  return (
    <th aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined} className={props.className}>
      {props.sortable ? (
        <button type="button" className="cb-sort" onClick={props.onSort}>
          {label}
          <span aria-hidden="true" className="cb-sort-mark">
            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
          </span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}
