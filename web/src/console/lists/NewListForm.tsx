import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { useCreateList } from './queries';
import type { ContactList } from './types';
import './lists.css';

const REGIONS = ['JP', 'PL', 'US', 'GB', 'DE', 'FR', 'CA', 'AU'];

/**
 * "New list": a name, the region numbers without a country code are read in, and the fallback
 * time zone. Opens the new list, or hands it to `onCreated` (the campaign wizard uploads into it).
 */
export function NewListForm(props: { onClose(): void; onCreated?(list: ContactList): void; cancelLabel?: string }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const create = useCreateList();
  const [name, setName] = useState('');
  const [region, setRegion] = useState('PL');
  const [zone, setZone] = useState('');
  const zones = useId();
  const regions = useId();

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ name: name.trim(), defaultRegion: region.trim(), defaultTimeZone: zone.trim() || null }, { onSuccess: (list) => (props.onCreated ? props.onCreated(list) : navigate(`/${list.id}`)) });
  }

  return (
    <form className="card new-list" onSubmit={submit} aria-labelledby="new-list-title">
      <h2 id="new-list-title">{t('console.lists.new')}</h2>
      <div className="row">
        <label className="field grow">
          <span>{t('console.lists.field.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoFocus />
        </label>
        <label className="field">
          <span>{t('console.lists.field.region')}</span>
          <input value={region} onChange={(e) => setRegion(e.target.value.toUpperCase())} list={regions} required maxLength={2} size={4} />
          <datalist id={regions}>
            {REGIONS.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </label>
        <label className="field grow">
          <span>{t('console.lists.field.timeZone')}</span>
          <input value={zone} onChange={(e) => setZone(e.target.value)} list={zones} placeholder={t('console.lists.field.timeZoneHint')} />
          <datalist id={zones}>
            {Intl.supportedValuesOf('timeZone').map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </label>
      </div>
      <p className="small muted">{t('console.lists.field.help')}</p>
      {create.error && (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
          {t('console.lists.create')}
        </button>
        <button type="button" onClick={props.onClose} disabled={create.isPending}>
          {props.cancelLabel ?? t('console.cancel')}
        </button>
      </div>
    </form>
  );
}
