import { useCallback, useState } from 'react';
import type { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ImportProgress, ProgressBar } from './ImportProgress';
import { ImportResult } from './ImportResult';
import { MappingStep } from './MappingStep';
import { useRefreshLists } from './queries';
import type { ContactList, FilePreview, ImportStatus, Mapping } from './types';
import { previewFile, startImport } from './upload';
import './lists.css';

type Step =
  | { kind: 'choose' }
  | { kind: 'mapping'; file: File; preview: FilePreview; encoding: string; chosen?: Mapping }
  | { kind: 'importing'; file: File; importId: number | null }
  | { kind: 'done'; importId: number };

/**
 * "Upload contacts": choose a CSV file → check the columns on its first rows → import with
 * progress → the result. Used on a list's page and, for a list made on the spot, in the campaign
 * wizard's Lists step, which passes `onImported` (each committed import) and its own close label.
 */
export function UploadWizard(props: { list: ContactList; onClose(): void; onImported?(listId: number): void; closeLabel?: string }) {
  const { t } = useI18n();
  const refresh = useRefreshLists();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [sent, setSent] = useState(0);
  const { onImported } = props;
  const listId = props.list.id;
  const finished = useCallback(
    (importId: number, status: ImportStatus) => {
      refresh();
      setStep({ kind: 'done', importId });
      if (status === 'committed') onImported?.(listId);
    },
    [refresh, onImported, listId],
  );

  async function preview(file: File, encoding: string) {
    setBusy(true);
    setError(null);
    try {
      setStep({ kind: 'mapping', file, encoding, preview: await previewFile(props.list.id, file, encoding) });
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  /** Sends the file; a refusal before the import starts (a column the header lacks…) goes back to the mapping step. */
  async function upload(from: Extract<Step, { kind: 'mapping' }>, mapping: Mapping) {
    setError(null);
    setSent(0);
    setStep({ kind: 'importing', file: from.file, importId: null });
    try {
      const { importId } = await startImport(props.list.id, from.file, mapping, from.encoding, setSent);
      setStep({ kind: 'importing', file: from.file, importId });
    } catch (err) {
      setError(err as ApiError);
      setStep({ ...from, chosen: mapping });
    }
  }

  return (
    <section className="card upload-wizard" aria-labelledby="upload-title">
      <h2 id="upload-title">{t('console.lists.upload.title', { list: props.list.name })}</h2>
      <ol className="steps">
        <li className={step.kind === 'choose' ? 'current' : ''}>{t('console.lists.step.file')}</li>
        <li className={step.kind === 'mapping' ? 'current' : ''}>{t('console.lists.step.columns')}</li>
        <li className={step.kind === 'importing' || step.kind === 'done' ? 'current' : ''}>{t('console.lists.step.import')}</li>
      </ol>
      {props.list.recordCount > 0 && step.kind !== 'done' && <p className="small muted">{t('console.lists.upload.append')}</p>}
      {error && (
        <div className="banner error" role="alert">
          <span>{t('console.lists.upload.refused', { message: error.message })}</span>
        </div>
      )}
      {step.kind === 'choose' && (
        <div className="row choose-file">
          <label className="field">
            <span>{t('console.lists.upload.file')}</span>
            <input type="file" accept=".csv,.txt,.tsv,text/csv" disabled={busy} onChange={(e) => { const f = e.target.files?.[0]; if (f) void preview(f, ''); }} />
          </label>
          {busy && <p className="muted" role="status">{t('console.lists.upload.reading')}</p>}
        </div>
      )}
      {step.kind === 'mapping' && (
        <MappingStep
          key={`${step.encoding}:${step.preview.encoding}`}
          list={props.list}
          file={step.file}
          preview={step.preview}
          chosen={step.chosen}
          encoding={step.encoding}
          busy={busy}
          onEncoding={(encoding) => void preview(step.file, encoding)}
          onImport={(mapping) => void upload(step, mapping)}
          onCancel={() => { setError(null); setStep({ kind: 'choose' }); }}
        />
      )}
      {step.kind === 'importing' && (
        <ImportProgress listId={props.list.id} fileSize={step.file.size} sent={sent} importId={step.importId} onDone={finished} />
      )}
      {step.kind === 'done' && (
        <>
          <ProgressBar percent={100} text={t('console.lists.progress.done')} />
          <ImportResult listId={props.list.id} importId={step.importId} />
        </>
      )}
      <div className="row wizard-actions">
        {step.kind === 'done' && (
          <button type="button" onClick={() => setStep({ kind: 'choose' })}>
            {t('console.lists.upload.another')}
          </button>
        )}
        <button type="button" onClick={props.onClose} disabled={step.kind === 'importing'}>
          {props.closeLabel ?? t('console.close')}
        </button>
      </div>
    </section>
  );
}
