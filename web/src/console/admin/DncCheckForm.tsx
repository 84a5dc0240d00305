import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ServerError } from '../campaigns/ServerError';
import type { DncCheck } from './types';

/** L4: is a number blocked, and by which lists? Answered from the same set the dialer asks. */
export function DncCheckForm() {
  const { t } = useI18n();
  const [number, setNumber] = useState('');
  const [region, setRegion] = useState('');
  const check = useMutation({
    mutationFn: () => {
      const q = new URLSearchParams({ number: number.trim() });
      if (region.trim()) q.set('region', region.trim());
      return api<DncCheck>('GET', `/api/dnc/check?${q}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    check.mutate();
  };
  const verdict = check.data;
  return (
    <section className="card admin-check" aria-label={t('console.admin.dnc.check')}>
      <form className="row inline-form" onSubmit={submit}>
        <strong>{t('console.admin.dnc.check')}</strong>
        <input aria-label={t('console.admin.dnc.number')} placeholder={t('console.example.e164')} value={number} onChange={(e) => setNumber(e.target.value)} required />
        <RegionInput value={region} onChange={setRegion} />
        <button type="submit" disabled={check.isPending}>
          {t('console.admin.dnc.checkButton')}
        </button>
        {verdict && !check.isPending && (
          <output className={`verdict ${verdict.blocked ? 'blocked' : 'clear'}`} role="status">
            {verdict.blocked
              ? t('console.admin.dnc.blocked', { number: verdict.number, lists: verdict.lists.map((l) => l.name).join(', ') })
              : t('console.admin.dnc.clear', { number: verdict.number })}
          </output>
        )}
      </form>
      <ServerError error={check.error} />
    </section>
  );
}

/** A two-letter country for numbers written without +country code (the server checks it). */
export function RegionInput(props: { value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  return (
    <input
      className="region"
      aria-label={t('console.admin.dnc.region')}
      title={t('console.admin.dnc.regionHint')}
      placeholder={t('console.admin.dnc.region')}
      value={props.value}
      maxLength={2}
      onChange={(e) => props.onChange(e.target.value.toUpperCase())}
    />
  );
}
