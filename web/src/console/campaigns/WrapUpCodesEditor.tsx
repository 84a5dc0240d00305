import { useI18n } from '../../i18n/i18n';
import { TemplatePicker } from '../templates/TemplatePicker';
import { OUTCOMES, type Outcome, type WrapUpCode } from './wizard/draft';
import { OptionalNumber } from './wizard/fields';

/**
 * D8: the wrap-up codes as a form — codes of her own added and removed, system ones relabelled or
 * remapped (the wizard, the campaign page, the administration's code sets). With `fillFromSet`,
 * a kept wrap-up code set can replace them all (a copy; the form still has to be saved).
 */
export function WrapUpCodesEditor(props: { codes: WrapUpCode[]; onChange(codes: WrapUpCode[]): void; fillFromSet?: boolean }) {
  const { t, tMaybe } = useI18n();
  const { codes, onChange } = props;
  const edit = (i: number, patch: Partial<WrapUpCode>) => onChange(codes.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <>
      {props.fillFromSet && <TemplatePicker kind="codeSets" onPick={(set) => onChange(set.codes)} />}
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
                  <button type="button" className="link" onClick={() => onChange(codes.filter((_, j) => j !== i))}>
                    {t('console.wizard.removeCode', { code: c.code })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => onChange([...codes, { code: '', label: '', outcome: 'final_success', shortcut: null }])}>
        {t('console.wizard.addCode')}
      </button>
    </>
  );
}
