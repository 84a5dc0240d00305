import { useLocation, useSearch } from 'wouter';
import type { Page } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { Pager } from '../callbacks/Pager';
import { useListChoices } from '../callbacks/queries';
import { PageState } from '../ui/PageState';
import { ReportCard } from './ReportCard';
import { CustomerRow } from './CustomerRow';
import { withParams } from './filters';
import { useReport } from './queries';
import type { Customer } from './types';

const FIELDS = ['name', 'phoneticName', 'phone', 'listId'] as const;

/**
 * R3: customer search across lists — by name, phonetic name (hiragana and katakana both
 * match), phone in any format and list; each record with its list and, per campaign the user
 * may see, its state, attempts and last result.
 */
export function CustomersReport(props: { timeZone: string }) {
  const { t } = useI18n();
  const search = useSearch();
  const [location, navigate] = useLocation();
  const lists = useListChoices();
  const q = new URLSearchParams(search);
  const filters = new URLSearchParams();
  for (const key of FIELDS) if (q.get(key)) filters.set(key, q.get(key)!);
  const limit = Number(q.get('limit')) || 50;
  const offset = Number(q.get('offset')) || 0;
  const asked = filters.toString() !== '';
  const pageParams = new URLSearchParams(filters);
  pageParams.set('limit', String(limit));
  pageParams.set('offset', String(offset));
  const results = useReport<Page<Customer>>('customers', pageParams, asked);
  const csv = new URLSearchParams(filters);
  csv.set('timeZone', props.timeZone);
  const go = (changes: Record<string, string>) => {
    const next = withParams(search, changes);
    navigate(next ? `${location}?${next}` : location);
  };

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    go({ ...Object.fromEntries(FIELDS.map((k) => [k, String(data.get(k) ?? '').trim()])), offset: '' });
  }

  return (
    <>
      <form key={search} className="card rp-search" aria-label={t('console.reports.customers.search')} onSubmit={submit}>
        <label className="field">
          <span>{t('console.reports.customers.name')}</span>
          <input name="name" defaultValue={q.get('name') ?? ''} />
        </label>
        <label className="field">
          <span>{t('console.reports.customers.phonetic')}</span>
          <input name="phoneticName" defaultValue={q.get('phoneticName') ?? ''} placeholder="さとう / サトウ" />
        </label>
        <label className="field">
          <span>{t('console.reports.col.phone')}</span>
          <input name="phone" defaultValue={q.get('phone') ?? ''} inputMode="tel" placeholder={t('console.example.phone')} />
        </label>
        <label className="field">
          <span>{t('console.reports.customers.list')}</span>
          <select name="listId" defaultValue={q.get('listId') ?? ''}>
            <option value="">{t('console.reports.customers.allLists')}</option>
            {(lists.data ?? []).map((l) => (
              <option key={l.id} value={String(l.id)}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('console.reports.search')}
        </button>
      </form>
      {!asked ? (
        <p className="card muted rp-empty">{t('console.reports.customers.ask')}</p>
      ) : (
        <PageState query={results}>
          {(page) => (
            <ReportCard id="rp-customers" title={t('console.reports.customers.found', { count: page.total })} csv={{ path: 'customers', params: csv }} busy={results.isFetching}>
              <div className="cb-scroll">
                <table className="cb-table rp-customers" data-table="customers">
                  <thead>
                    <tr>
                      <th>{t('console.reports.col.customer')}</th>
                      <th>{t('console.reports.customers.list')}</th>
                      <th>{t('console.reports.col.phone')}</th>
                      <th>{t('console.reports.customers.campaigns')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((c) => (
                      <CustomerRow key={c.recordId} customer={c} />
                    ))}
                  </tbody>
                </table>
                {page.items.length === 0 && <p className="muted cb-empty">{t('console.reports.customers.none')}</p>}
              </div>
              <Pager page={page} view={{ sort: 'windowStart', order: 'asc', limit, offset }} onView={(v) => go({ limit: v.limit === 50 ? '' : String(v.limit), offset: v.offset ? String(v.offset) : '' })} />
            </ReportCard>
          )}
        </PageState>
      )}
    </>
  );
}
