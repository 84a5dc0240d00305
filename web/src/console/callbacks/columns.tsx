import type { ColumnDef } from '@tanstack/react-table';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n';
import { AlertBadge } from './AlertBadge';
import type { SortKey } from './search-params';
import type { Callback } from './types';

/** C3's columns in BIZTEL's order; the last two (updated at, updated by) hidden until chosen. */
export const COLUMN_IDS = ['id', 'windowStart', 'windowEnd', 'alert', 'campaign', 'batch', 'list', 'dialGroup', 'name', 'phoneticName', 'phone', 'assignee', 'notes', 'createdAt', 'updatedAt', 'updatedBy'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];
export const HIDDEN_BY_DEFAULT: ColumnId[] = ['updatedAt', 'updatedBy'];

/** The server's sort for each sortable column (GET /api/callbacks sort=…). */
export const SORT_OF: Partial<Record<ColumnId, SortKey>> = { id: 'id', windowStart: 'windowStart', windowEnd: 'windowEnd', campaign: 'campaign', name: 'name', assignee: 'assignee', createdAt: 'createdAt', updatedAt: 'updatedAt' };

export const HEADERS: Record<ColumnId, MessageKey> = {
  id: 'console.callbacks.col.id',
  windowStart: 'console.callbacks.col.windowStart',
  windowEnd: 'console.callbacks.col.windowEnd',
  alert: 'console.callbacks.alert',
  campaign: 'console.callbacks.campaign',
  batch: 'console.callbacks.batch',
  list: 'console.callbacks.list',
  dialGroup: 'console.callbacks.dialGroup',
  name: 'console.callbacks.name',
  phoneticName: 'console.callbacks.phoneticName',
  phone: 'console.callbacks.phone',
  assignee: 'console.callbacks.assignee',
  notes: 'console.callbacks.notes',
  createdAt: 'console.callbacks.col.createdAt',
  updatedAt: 'console.callbacks.col.updatedAt',
  updatedBy: 'console.callbacks.col.updatedBy',
};

/** A time in the supervisor's zone and, when the callback was agreed in another, in that one too. */
export function When(props: { iso: string; zone?: string }) {
  const { dateTime, timeZone } = useI18n();
  const short: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short' };
  const day: Intl.DateTimeFormatOptions = { dateStyle: 'short' };
  // The other zone's date only when its day differs from the supervisor's.
  const other = props.zone && props.zone !== timeZone ? props.zone : null;
  const sameDay = other !== null && dateTime(props.iso, day) === dateTime(props.iso, day, other);
  return (
    <span className="cb-when">
      {dateTime(props.iso, short)}
      {other && (
        <small className="muted">
          {dateTime(props.iso, sameDay ? { timeStyle: 'short' } : short, other)} {other}
        </small>
      )}
    </span>
  );
}

/** The status when it says more than the alert: in an agent's hands, done, cancelled. */
export function StatusTag(props: { status: string }) {
  const { tMaybe } = useI18n();
  if (props.status === 'pending') return null;
  return <span className={`tag cb-status-${props.status}`}>{tMaybe(`callbacks.status.${props.status}`, props.status)}</span>;
}

export function useColumns(): Array<ColumnDef<Callback>> {
  const { t } = useI18n();
  const text = (id: ColumnId, get: (c: Callback) => string | null) => ({ id, accessorFn: (c: Callback) => get(c) ?? '', header: t(HEADERS[id]) });
  return [
    { id: 'id', accessorKey: 'id', header: t(HEADERS.id), cell: (c) => <span className="num">{c.row.original.id}</span> },
    { id: 'windowStart', accessorKey: 'windowStart', header: t(HEADERS.windowStart), cell: (c) => <When iso={c.row.original.windowStart} zone={c.row.original.timeZone} /> },
    { id: 'windowEnd', accessorKey: 'windowEnd', header: t(HEADERS.windowEnd), cell: (c) => <When iso={c.row.original.windowEnd} zone={c.row.original.timeZone} /> },
    {
      id: 'alert',
      accessorFn: (c) => c.alert ?? '',
      header: t(HEADERS.alert),
      cell: (c) => (
        <>
          {c.row.original.alert && <AlertBadge alert={c.row.original.alert} />}
          <StatusTag status={c.row.original.status} />
        </>
      ),
    },
    text('campaign', (c) => c.campaignName),
    text('batch', (c) => c.batch),
    text('list', (c) => c.listName),
    text('dialGroup', (c) => c.dialGroup),
    text('name', (c) => c.name),
    text('phoneticName', (c) => c.phoneticName),
    { ...text('phone', (c) => c.phone), cell: (c) => <span className="cb-phone">{c.row.original.phone}</span> },
    { ...text('assignee', (c) => c.assigneeName), cell: (c) => c.row.original.assigneeName ?? <span className="muted">{t('console.callbacks.anyone')}</span> },
    { ...text('notes', (c) => c.notes), cell: (c) => <span className="cb-notes" title={c.row.original.notes}>{c.row.original.notes}</span> },
    { id: 'createdAt', accessorKey: 'createdAt', header: t(HEADERS.createdAt), cell: (c) => <When iso={c.row.original.createdAt} /> },
    { id: 'updatedAt', accessorKey: 'updatedAt', header: t(HEADERS.updatedAt), cell: (c) => <When iso={c.row.original.updatedAt} /> },
    text('updatedBy', (c) => c.updatedByName),
  ];
}

/** What the filter within the results looks in: every text of the row. */
export function rowText(c: Callback): string {
  return [c.id, c.campaignName, c.batch, c.listName, c.dialGroup, c.name, c.phoneticName, c.phone, c.assigneeName, c.notes, c.updatedByName].filter((v) => v !== null).join(' ').toLowerCase();
}
