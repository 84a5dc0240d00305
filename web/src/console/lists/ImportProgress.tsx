import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { count, fileSize } from './format';
import type { ImportStatus, ListImport } from './types';

/**
 * An import on its way: the bytes the browser has sent (XMLHttpRequest upload progress), then
 * the server's own progress (bytes and rows read), polled until the import commits or fails.
 */
export function ImportProgress(props: { listId: number; fileSize: number; sent: number; importId: number | null; onDone(importId: number, status: ImportStatus): void }) {
  const { t, locale } = useI18n();
  const { listId, importId, onDone } = props;
  const server = useQuery({
    queryKey: ['lists', 'progress', listId, importId],
    queryFn: () => api<ListImport>('GET', `/api/lists/${listId}/imports/${importId}`),
    enabled: importId !== null,
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : 300),
  });
  const finished = server.data && server.data.status !== 'running' ? server.data.status : null;
  useEffect(() => {
    if (finished && importId !== null) onDone(importId, finished);
  }, [finished, importId, onDone]);

  const read = Math.max(props.sent, server.data?.bytesRead ?? 0);
  const percent = Math.min(99, Math.floor((read / (props.fileSize || 1)) * 100));
  const text =
    importId === null && props.sent < props.fileSize
      ? t('console.lists.progress.upload', { sent: fileSize(props.sent, locale), total: fileSize(props.fileSize, locale) })
      : t('console.lists.progress.import', { rows: count(server.data?.rowsRead ?? 0, locale) });
  return <ProgressBar percent={percent} text={text} />;
}

export function ProgressBar(props: { percent: number; text: string }) {
  const { t } = useI18n();
  return (
    <div className="import-progress">
      <div className="progress" role="progressbar" aria-label={t('console.lists.progress')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={props.percent}>
        <div className="progress-fill" style={{ width: `${props.percent}%` }} />
      </div>
      <p className="small" aria-live="polite">
        {props.percent}% · {props.text}
      </p>
    </div>
  );
}
