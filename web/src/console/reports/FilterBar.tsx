import { useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useCampaignChoices, useQueueMembers } from '../callbacks/queries';
import { ZoneInput } from '../callbacks/ZoneInput';
import { QUICK, quickPeriod, type Filters, type Quick } from './filters';

const QUICK_KEYS = {
  today: 'console.reports.quick.today',
  yesterday: 'console.reports.quick.yesterday',
  last7: 'console.reports.quick.last7',
  thisMonth: 'console.reports.quick.thisMonth',
} as const satisfies Record<Quick, string>;

/**
 * R2: the filters every report shares — the period (two dates, or a quick choice), its time
 * zone, the campaign (only those the user may see: a supervisor's granted ones, A1) and, where
 * the report has one, the agent. Each change goes to the address bar at once.
 */
export function FilterBar(props: { filters: Filters; withAgent: boolean; onChange(changes: Partial<Filters>): void }) {
  const { t } = useI18n();
  const { filters: f, onChange } = props;
  const campaigns = useCampaignChoices();
  // The agents of the queues of those campaigns: the ones these reports can have rows for.
  const agents = useQueueMembers((campaigns.data ?? []).map((c) => c.queueId));
  // The zone as typed; the report follows once it names a real zone.
  const [zone, setZone] = useState(f.timeZone);
  // Labels tied by id, so a choice's name is the label alone (not the label and the option shown).
  const id = useId();
  const active = QUICK.find((q) => {
    const p = quickPeriod(q, f.timeZone);
    return p.from === f.from && p.to === f.to;
  });
  return (
    <form className="card rp-filters" aria-label={t('console.reports.filters')} onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        <span>{t('console.reports.from')}</span>
        <input type="date" value={f.from} required onChange={(e) => e.target.value && onChange({ from: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('console.reports.to')}</span>
        <input type="date" value={f.to} required onChange={(e) => e.target.value && onChange({ to: e.target.value })} />
      </label>
      <div className="rp-quick" role="group" aria-label={t('console.reports.quick')}>
        {QUICK.map((q) => (
          <button key={q} type="button" className={active === q ? 'active' : ''} aria-pressed={active === q} onClick={() => onChange(quickPeriod(q, f.timeZone))}>
            {t(QUICK_KEYS[q])}
          </button>
        ))}
      </div>
      <ZoneInput label={t('console.reports.timeZone')} value={zone}
        onChange={(timeZone) => {
          setZone(timeZone);
          if (isZone(timeZone)) onChange({ timeZone });
        }} className="rp-zone" />
      <div className="field">
        <label htmlFor={`${id}-campaign`}>{t('console.reports.campaign')}</label>
        <select id={`${id}-campaign`} value={f.campaignId} onChange={(e) => onChange({ campaignId: e.target.value })}>
          <option value="">{t('console.reports.allCampaigns')}</option>
          {(campaigns.data ?? []).map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {props.withAgent && (
        <div className="field">
          <label htmlFor={`${id}-agent`}>{t('console.reports.agent')}</label>
          <select id={`${id}-agent`} value={f.agentId} onChange={(e) => onChange({ agentId: e.target.value })}>
            <option value="">{t('console.reports.allAgents')}</option>
            {(agents.data?.members ?? []).map((a) => (
              <option key={a.userId} value={String(a.userId)}>
                {a.displayName} ({a.userCode})
              </option>
            ))}
          </select>
        </div>
      )}
    </form>
  );
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}
