import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ServerError } from '../campaigns/ServerError';
import { RegionInput } from './DncCheckForm';
import { useAdminChange } from './queries';

/** L4: one number onto a list (E.164, or national with a region); says whether it was already there. */
export function DncAddNumber(props: { listId: number }) {
  const { t } = useI18n();
  const [number, setNumber] = useState('');
  const [region, setRegion] = useState('');
  const [reason, setReason] = useState('');
  const add = useAdminChange(() =>
    api<{ number: string; added: boolean }>('POST', `/api/dnc/lists/${props.listId}/numbers`, {
      number: number.trim(),
      ...(region.trim() ? { region: region.trim() } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(undefined, { onSuccess: () => { setNumber(''); setReason(''); } });
  };
  return (
    <>
      <form className="row inline-form" onSubmit={submit} aria-label={t('console.admin.dnc.add')}>
        <input aria-label={t('console.admin.dnc.newNumber')} placeholder={t('console.admin.dnc.newNumber')} value={number} onChange={(e) => setNumber(e.target.value)} required />
        <RegionInput value={region} onChange={setRegion} />
        <input className="grow" aria-label={t('console.admin.dnc.reason')} placeholder={t('console.admin.dnc.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('console.admin.dnc.add')}
        </button>
      </form>
      {add.data && !add.isPending && (
        <p className="small ok" role="status">
          {t(add.data.added ? 'console.admin.dnc.added1' : 'console.admin.dnc.already', { number: add.data.number })}
        </p>
      )}
      <ServerError error={add.error} />
    </>
  );
}
