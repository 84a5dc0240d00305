import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useTemplates } from './queries';
import type { TemplateKind, TemplateOf } from './types';

/**
 * "Fill from a named set": picks one of the kept templates and hands it to the form, which
 * replaces its codes or hours with a copy (saved only with the form). Says where templates are
 * kept when there are none.
 */
export function TemplatePicker<K extends TemplateKind>(props: { kind: K; onPick(template: TemplateOf<K>): void }) {
  const { t } = useI18n();
  const templates = useTemplates(props.kind);
  const [chosen, setChosen] = useState('');
  const label = props.kind === 'codeSets' ? t('console.templates.fillCodes') : t('console.templates.fillHours');
  const list = templates.data ?? [];
  if (templates.isPending) return null;
  if (list.length === 0) return <p className="muted small template-picker">{props.kind === 'codeSets' ? t('console.templates.noCodeSets') : t('console.templates.noHours')}</p>;
  return (
    <div className="row template-picker">
      <label>
        {label}{' '}
        <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t('console.templates.choose')}</option>
          {list.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={chosen === ''}
        onClick={() => {
          const tpl = list.find((x) => String(x.id) === chosen);
          if (tpl) props.onPick(structuredClone(tpl));
          setChosen('');
        }}
      >
        {t('console.templates.use')}
      </button>
    </div>
  );
}
