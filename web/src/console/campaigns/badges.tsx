import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n';
import type { CampaignStatus, DialingMode } from './types';

/** Small marks the campaigns pages share: the coloured status, the mode's name, the agent-owned and lock icons. */
export const STATUS_KEYS = {
  draft: 'campaigns.status.draft',
  running: 'campaigns.status.running',
  paused: 'campaigns.status.paused',
  stopped: 'campaigns.status.stopped',
  complete: 'campaigns.status.complete',
} as const satisfies Record<CampaignStatus, MessageKey>;

export const MODE_KEYS = {
  preview: 'mode.preview',
  agent_owned_preview: 'console.campaigns.mode.agentOwned',
  progressive: 'mode.progressive',
  power: 'mode.power',
  predictive: 'mode.predictive',
} as const satisfies Record<DialingMode, MessageKey>;

export function StatusTag(props: { status: CampaignStatus }) {
  const { t } = useI18n();
  return (
    <span className={`tag status-${props.status}`} data-status={props.status}>
      {t(STATUS_KEYS[props.status])}
    </span>
  );
}

export function ModeName(props: { mode: DialingMode }) {
  const { t } = useI18n();
  return <>{t(MODE_KEYS[props.mode])}</>;
}

/** O1/O3: the agent-owned mark (a person on a record card), labelled for screen readers (an empty label: decorative). */
export function OwnedIcon(props: { label?: string }) {
  const { t } = useI18n();
  return (
    <svg className="owned-icon" {...(props.label === '' ? { 'aria-hidden': true } : { role: 'img', 'aria-label': props.label ?? t('console.campaigns.owned') })} viewBox="0 0 20 20" width="18" height="18">
      <rect x="1.5" y="3" width="17" height="14" rx="2.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <circle cx="7" cy="8.5" r="2.2" fill="currentColor" />
      <path d="M3.6 14.2c.6-2 1.9-3 3.4-3s2.8 1 3.4 3z" fill="currentColor" />
      <path d="M12 8h4.5M12 11h4.5" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    </svg>
  );
}

export function LockIcon() {
  return (
    <svg className="lock-icon" aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
      <path d="M5.2 7V5a2.8 2.8 0 0 1 5.6 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}
