import { Link, Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import type { User } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { AgentsReport } from './AgentsReport';
import { AttemptsReport } from './AttemptsReport';
import { CampaignsReport } from './CampaignsReport';
import { CustomersReport } from './CustomersReport';
import { FilterBar } from './FilterBar';
import { filtersFromUrl, sharedOnly, withParams, type Filters } from './filters';
import './reports.css';
import { WrapUpReport } from './WrapUpReport';

const TABS = [
  { path: '/campaigns', label: 'console.reports.tab.campaigns', agent: false },
  { path: '/wrap-up-codes', label: 'console.reports.tab.wrapUp', agent: false },
  { path: '/agents', label: 'console.reports.tab.agents', agent: true },
  { path: '/attempts', label: 'console.reports.tab.attempts', agent: true },
  { path: '/customers', label: 'console.reports.tab.customers', agent: false },
] as const;

/**
 * /console/reports — reports (issue 6 point 6; SPEC R2, R3): campaigns, wrap-up codes, agents,
 * attempt history and customer search, each a tab of its own address. The filters live in the
 * query string (a reload or a shared link opens the same report) and go to the tab chosen next;
 * every table has its CSV. The server decides which campaigns the user sees (A1).
 */
export function ReportsPage(_props: { user: User }) {
  const { t, timeZone } = useI18n();
  const search = useSearch();
  const [location, navigate] = useLocation();
  const filters = filtersFromUrl(search, timeZone);
  const tab = TABS.find((x) => location.startsWith(x.path));
  const shared = sharedOnly(search);

  function change(changes: Partial<Filters>) {
    // A new filter starts the attempt search on its first page.
    const q = withParams(search, { ...(changes as Record<string, string>), offset: '' });
    navigate(q ? `${location}?${q}` : location);
  }

  return (
    <section className="rp-page" aria-labelledby="rp-title">
      <div className="rp-head">
        <h1 id="rp-title">{t('console.reports.title')}</h1>
        <nav className="rp-tabs" aria-label={t('console.reports.tabs')}>
          {TABS.map((x) => (
            <Link key={x.path} href={shared ? `${x.path}?${shared}` : x.path} className={tab === x ? 'active' : ''} aria-current={tab === x ? 'page' : undefined}>
              {t(x.label)}
            </Link>
          ))}
        </nav>
      </div>
      {tab && tab.path !== '/customers' && <FilterBar key={filters.timeZone} filters={filters} withAgent={tab.agent} onChange={change} />}
      <Switch>
        <Route path="/campaigns">
          <CampaignsReport filters={filters} />
        </Route>
        <Route path="/wrap-up-codes">
          <WrapUpReport filters={filters} />
        </Route>
        <Route path="/agents">
          <AgentsReport filters={filters} />
        </Route>
        <Route path="/attempts">
          <AttemptsReport filters={filters} />
        </Route>
        <Route path="/customers">
          <CustomersReport timeZone={filters.timeZone} />
        </Route>
        <Route>
          <Redirect to={search ? `/campaigns?${search}` : '/campaigns'} replace />
        </Route>
      </Switch>
    </section>
  );
}
