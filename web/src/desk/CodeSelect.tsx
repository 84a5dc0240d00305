import type { WrapUpCode } from '../api/types';
import { en, type MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';

/** A system wrap-up code keeps its translated name unless the campaign relabelled it; custom codes show their own label. */
export function codeLabel(code: Pick<WrapUpCode, 'code' | 'label'>, tMaybe: (key: string, fallback: string) => string): string {
  const key = `wrapCode.${code.code}`;
  return key in en && en[key as MessageKey] === code.label ? tMaybe(key, code.label) : code.label;
}

/** The campaign's wrap-up codes (D8) as a labelled select; `placeholder` adds an empty first choice, `shortcuts` shows each code's key. */
export function CodeSelect(props: { label: string; codes: WrapUpCode[]; value: string; onChange(code: string): void; placeholder?: boolean; shortcuts?: boolean }) {
  const { tMaybe } = useI18n();
  return (
    <label className="field">
      <span>{props.label}</span>
      <select value={props.value} required onChange={(e) => props.onChange(e.target.value)}>
        {props.placeholder && (
          <option value="" disabled>
            —
          </option>
        )}
        {props.codes.map((c) => (
          <option key={c.code} value={c.code}>
            {props.shortcuts && c.shortcut ? `${c.shortcut} · ${codeLabel(c, tMaybe)}` : codeLabel(c, tMaybe)}
          </option>
        ))}
      </select>
    </label>
  );
}
