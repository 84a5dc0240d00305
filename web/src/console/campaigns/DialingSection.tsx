import { useId } from 'react';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n';
import { RecordingNames } from '../recordings/RecordingNames';
import { problemsAt } from '../ui/FieldProblems';
import { ModeName } from './badges';
import { Fact, Field, LockedValue, numberOrNull, SettingsSection } from './SettingsSection';
import type { Campaign, CampaignPatch } from './types';

const PROFILE_KEYS = { us: 'console.campaigns.profile.us', uk: 'console.campaigns.profile.uk', none: 'console.campaigns.profile.none' } as const satisfies Record<Campaign['regulatoryProfile'], MessageKey>;
const AMD_KEYS = {
  hang_up_retry: 'console.campaigns.amd.hang_up_retry',
  leave_message: 'console.campaigns.amd.leave_message',
  pass_to_agent: 'console.campaigns.amd.pass_to_agent',
} as const satisfies Record<NonNullable<Campaign['amd']>['onMachine'], MessageKey>;

/**
 * How the campaign dials: name, the settings fixed at creation (mode, queue, owner column —
 * O7, shown locked with why), caller ID, regulatory profile and the mode's own settings (lines
 * per agent, abandon target and message, answering machines, wrap-up limit).
 */
export function DialingSection(props: { campaign: Campaign }) {
  const { t } = useI18n();
  const c = props.campaign;
  const owned = c.mode === 'agent_owned_preview';
  const none = t('console.campaigns.notSet');
  const recordings = useId();
  const locked = (
    <>
      <Fact label={t('console.campaigns.mode')}>
        <LockedValue value={<ModeName mode={c.mode} />} why={t(owned ? 'console.campaigns.locked.ownedMode' : 'console.campaigns.locked.mode')} />
      </Fact>
      <Fact label={t('console.campaigns.queue')}>
        <LockedValue value={c.queueName} why={t('console.campaigns.locked.queue')} />
      </Fact>
      {owned && (
        <Fact label={t('console.campaigns.ownerColumn')}>
          <LockedValue value={c.ownerColumn} why={t('console.campaigns.locked.ownerColumn')} />
        </Fact>
      )}
    </>
  );
  // D5, D6: a message is spoken by text-to-speech, or names a recording (suggested from the kept ones).
  const form = (d: CampaignPatch, set: (p: CampaignPatch) => void, refusal: unknown) => (
    <>
      <dl className="facts">{locked}</dl>
      <div className="form-grid">
        <Field label={t('console.campaigns.name')}>
          <input value={d.name ?? ''} onChange={(e) => set({ ...d, name: e.target.value })} />
        </Field>
        <Field label={t('console.campaigns.callerId')} hint={t('console.campaigns.callerIdHint')}>
          <input value={d.callerId ?? ''} onChange={(e) => set({ ...d, callerId: e.target.value.trim() === '' ? null : e.target.value })} />
        </Field>
        <Field label={t('console.campaigns.profile')}>
          <select value={d.regulatoryProfile} onChange={(e) => set({ ...d, regulatoryProfile: e.target.value as Campaign['regulatoryProfile'] })}>
            {(Object.keys(PROFILE_KEYS) as Array<keyof typeof PROFILE_KEYS>).map((p) => (
              <option key={p} value={p}>
                {t(PROFILE_KEYS[p])}
              </option>
            ))}
          </select>
        </Field>
        {c.mode === 'power' && (
          <Field label={t('console.campaigns.linesPerAgent')}>
            <input type="number" value={d.linesPerAgent ?? ''} onChange={(e) => set({ ...d, linesPerAgent: numberOrNull(e.target.value) })} />
          </Field>
        )}
        {c.mode === 'predictive' && (
          <Field label={t('console.campaigns.abandonTarget')}>
            <input type="number" step="0.1" value={d.abandonTarget ?? ''} onChange={(e) => set({ ...d, abandonTarget: numberOrNull(e.target.value) })} />
          </Field>
        )}
        <Field label={t('console.campaigns.wrapUpTimeout')} hint={t('console.campaigns.emptyMeansNone')}>
          <input type="number" value={d.wrapUpTimeoutSeconds ?? ''} onChange={(e) => set({ ...d, wrapUpTimeoutSeconds: numberOrNull(e.target.value) })} />
        </Field>
        {d.amd && (
          <Field label={t('console.campaigns.amd')}>
            <select value={d.amd.onMachine} onChange={(e) => set({ ...d, amd: { ...d.amd!, onMachine: e.target.value as NonNullable<Campaign['amd']>['onMachine'] } })}>
              {(Object.keys(AMD_KEYS) as Array<keyof typeof AMD_KEYS>).map((a) => (
                <option key={a} value={a}>
                  {t(AMD_KEYS[a])}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <RecordingNames id={recordings} />
      {d.amd?.onMachine === 'leave_message' && (
        <Field label={t('console.campaigns.amdMessage')} hint={t('console.recordings.messageHint')} problems={problemsAt(refusal, 'amd.message')}>
          <input list={recordings} maxLength={1000} value={d.amd.message ?? ''} onChange={(e) => set({ ...d, amd: { ...d.amd!, message: e.target.value || null } })} />
        </Field>
      )}
      {(c.mode === 'power' || c.mode === 'predictive') && (
        <Field label={t('console.campaigns.abandonMessage')} hint={t('console.recordings.messageHint')} problems={problemsAt(refusal, 'abandonMessage')}>
          <input list={recordings} maxLength={1000} value={d.abandonMessage ?? ''} onChange={(e) => set({ ...d, abandonMessage: e.target.value.trim() === '' ? null : e.target.value })} />
        </Field>
      )}
    </>
  );
  return (
    <SettingsSection
      title={t('console.campaigns.section.dialing')}
      campaign={c}
      startDraft={() => ({
        name: c.name,
        callerId: c.callerId,
        regulatoryProfile: c.regulatoryProfile,
        wrapUpTimeoutSeconds: c.wrapUpTimeoutSeconds,
        ...(c.mode === 'power' && { linesPerAgent: c.linesPerAgent }),
        ...(c.mode === 'predictive' && { abandonTarget: c.abandonTarget }),
        ...((c.mode === 'power' || c.mode === 'predictive') && { abandonMessage: c.abandonMessage }),
        ...(c.amd && { amd: c.amd }),
      })}
      form={form}
      view={
        <dl className="facts">
          {locked}
          <Fact label={t('console.campaigns.callerId')}>{c.callerId ?? <span className="warn-text">{t('console.campaigns.callerIdMissing')}</span>}</Fact>
          <Fact label={t('console.campaigns.profile')}>{t(PROFILE_KEYS[c.regulatoryProfile])}</Fact>
          {c.linesPerAgent !== null && <Fact label={t('console.campaigns.linesPerAgent')}>{c.linesPerAgent}</Fact>}
          {c.abandonTarget !== null && (
            <Fact label={t('console.campaigns.abandonTarget')}>
              {t('console.campaigns.abandonTargetValue', { percent: c.abandonTarget, window: c.abandonWindow === 'uk' ? t('console.campaigns.window.uk') : t('console.campaigns.window.us') })}
            </Fact>
          )}
          {(c.mode === 'power' || c.mode === 'predictive') && <Fact label={t('console.campaigns.abandonMessage')}>{c.abandonMessage ?? none}</Fact>}
          {c.amd && (
            <Fact label={t('console.campaigns.amd')}>
              {t(AMD_KEYS[c.amd.onMachine])}
              {c.amd.message && <span className="muted"> — {c.amd.message}</span>}
            </Fact>
          )}
          <Fact label={t('console.campaigns.wrapUpTimeout')}>{c.wrapUpTimeoutSeconds === null ? t('console.campaigns.noLimit') : t('console.campaigns.seconds', { n: c.wrapUpTimeoutSeconds })}</Fact>
        </dl>
      }
    />
  );
}
