import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useAgentChoices, useCampaignChoices, useListChoices } from './queries';
import { OPEN, QUARTERS, type SearchForm as Form } from './search-params';
import { ALERTS, STATUSES } from './types';
import { AlertBadge } from './AlertBadge';
import { ZoneInput } from './ZoneInput';

/**
 * C2: every search field of BIZTEL's 再発信管理 — period (from, to; 24:00 allowed) in a time
 * zone, alerts, status, campaign, batch, list, dial group, name, phonetic name, phone, assignee,
 * notes — with Search and Reset. The choices are what the server lets this user see.
 */
export function SearchForm(props: { initial: Form; onSearch(form: Form): void; onReset(): void }) {
  const { t, tMaybe } = useI18n();
  const id = useId();
  const [form, setForm] = useState(props.initial);
  const campaigns = useCampaignChoices().data ?? [];
  const lists = useListChoices().data ?? [];
  const agents = useAgentChoices().data ?? [];
  const dialGroups = [...new Set(campaigns.map((c) => c.queueName))].sort();
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const text = (key: 'batch' | 'name' | 'phoneticName' | 'phone' | 'notes', label: string, type = 'text') => (
    <Field label={label}>
      <input type={type} value={form[key]} onChange={(e) => set({ [key]: e.target.value })} />
    </Field>
  );

  /** A choice of the server's values, or Any (the field left out of the search). */
  const choice = (key: 'status' | 'campaignId' | 'listId' | 'dialGroup' | 'assigneeId', label: string, options: ReadonlyArray<readonly [string, string]>) => (
    <Field label={label}>
      <select value={form[key]} onChange={(e) => set({ [key]: e.target.value })}>
        <option value="">{t('console.callbacks.any')}</option>
        {options.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </Field>
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    props.onSearch(form);
  }

  return (
    <form className="card cb-search" onSubmit={submit} aria-label={t('console.callbacks.search')}>
      <fieldset className="cb-period">
        <legend>{t('console.callbacks.period')}</legend>
        <input type="date" aria-label={t('console.callbacks.fromDate')} value={form.fromDate} onChange={(e) => set({ fromDate: e.target.value })} />
        <TimeSelect label={t('console.callbacks.fromTime')} value={form.fromTime} times={QUARTERS} onChange={(fromTime) => set({ fromTime })} />
        <span aria-hidden="true">–</span>
        <input type="date" aria-label={t('console.callbacks.toDate')} value={form.toDate} onChange={(e) => set({ toDate: e.target.value })} />
        <TimeSelect label={t('console.callbacks.toTime')} value={form.toTime} times={[...QUARTERS.slice(1), '24:00']} onChange={(toTime) => set({ toTime })} />
        <ZoneInput label={t('console.callbacks.zone')} value={form.timeZone} onChange={(timeZone) => set({ timeZone })} />
      </fieldset>
      <fieldset className="cb-alerts">
        <legend>{t('console.callbacks.alert')}</legend>
        {ALERTS.map((a) => (
          <label key={a}>
            <input
              type="checkbox"
              checked={form.alerts.includes(a)}
              onChange={(e) => set({ alerts: e.target.checked ? [...form.alerts, a] : form.alerts.filter((x) => x !== a) })}
            />
            <AlertBadge alert={a} long />
          </label>
        ))}
      </fieldset>
      <div className="cb-fields">
        {choice('status', t('console.callbacks.status'), [[OPEN, t('console.callbacks.status.open')], ...STATUSES.map((s) => [s, tMaybe(`callbacks.status.${s}`, s)] as const)])}
        {choice('campaignId', t('console.callbacks.campaign'), campaigns.map((c) => [String(c.id), c.name]))}
        {text('batch', t('console.callbacks.batch'))}
        {choice('listId', t('console.callbacks.list'), lists.map((l) => [String(l.id), l.name]))}
        {choice('dialGroup', t('console.callbacks.dialGroup'), dialGroups.map((g) => [g, g]))}
        {text('name', t('console.callbacks.name'))}
        {text('phoneticName', t('console.callbacks.phoneticName'))}
        {text('phone', t('console.callbacks.phone'), 'search')}
        {choice('assigneeId', t('console.callbacks.assignee'), [
          ['anyone', t('console.callbacks.anyone')],
          ...agents.map((a) => [String(a.id), a.disabled ? t('console.callbacks.disabledAgent', { name: a.displayName }) : a.displayName] as const),
        ])}
        {text('notes', t('console.callbacks.notes'))}
        <div className="cb-search-actions">
          <span id={`${id}-hint`} className="muted small">
            {t('console.callbacks.searchHint')}
          </span>
          <button type="button" onClick={props.onReset}>
            {t('console.callbacks.reset')}
          </button>
          <button type="submit" className="primary" aria-describedby={`${id}-hint`}>
            {t('console.callbacks.searchButton')}
          </button>
        </div>
      </div>
    </form>
  );
}

function Field(props: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      {props.children}
    </label>
  );
}

function TimeSelect(props: { label: string; value: string; times: string[]; onChange(value: string): void }) {
  const { t } = useI18n();
  const times = props.value && !props.times.includes(props.value) ? [props.value, ...props.times] : props.times;
  return (
    <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{t('console.callbacks.wholeDay')}</option>
      {times.map((time) => (
        <option key={time} value={time}>
          {time}
        </option>
      ))}
    </select>
  );
}
