import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api } from '../../../api/client';
import { useI18n } from '../../../i18n/i18n';
import { dialsByItself, MODES, type Draft, type Mode } from './draft';
import { ModeName } from '../badges';
import { RecordingNames } from '../../recordings/RecordingNames';
import { Field, Locked, OptionalNumber } from './fields';

interface Queue {
  id: number;
  name: string;
  memberCount: number;
}

/** Step 1: name, mode, queue (the last two locked once created, O7), caller ID, rules, dialer settings. */
export function BasicsStep(props: { draft: Draft; change(patch: Partial<Draft>): void; changeMode(mode: Mode): void }) {
  const { t, tMaybe } = useI18n();
  const { draft, change } = props;
  const queues = useQuery({ queryKey: ['queues'], queryFn: () => api<Queue[]>('GET', '/api/queues') });
  const recordings = useId();
  return (
    <div className="wizard-grid">
      <Field label={t('console.wizard.name')}>
        <input value={draft.name} maxLength={120} required onChange={(e) => change({ name: e.target.value })} />
      </Field>
      <Field label={t('console.wizard.queue')} locked={t('console.wizard.locked')}>
        <select value={draft.queueId ?? ''} onChange={(e) => change({ queueId: e.target.value ? Number(e.target.value) : null })}>
          <option value="">{t('console.wizard.chooseQueue')}</option>
          {(queues.data ?? []).map((q) => (
            <option key={q.id} value={q.id}>
              {q.name} ({q.memberCount})
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="wizard-modes">
        <legend>
          {t('console.wizard.mode')}
          <Locked why={t('console.wizard.locked')} />
        </legend>
        {MODES.map((m) => (
          <label key={m} className={`mode-choice${draft.mode === m ? ' chosen' : ''}`}>
            <input type="radio" name="mode" value={m} checked={draft.mode === m} onChange={() => props.changeMode(m)} />
            <span>
              <strong>
                <ModeName mode={m} />
              </strong>
              <span className="muted small">{tMaybe(`console.wizard.modeHelp.${m}`, '')}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div>
        <Field label={t('console.wizard.callerId')}>
          <input value={draft.callerId} inputMode="tel" placeholder={t('console.example.e164')} onChange={(e) => change({ callerId: e.target.value })} />
        </Field>
        <Field label={t('console.wizard.profile')}>
          <select value={draft.regulatoryProfile} onChange={(e) => change({ regulatoryProfile: e.target.value as Draft['regulatoryProfile'] })}>
            <option value="us">{t('console.wizard.profile.us')}</option>
            <option value="uk">{t('console.wizard.profile.uk')}</option>
            <option value="none">{t('console.wizard.profile.none')}</option>
          </select>
        </Field>
        {draft.mode === 'power' && (
          <Field label={t('console.wizard.linesPerAgent')}>
            <select value={draft.linesPerAgent ?? 1} onChange={(e) => change({ linesPerAgent: Number(e.target.value) })}>
              {[1, 2, 3].map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </Field>
        )}
        {draft.mode === 'predictive' && (
          <div className="row">
            <Field label={t('console.wizard.abandonTarget')}>
              <OptionalNumber value={draft.abandonTarget} min={0.1} max={10} step={0.1} onChange={(v) => change({ abandonTarget: v })} />
            </Field>
            <Field label={t('console.wizard.abandonWindow')}>
              <select value={draft.abandonWindow ?? 'us'} onChange={(e) => change({ abandonWindow: e.target.value as 'us' | 'uk' })}>
                <option value="us">{t('console.wizard.window.us')}</option>
                <option value="uk">{t('console.wizard.window.uk')}</option>
              </select>
            </Field>
          </div>
        )}
        {dialsByItself(draft.mode) && (
          <Field label={t('console.wizard.abandonMessage')} hint={t('console.recordings.messageHint')}>
            <input list={recordings} value={draft.abandonMessage ?? ''} maxLength={1000} onChange={(e) => change({ abandonMessage: e.target.value || null })} />
          </Field>
        )}
        {draft.amd && (
          <>
            <Field label={t('console.wizard.onMachine')}>
              <select value={draft.amd.onMachine} onChange={(e) => change({ amd: { ...draft.amd!, onMachine: e.target.value as NonNullable<Draft['amd']>['onMachine'] } })}>
                <option value="hang_up_retry">{t('console.wizard.onMachine.hang_up_retry')}</option>
                <option value="leave_message">{t('console.wizard.onMachine.leave_message')}</option>
                <option value="pass_to_agent">{t('console.wizard.onMachine.pass_to_agent')}</option>
              </select>
            </Field>
            {draft.amd.onMachine === 'leave_message' && (
              <Field label={t('console.wizard.machineMessage')} hint={t('console.recordings.messageHint')}>
                <input list={recordings} value={draft.amd.message ?? ''} maxLength={1000} onChange={(e) => change({ amd: { ...draft.amd!, message: e.target.value || null } })} />
              </Field>
            )}
          </>
        )}
        {/* D5, D6: the kept recordings' names, suggested in the message fields above. */}
        <RecordingNames id={recordings} />
      </div>
    </div>
  );
}
