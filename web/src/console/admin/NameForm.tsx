import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n';

/** One name and a button (a new queue or do-not-call list, a rename); cleared once the server took it. */
export function NameForm(props: { label: string; submitLabel: string; pending: boolean; initial?: string; onCancel?(): void; onSubmit(name: string, done: () => void): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(props.initial ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) props.onSubmit(name.trim(), () => setName(''));
  };
  return (
    <form className="row inline-form" onSubmit={submit}>
      <input aria-label={props.label} placeholder={props.label} value={name} onChange={(e) => setName(e.target.value)} required autoFocus={props.initial !== undefined} />
      <button type="submit" className="primary" disabled={props.pending}>
        {props.submitLabel}
      </button>
      {props.onCancel && (
        <button type="button" onClick={props.onCancel}>
          {t('console.cancel')}
        </button>
      )}
    </form>
  );
}
