import { useI18n } from '../../i18n/i18n';
import { PAGE_SIZES, type View } from './search-params';

/**
 * C3: the server's pages with the total: first, previous, next, last and the page size. The
 * range is the page the server answered (its limit and offset), so it never runs ahead of the rows.
 */
export function Pager(props: { page: { total: number; limit: number; offset: number }; view: View; onView(view: View): void }) {
  const { t } = useI18n();
  const { total, limit, offset } = props.page;
  const view = props.view;
  const pages = Math.max(1, Math.ceil(total / limit));
  const current = Math.floor(offset / limit) + 1;
  const go = (n: number) => props.onView({ ...view, limit, offset: (Math.min(Math.max(n, 1), pages) - 1) * limit });
  return (
    <nav className="cb-pager" aria-label={t('console.callbacks.pages')}>
      <span className="muted">
        {total === 0 ? t('console.callbacks.range.none') : t('console.callbacks.range', { first: offset + 1, last: Math.min(offset + limit, total), total })}
      </span>
      <div className="spacer" />
      <label className="cb-page-size">
        {t('console.callbacks.pageSize')}
        <select value={limit} onChange={(e) => props.onView({ ...view, limit: Number(e.target.value), offset: 0 })}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => go(1)} disabled={current <= 1} aria-label={t('console.callbacks.firstPage')}>
        «
      </button>
      <button type="button" onClick={() => go(current - 1)} disabled={current <= 1}>
        {t('console.callbacks.previous')}
      </button>
      <span aria-current="page">{t('console.callbacks.pageOf', { page: current, pages })}</span>
      <button type="button" onClick={() => go(current + 1)} disabled={current >= pages}>
        {t('console.callbacks.next')}
      </button>
      <button type="button" onClick={() => go(pages)} disabled={current >= pages} aria-label={t('console.callbacks.lastPage')}>
        »
      </button>
    </nav>
  );
}
