import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n';
import { Field, numberOrNull } from './SettingsSection';
import { SYSTEM_RESULTS, type Campaign, type RetryRule, type SystemResult } from './types';

export const RESULT_KEYS = {
  busy: 'result.busy',
  no_answer: 'result.no_answer',
  fax: 'result.fax',
  machine: 'result.machine',
  bad_number: 'result.bad_number',
  abandoned: 'result.abandoned',
  failed: 'result.failed',
} as const satisfies Record<SystemResult, MessageKey>;

type Rules = Campaign['retryRules'];

/** L6: the retry rule of each system result and the attempt limits, as a form (the campaign page and the wizard). */
export function RetryRulesEditor(props: { rules: Rules; onChange(rules: Rules): void }) {
  const { t } = useI18n();
  const d = props.rules;
  const set = props.onChange;
  const setRule = (r: SystemResult, rule: RetryRule) => set({ ...d, results: { ...d.results, [r]: rule } });
  return (
    <>
      <table className="data-table compact">
        <thead>
          <tr>
            <th>{t('console.campaigns.retry.result')}</th>
            <th>{t('console.campaigns.retry.action')}</th>
            <th>{t('console.campaigns.retry.delay')}</th>
            <th>{t('console.campaigns.retry.times')}</th>
          </tr>
        </thead>
        <tbody>
          {SYSTEM_RESULTS.map((r) => {
            const rule = d.results[r];
            return (
              <tr key={r}>
                <th scope="row">{t(RESULT_KEYS[r])}</th>
                <td>
                  <select
                    aria-label={t('console.campaigns.retry.actionFor', { result: t(RESULT_KEYS[r]) })}
                    value={rule.action}
                    onChange={(e) => setRule(r, e.target.value === 'final' ? { action: 'final' } : { action: 'retry', delayMinutes: 60, maxRetries: 3 })}
                  >
                    <option value="retry">{t('console.campaigns.retry.retry')}</option>
                    <option value="final">{t('console.campaigns.retry.final')}</option>
                  </select>
                </td>
                {rule.action === 'retry' ? (
                  <>
                    <td>
                      <input type="number" className="narrow" aria-label={t('console.campaigns.retry.delayFor', { result: t(RESULT_KEYS[r]) })} value={rule.delayMinutes} onChange={(e) => setRule(r, { ...rule, delayMinutes: Number(e.target.value) })} />
                    </td>
                    <td>
                      <input type="number" className="narrow" aria-label={t('console.campaigns.retry.timesFor', { result: t(RESULT_KEYS[r]) })} value={rule.maxRetries} onChange={(e) => setRule(r, { ...rule, maxRetries: Number(e.target.value) })} />
                    </td>
                  </>
                ) : (
                  <td colSpan={2} />
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="form-grid">
        <Field label={t('console.campaigns.maxPerRecord')}>
          <input type="number" value={d.maxAttemptsPerRecord} onChange={(e) => set({ ...d, maxAttemptsPerRecord: numberOrNull(e.target.value) ?? 0 })} />
        </Field>
        <Field label={t('console.campaigns.maxPerNumberPerDay')}>
          <input type="number" value={d.maxAttemptsPerNumberPerDay} onChange={(e) => set({ ...d, maxAttemptsPerNumberPerDay: numberOrNull(e.target.value) ?? 0 })} />
        </Field>
      </div>
    </>
  );
}
