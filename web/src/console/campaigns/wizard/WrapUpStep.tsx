import { useI18n } from '../../../i18n/i18n';
import { WrapUpCodesEditor } from '../WrapUpCodesEditor';
import { isPreviewMode, type Draft } from './draft';
import { Field, OptionalNumber } from './fields';

/** Step 5 (D8): the wrap-up codes with their outcomes (system codes relabelled, not removed), the time limit. */
export function WrapUpStep(props: { draft: Draft; change(patch: Partial<Draft>): void }) {
  const { t } = useI18n();
  const { draft, change } = props;
  const codes = draft.wrapUpCodes;
  return (
    <div>
      <WrapUpCodesEditor codes={codes} onChange={(wrapUpCodes) => change({ wrapUpCodes })} fillFromSet />
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
