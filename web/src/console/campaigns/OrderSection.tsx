import { useI18n } from '../../i18n/i18n';
import { Fact, Field, SettingsSection } from './SettingsSection';
import type { Campaign } from './types';

type SortKey = Campaign['sortOrder'][number];
interface Draft {
  sortOrder: SortKey[];
  ordering: Campaign['ordering'];
  screenPop: string;
}

/**
 * L3, O6, D4, P2: the order records come in (up to five list columns, each ascending or
 * descending, compared as text, number or date — never the owner column) and the list columns
 * the agent sees with the record.
 */
export function OrderSection(props: { campaign: Campaign }) {
  const { t } = useI18n();
  const c = props.campaign;
  const dir = (k: SortKey) => t(k.direction === 'asc' ? 'console.campaigns.sort.asc' : 'console.campaigns.sort.desc');
  const as = (k: SortKey) => t(k.compareAs === 'number' ? 'console.campaigns.sort.number' : k.compareAs === 'date' ? 'console.campaigns.sort.date' : 'console.campaigns.sort.text');
  return (
    <SettingsSection<Draft>
      title={t('console.campaigns.section.order')}
      campaign={c}
      startDraft={() => ({ sortOrder: c.sortOrder.map((k) => ({ ...k })), ordering: c.ordering, screenPop: c.screenPopFields.join(', ') })}
      toPatch={(d) => ({
        sortOrder: d.sortOrder.filter((k) => k.column.trim() !== ''),
        ordering: d.ordering,
        screenPopFields: d.screenPop.split(',').map((s) => s.trim()).filter((s) => s !== ''),
      })}
      form={(d, set) => {
        const setKey = (i: number, k: SortKey) => set({ ...d, sortOrder: d.sortOrder.map((x, j) => (j === i ? k : x)) });
        return (
          <>
            <fieldset className="sort-keys">
              <legend>{t('console.campaigns.sortOrder')}</legend>
              {d.sortOrder.map((k, i) => (
                <div className="row" key={i}>
                  <input aria-label={t('console.campaigns.sort.column', { n: i + 1 })} value={k.column} onChange={(e) => setKey(i, { ...k, column: e.target.value })} />
                  <select aria-label={t('console.campaigns.sort.direction', { n: i + 1 })} value={k.direction} onChange={(e) => setKey(i, { ...k, direction: e.target.value as SortKey['direction'] })}>
                    <option value="asc">{t('console.campaigns.sort.asc')}</option>
                    <option value="desc">{t('console.campaigns.sort.desc')}</option>
                  </select>
                  <select aria-label={t('console.campaigns.sort.compareAs', { n: i + 1 })} value={k.compareAs} onChange={(e) => setKey(i, { ...k, compareAs: e.target.value as SortKey['compareAs'] })}>
                    <option value="text">{t('console.campaigns.sort.text')}</option>
                    <option value="number">{t('console.campaigns.sort.number')}</option>
                    <option value="date">{t('console.campaigns.sort.date')}</option>
                  </select>
                  <button type="button" onClick={() => set({ ...d, sortOrder: d.sortOrder.filter((_, j) => j !== i) })}>
                    {t('console.campaigns.remove')}
                  </button>
                </div>
              ))}
              <button type="button" onClick={() => set({ ...d, sortOrder: [...d.sortOrder, { column: '', direction: 'asc', compareAs: 'text' }] })}>
                {t('console.campaigns.sort.add')}
              </button>
            </fieldset>
            <Field label={t('console.campaigns.ordering')}>
              <select value={d.ordering} onChange={(e) => set({ ...d, ordering: e.target.value as Campaign['ordering'] })}>
                <option value="sort">{t('console.campaigns.ordering.sort')}</option>
                <option value="answer_likelihood">{t('console.campaigns.ordering.likelihood')}</option>
              </select>
            </Field>
            <Field label={t('console.campaigns.screenPop')} hint={t('console.campaigns.commaSeparated')}>
              <input value={d.screenPop} onChange={(e) => set({ ...d, screenPop: e.target.value })} />
            </Field>
          </>
        );
      }}
      view={
        <dl className="facts">
          <Fact label={t('console.campaigns.sortOrder')}>
            {c.sortOrder.length === 0 ? (
              t('console.campaigns.sort.none')
            ) : (
              <ol className="plain">
                {c.sortOrder.map((k) => (
                  <li key={k.column}>
                    <strong>{k.column}</strong> <span className="muted">{t('console.campaigns.sort.key', { direction: dir(k), as: as(k) })}</span>
                  </li>
                ))}
              </ol>
            )}
          </Fact>
          <Fact label={t('console.campaigns.ordering')}>{t(c.ordering === 'sort' ? 'console.campaigns.ordering.sort' : 'console.campaigns.ordering.likelihood')}</Fact>
          <Fact label={t('console.campaigns.screenPop')}>{c.screenPopFields.length === 0 ? t('console.campaigns.notSet') : c.screenPopFields.join(', ')}</Fact>
        </dl>
      }
    />
  );
}
