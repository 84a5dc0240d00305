import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ServerError } from '../campaigns/ServerError';
import { sendFile } from '../lists/upload';
import { RegionInput } from './DncCheckForm';
import { useAdminChange } from './queries';
import type { DncImport } from './types';

/** L4: a CSV file of numbers into the list, all or nothing; the summary and the rows skipped, with why. */
export function DncImportForm(props: { listId: number }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [region, setRegion] = useState('');
  const [column, setColumn] = useState('');
  const upload = useAdminChange((f: File) => {
    const q = new URLSearchParams();
    if (region.trim()) q.set('region', region.trim());
    if (column.trim()) q.set('column', column.trim());
    return sendFile<DncImport>(`/api/dnc/lists/${props.listId}/import?${q}`, {}, f, f.name);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) upload.mutate(file);
  };
  const result = upload.data;
  return (
    <>
      <form className="row inline-form" onSubmit={submit} aria-label={t('console.admin.dnc.import')}>
        <input type="file" className="file" accept=".csv,.txt,text/csv" aria-label={t('console.admin.dnc.file')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <RegionInput value={region} onChange={setRegion} />
        <input className="column" aria-label={t('console.admin.dnc.column')} placeholder={t('console.admin.dnc.column')} title={t('console.admin.dnc.columnHint')} value={column} onChange={(e) => setColumn(e.target.value)} />
        <button type="submit" disabled={!file || upload.isPending}>
          {t('console.admin.dnc.import')}
        </button>
      </form>
      {result && !upload.isPending && (
        <div className="small ok" role="status">
          {t('console.admin.dnc.importDone', { rows: result.rowsRead, imported: result.imported, duplicates: result.duplicates, rejected: result.rejected })}
          {result.errors.length > 0 && (
            <ul className="import-errors">
              {result.errors.slice(0, 5).map((e) => (
                <li key={e.row}>{t('console.admin.dnc.rowError', { line: e.line, value: e.value, reason: e.reason })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ServerError error={upload.error} />
    </>
  );
}
