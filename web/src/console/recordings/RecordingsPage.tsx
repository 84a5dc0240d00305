import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { FieldProblems, problemsAt } from '../ui/FieldProblems';
import { PageState } from '../ui/PageState';
import { useDeleteRecording, useRecordings, useUploadRecording } from './queries';
import { length, nameFor, type Recording } from './types';
import './recordings.css';

/**
 * /console/recordings (D5, D6): the audio messages the dialer plays — the abandon message when
 * no agent is free, the message left on an answering machine. Each with its length, when it was
 * uploaded, the campaigns that play it and a player; an upload form; Delete asks first and is
 * refused (disabled, with why) while a campaign uses the recording. The server checks the audio.
 */
export function RecordingsPage() {
  const { t } = useI18n();
  const recordings = useRecordings();
  const remove = useDeleteRecording();
  const [deleting, setDeleting] = useState<Recording | null>(null);
  return (
    <section className="recordings-page" aria-labelledby="recordings-title">
      <h1 id="recordings-title">{t('console.recordings.title')}</h1>
      <p className="muted">{t('console.recordings.intro')}</p>
      <UploadForm />
      <PageState query={recordings}>
        {(list) =>
          list.length === 0 ? (
            <p className="card muted">{t('console.recordings.none')}</p>
          ) : (
            <RecordingTable recordings={list} onDelete={(r) => { remove.reset(); setDeleting(r); }} />
          )
        }
      </PageState>
      {deleting && (
        <ConfirmDialog
          title={t('console.recordings.deleteTitle', { name: deleting.name })}
          confirmLabel={t('console.recordings.delete')}
          danger
          busy={remove.isPending}
          error={remove.error?.message ?? null}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        >
          <p>{t('console.recordings.deleteBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function RecordingTable(props: { recordings: Recording[]; onDelete(recording: Recording): void }) {
  const { t, dateTime } = useI18n();
  return (
    <table className="recordings-table card" aria-label={t('console.recordings.title')}>
      <thead>
        <tr>
          <th>{t('console.recordings.col.name')}</th>
          <th className="num">{t('console.recordings.col.length')}</th>
          <th>{t('console.recordings.col.uploaded')}</th>
          <th>{t('console.recordings.col.usedBy')}</th>
          <th>{t('console.recordings.col.listen')}</th>
          <th>
            <span className="visually-hidden">{t('console.recordings.col.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.recordings.map((r) => {
          const inUse = r.usedBy.length > 0;
          const why = `recording-${r.id}-in-use`;
          return (
            <tr key={r.id} data-recording={r.name}>
              <th scope="row" className="recording-name">
                {r.name}
              </th>
              <td className="num">{length(r.durationMs)}</td>
              <td className="small nowrap">{dateTime(r.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</td>
              <td className="used-by">
                {inUse ? (
                  r.usedBy.map((c) => (
                    <Link key={c.id} href={`~/console/campaigns/${c.id}`} className="campaign-link">
                      {c.name}
                    </Link>
                  ))
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <audio controls preload="none" src={`/api/recordings/${r.id}/audio`} aria-label={t('console.recordings.play', { name: r.name })} />
              </td>
              <td className="actions">
                <button type="button" className="danger-outline" disabled={inUse} onClick={() => props.onDelete(r)} aria-label={t('console.recordings.deleteNamed', { name: r.name })} {...(inUse ? { 'aria-describedby': why } : {})}>
                  {t('console.recordings.delete')}
                </button>
                {inUse && (
                  <small id={why} className="muted in-use">
                    {t('console.recordings.inUse')}
                  </small>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The file, its name (prefilled from the file's, extension → .wav) and Upload; what the server refuses is shown under the field it concerns. */
function UploadForm() {
  const { t } = useI18n();
  const upload = useUploadRecording();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const error = upload.error;
  const fileProblems = problemsAt(error, 'file');
  const nameProblems = problemsAt(error, 'name');
  const details = error instanceof ApiError ? (error.details as { field?: string } | null) : null;
  // 409: the name is taken — said under the name.
  if (error instanceof ApiError && error.code === 'conflict' && details?.field === 'name') nameProblems.push({ path: 'name', problem: error.message });
  const elsewhere = error && fileProblems.length === 0 && nameProblems.length === 0;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setDone(null);
    upload.mutate(
      { file, name },
      {
        onSuccess: (r) => {
          setDone(r.name);
          setFile(null);
          setName('');
          if (input.current) input.current.value = '';
        },
      },
    );
  }

  return (
    <form className="card recording-upload" onSubmit={submit} aria-labelledby={titleId}>
      <h2 id={titleId}>{t('console.recordings.upload')}</h2>
      <div className="row">
        <label className="field grow" data-field="file">
          <span>{t('console.recordings.file')}</span>
          <input
            ref={input}
            type="file"
            accept="audio/*,.wav"
            required
            aria-invalid={fileProblems.length > 0 || undefined}
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              setName(chosen ? nameFor(chosen.name) : '');
              setDone(null);
              upload.reset();
            }}
          />
          {fileProblems.length > 0 ? <FieldProblems problems={fileProblems} /> : <small className="muted">{t('console.recordings.fileHint')}</small>}
        </label>
        <label className="field grow" data-field="name">
          <span>{t('console.recordings.name')}</span>
          <input value={name} maxLength={100} spellCheck={false} aria-invalid={nameProblems.length > 0 || undefined} onChange={(e) => setName(e.target.value)} />
          {nameProblems.length > 0 ? <FieldProblems problems={nameProblems} /> : <small className="muted">{t('console.recordings.nameHint')}</small>}
        </label>
      </div>
      {elsewhere && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      {done && (
        <p className="success small" role="status">
          {t('console.recordings.uploaded', { name: done })}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={!file || upload.isPending}>
          {upload.isPending ? t('console.recordings.uploading') : t('console.recordings.submit')}
        </button>
      </div>
    </form>
  );
}
