import { codeLabel } from '../../desk/CodeSelect';
import { useI18n } from '../../i18n/i18n';
import { Fact, Field, numberOrNull, SettingsSection } from './SettingsSection';
import type { Campaign, PreviewSettings } from './types';

interface Draft extends PreviewSettings {
  completeCode: string;
}

/**
 * P1–P5, preview modes: whether offers open by themselves, the review countdown, skipping and
 * its limit, and the wrap-up code "Complete" uses without calling.
 */
export function PreviewSection(props: { campaign: Campaign }) {
  const { t, tMaybe } = useI18n();
  const c = props.campaign;
  const p = c.preview;
  if (!p) return null;
  const yesNo = (b: boolean) => (b ? t('console.campaigns.yes') : t('console.campaigns.no'));
  const labelOf = (code: string | null) => {
    const w = c.wrapUpCodes.find((x) => x.code === code);
    return w ? codeLabel(w, tMaybe) : (code ?? t('console.campaigns.notSet'));
  };
  return (
    <SettingsSection<Draft>
      title={t('console.campaigns.section.preview')}
      campaign={c}
      startDraft={() => ({ ...p, completeCode: c.previewCompleteCode ?? '' })}
      toPatch={({ completeCode, ...preview }) => ({ preview, previewCompleteCode: completeCode || null })}
      form={(d, set) => (
        <div className="form-grid">
          <label className="check">
            <input type="checkbox" checked={d.autoAccept} onChange={(e) => set({ ...d, autoAccept: e.target.checked })} />
            {t('console.campaigns.autoAccept')}
          </label>
          <label className="check">
            <input type="checkbox" checked={d.skipAllowed} onChange={(e) => set({ ...d, skipAllowed: e.target.checked, maxSkipsPerRecord: e.target.checked ? d.maxSkipsPerRecord : null })} />
            {t('console.campaigns.skipAllowed')}
          </label>
          <Field label={t('console.campaigns.reviewTimeout')} hint={t('console.campaigns.emptyMeansNone')}>
            <input type="number" value={d.reviewTimeoutSeconds ?? ''} onChange={(e) => set({ ...d, reviewTimeoutSeconds: numberOrNull(e.target.value) })} />
          </Field>
          <Field label={t('console.campaigns.maxSkips')} hint={t('console.campaigns.emptyMeansNone')}>
            <input type="number" value={d.maxSkipsPerRecord ?? ''} disabled={!d.skipAllowed} onChange={(e) => set({ ...d, maxSkipsPerRecord: numberOrNull(e.target.value) })} />
          </Field>
          <Field label={t('console.campaigns.completeCode')}>
            <select value={d.completeCode} onChange={(e) => set({ ...d, completeCode: e.target.value })}>
              {c.wrapUpCodes.map((w) => (
                <option key={w.code} value={w.code}>
                  {codeLabel(w, tMaybe)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
      view={
        <dl className="facts">
          <Fact label={t('console.campaigns.autoAccept')}>{yesNo(p.autoAccept)}</Fact>
          <Fact label={t('console.campaigns.reviewTimeout')}>{p.reviewTimeoutSeconds === null ? t('console.campaigns.noLimit') : t('console.campaigns.seconds', { n: p.reviewTimeoutSeconds })}</Fact>
          <Fact label={t('console.campaigns.skipAllowed')}>{yesNo(p.skipAllowed)}</Fact>
          <Fact label={t('console.campaigns.maxSkips')}>{p.maxSkipsPerRecord ?? t('console.campaigns.noLimit')}</Fact>
          <Fact label={t('console.campaigns.completeCode')}>{labelOf(c.previewCompleteCode)}</Fact>
        </dl>
      }
    />
  );
}
