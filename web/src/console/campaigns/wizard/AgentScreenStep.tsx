import { useI18n } from '../../../i18n/i18n';
import { CallGuideEditor } from '../CallGuideEditor';
import type { Draft, SortKey } from './draft';
import { Field, OptionalNumber } from './fields';
import { columnsOf, useListColumns } from './ListsStep';

/** Step 6: what the agent sees (screen pop P2, preview P1/P4/P5, call guide D9) and the order records come in (L3, D4). */
export function AgentScreenStep(props: { draft: Draft; change(patch: Partial<Draft>): void }) {
  const { t } = useI18n();
  const { draft, change } = props;
  const shapes = useListColumns(draft.listIds);
  // The owner column is never a sort key (O6): each agent gets only her own records anyway.
  const columns = columnsOf(shapes.data);
  const sortable = columns.filter((c) => c !== draft.ownerColumn);
  const editKey = (i: number, patch: Partial<SortKey>) => change({ sortOrder: draft.sortOrder.map((k, j) => (j === i ? { ...k, ...patch } : k)) });
  const preview = draft.preview;
  return (
    <div className="wizard-two">
      <div>
        <fieldset>
          <legend>{t('console.wizard.screenPop')}</legend>
          {columns.length === 0 && <p className="muted small">{t('console.wizard.noColumns')}</p>}
          <div className="chips">
            {columns.map((c) => (
              <label key={c} className="chip">
                <input
                  type="checkbox"
                  checked={draft.screenPopFields.includes(c)}
                  onChange={(e) => change({ screenPopFields: e.target.checked ? [...draft.screenPopFields, c] : draft.screenPopFields.filter((f) => f !== c) })}
                />
                {c}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('console.wizard.sortOrder')}</legend>
          {draft.sortOrder.map((k, i) => (
            <div key={i} className="row sort-key">
              <select aria-label={`${t('console.wizard.sortOrder')} ${i + 1}`} value={k.column} onChange={(e) => editKey(i, { column: e.target.value })}>
                <option value="">{t('console.wizard.chooseColumn')}</option>
                {[...new Set([...sortable, k.column].filter(Boolean))].map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
              <select aria-label={`${t('console.wizard.sortOrder')} ${i + 1}: ${t('console.wizard.asc')} / ${t('console.wizard.desc')}`} value={k.direction} onChange={(e) => editKey(i, { direction: e.target.value as SortKey['direction'] })}>
                <option value="asc">{t('console.wizard.asc')}</option>
                <option value="desc">{t('console.wizard.desc')}</option>
              </select>
              <select aria-label={`${t('console.wizard.sortOrder')} ${i + 1}: ${t('console.wizard.compareAs.text')}`} value={k.compareAs} onChange={(e) => editKey(i, { compareAs: e.target.value as SortKey['compareAs'] })}>
                <option value="text">{t('console.wizard.compareAs.text')}</option>
                <option value="number">{t('console.wizard.compareAs.number')}</option>
                <option value="date">{t('console.wizard.compareAs.date')}</option>
              </select>
              <button type="button" className="link" onClick={() => change({ sortOrder: draft.sortOrder.filter((_, j) => j !== i) })}>
                {t('console.wizard.remove')}
              </button>
            </div>
          ))}
          {draft.sortOrder.length < 5 && (
            <button type="button" disabled={sortable.length === 0} onClick={() => change({ sortOrder: [...draft.sortOrder, { column: '', direction: 'asc', compareAs: 'text' }] })}>
              {t('console.wizard.addSortKey')}
            </button>
          )}
          <Field label={t('console.wizard.ordering')}>
            <select value={draft.ordering ?? 'sort'} onChange={(e) => change({ ordering: e.target.value as Draft['ordering'] })}>
              <option value="sort">{t('console.wizard.ordering.sort')}</option>
              <option value="answer_likelihood">{t('console.wizard.ordering.answer_likelihood')}</option>
            </select>
          </Field>
        </fieldset>
        {preview && (
          <fieldset>
            <legend>{t('console.wizard.previewSettings')}</legend>
            <label className="check">
              <input type="checkbox" checked={preview.autoAccept} onChange={(e) => change({ preview: { ...preview, autoAccept: e.target.checked } })} />
              {t('console.wizard.autoAccept')}
            </label>
            <label className="check">
              <input type="checkbox" checked={preview.skipAllowed} onChange={(e) => change({ preview: { ...preview, skipAllowed: e.target.checked } })} />
              {t('console.wizard.skipAllowed')}
            </label>
            <Field label={t('console.wizard.reviewTimeout')}>
              <OptionalNumber min={5} max={3600} value={preview.reviewTimeoutSeconds} onChange={(v) => change({ preview: { ...preview, reviewTimeoutSeconds: v } })} />
            </Field>
            {preview.skipAllowed && (
              <Field label={t('console.wizard.maxSkips')}>
                <OptionalNumber min={1} max={100} value={preview.maxSkipsPerRecord} onChange={(v) => change({ preview: { ...preview, maxSkipsPerRecord: v } })} />
              </Field>
            )}
          </fieldset>
        )}
      </div>
      <CallGuideEditor questions={draft.callGuide?.questions ?? []} onChange={(questions) => change({ callGuide: questions.length > 0 ? { questions } : null })} />
    </div>
  );
}
