import { useI18n } from '../../../i18n/i18n';
import { isPreviewMode, OUTCOMES, type Draft, type Outcome, type WrapUpCode } from './draft';
import { Field, OptionalNumber } from './fields';

/** Step 5 (D8): the wrap-up codes with their outcomes (system codes relabelled, not removed), the time limit. */
export function WrapUpStep(props: { draft: Draft; change(patch: Partial<Draft>): void }) {
  const { t, tMaybe } = useI18n();
  const { draft, change } = props;
  const codes = draft.wrapUpCodes;
  const edit = (i: number, patch: Partial<WrapUpCode>) => change({ wrapUpCodes: codes.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <div>
      <table className="wizard-table">
        <thead>
          <tr>
            <th>{t('console.wizard.code')}</th>
            <th>{t('console.wizard.label')}</th>
            <th>{t('console.wizard.outcome')}</th>
            <th>{t('console.wizard.retryAfter')}</th>
            <th>{t('console.wizard.shortcut')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {codes.map((c, i) => (
            <tr key={i}>
              <td>
                {c.system ? (
                  <code title={t('console.wizard.systemCode')}>{c.code}</code>
                ) : (
                  <input aria-label={t('console.wizard.code')} value={c.code} maxLength={40} onChange={(e) => edit(i, { code: e.target.value })} />
                )}
              </td>
              <td>
                <input aria-label={`${c.code || t('console.wizard.code')}: ${t('console.wizard.label')}`} value={c.label} maxLength={80} onChange={(e) => edit(i, { label: e.target.value })} />
              </td>
              <td>
                <select aria-label={`${c.code || t('console.wizard.code')}: ${t('console.wizard.outcome')}`} value={c.outcome} onChange={(e) => edit(i, { outcome: e.target.value as Outcome })}>
                  {OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {tMaybe(`console.wizard.outcome.${o}`, o)}
                    </option>
                  ))}
                </select>
              </td>
              <td>{c.outcome === 'retry_after' && <OptionalNumber label={`${c.code}: ${t('console.wizard.retryAfter')}`} min={1} value={c.retryAfterMinutes ?? null} onChange={(v) => edit(i, { retryAfterMinutes: v })} />}</td>
              <td>
                <input aria-label={`${c.code || t('console.wizard.code')}: ${t('console.wizard.shortcut')}`} size={2} maxLength={1} value={c.shortcut ?? ''} onChange={(e) => edit(i, { shortcut: e.target.value || null })} />
              </td>
              <td>
                {!c.system && (
                  <button type="button" className="link" onClick={() => change({ wrapUpCodes: codes.filter((_, j) => j !== i) })}>
                    {t('console.wizard.removeCode', { code: c.code })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => change({ wrapUpCodes: [...codes, { code: '', label: '', outcome: 'final_success', shortcut: null }] })}>
        {t('console.wizard.addCode')}
      </button>
      <div className="row wizard-after-table">
        {isPreviewMode(draft.mode) && (
          <Field label={t('console.wizard.completeCode')}>
            <select value={draft.previewCompleteCode ?? ''} onChange={(e) => change({ previewCompleteCode: e.target.value || null })}>
              {codes
                .filter((c) => c.code)
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.label || c.code}
                  </option>
                ))}
            </select>
          </Field>
        )}
        <Field label={t('console.wizard.wrapUpTimeout')}>
          <OptionalNumber min={5} max={3600} value={draft.wrapUpTimeoutSeconds} onChange={(v) => change({ wrapUpTimeoutSeconds: v })} />
        </Field>
      </div>
    </div>
  );
}
