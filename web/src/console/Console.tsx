import { Link, Route, Router, Switch } from 'wouter';
import { api } from '../api/client';
import type { User } from '../api/types';
import { useI18n, type Translate } from '../i18n/i18n';
import { Brand } from '../ui/Brand';
import { UserBar } from '../ui/UserBar';
import { AdminPage } from './admin/AdminPage';
import { CallbacksPage } from './callbacks/CallbacksPage';
import { CampaignsPage } from './campaigns/CampaignsPage';
import { DashboardPage } from './dashboard/DashboardPage';
import { ListsPage } from './lists/ListsPage';
import { RecordingsPage } from './recordings/RecordingsPage';
import { ReportsPage } from './reports/ReportsPage';

/** The console's sections, in the order of the navigation; each is a path under /console. */
const SECTIONS = [
  { path: '/', label: 'console.nav.dashboard' },
  { path: '/campaigns', label: 'console.nav.campaigns' },
  { path: '/lists', label: 'console.nav.lists' },
  { path: '/recordings', label: 'console.nav.recordings' },
  { path: '/callbacks', label: 'console.nav.callbacks' },
  { path: '/reports', label: 'console.nav.reports' },
  { path: '/admin', label: 'console.nav.admin' },
] as const satisfies ReadonlyArray<{ path: string; label: Parameters<Translate>[0] }>;

/**
 * The supervisor console (issue 6): supervisors and admins run the floor from here. Same app and
 * API as the agent desktop; the server decides what each of them may see and change, the console
 * only shows it. Sections live under /console, so a reload or a shared link opens the same page.
 */
export function Console(props: { user: User; onSignedOut(): void }) {
  const { t } = useI18n();
  async function signOut() {
    await api('POST', '/api/auth/sign-out').catch(() => undefined);
    props.onSignedOut();
  }
  return (
    <Router base="/console">
      <div className="console">
        <header className="topbar">
          <Brand />
          <nav className="console-nav" aria-label={t('console.nav')}>
            {SECTIONS.map((s) => (
              <Link key={s.path} href={s.path} className={(active) => (active ? 'active' : '')}>
                {t(s.label)}
              </Link>
            ))}
          </nav>
          <div className="spacer" />
          <UserBar user={props.user} onSignOut={() => void signOut()} />
        </header>
        <main className="console-main">
          <Switch>
            <Route path="/" component={DashboardPage} />
            <Route path="/campaigns" nest>
              <CampaignsPage user={props.user} />
            </Route>
            <Route path="/lists" nest>
              <ListsPage user={props.user} />
            </Route>
            <Route path="/recordings" component={RecordingsPage} />
            <Route path="/callbacks">
              <CallbacksPage user={props.user} />
            </Route>
            <Route path="/reports" nest>
              <ReportsPage user={props.user} />
            </Route>
            <Route path="/admin" nest>
              <AdminPage user={props.user} />
            </Route>
            <Route>
              <p className="card">{t('console.notFound')}</p>
            </Route>
          </Switch>
        </main>
      </div>
    </Router>
  );
}

