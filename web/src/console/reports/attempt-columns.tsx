import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { codeLabel } from '../../desk/CodeSelect';
import { useI18n } from '../../i18n/i18n';
import type { Sort } from './attempt-params';
import { hms } from './format';
import type { Attempt } from './types';

/** The attempt table's columns, and the server's sort of each sortable one. */
export const SORT_OF: Record<string, Sort | undefined> = { endedAt: 'endedAt', campaign: 'campaign', name: 'name', agent: 'agent', result: 'result', code: 'code', talk: 'talkMs' };

/** An attempt's result in words: the desktop's call results, and the reports' own (no call, in progress). */
export function resultName(tMaybe: (key: string, fallback: string) => string, result: string): string {
  return tMaybe(`console.reports.result.${result}`, tMaybe(`result.${result}`, result));
}

export function useAttemptColumns(): Array<ColumnDef<Attempt>> {
  const { t, tMaybe, dateTime } = useI18n();
  return useMemo<Array<ColumnDef<Attempt>>>(
    () => [
      { id: 'endedAt', header: t('console.reports.col.endedAt'), cell: ({ row }) => (row.original.endedAt ? dateTime(row.original.endedAt, { dateStyle: 'short', timeStyle: 'medium' }) : t('console.reports.inProgress')) },
      { id: 'campaign', header: t('console.reports.col.campaign'), cell: ({ row }) => row.original.campaignName },
      {
        id: 'name',
        header: t('console.reports.col.customer'),
        cell: ({ row }) => (
          <span className="rp-stack">
            <span>{row.original.name ?? '—'}</span>
            {row.original.phoneticName && <small className="muted">{row.original.phoneticName}</small>}
          </span>
        ),
      },
      { id: 'phone', header: t('console.reports.col.phone'), cell: ({ row }) => <span className="cb-phone">{row.original.phone ?? '—'}</span> },
      { id: 'agent', header: t('console.reports.col.agent'), cell: ({ row }) => row.original.agentName ?? '—' },
      {
        id: 'result',
        header: t('console.reports.col.result'),
        cell: ({ row }) => <span className={`tag rp-result-${row.original.result}`}>{resultName(tMaybe, row.original.result)}</span>,
      },
      { id: 'code', header: t('console.reports.col.code'), cell: ({ row }) => (row.original.code ? codeLabel({ code: row.original.code, label: row.original.codeLabel ?? row.original.code }, tMaybe) : '—') },
      { id: 'talk', header: t('console.reports.col.talk'), cell: ({ row }) => <span className="num">{hms(row.original.talkMs)}</span> },
      { id: 'wrap', header: t('console.reports.col.wrap'), cell: ({ row }) => <span className="num">{hms(row.original.wrapMs)}</span> },
      { id: 'notes', header: t('console.reports.col.notes'), cell: ({ row }) => <span className="cb-notes">{row.original.notes ?? ''}</span> },
    ],
    [t, tMaybe, dateTime],
  );
}
