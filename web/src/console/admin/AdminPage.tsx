import { Link, Redirect, Route, Switch } from 'wouter';
import type { User } from '../../api/types';
import { useI18n, type Translate } from '../../i18n/i18n';
import './admin.css';
import { CodeSetsTab } from '../templates/CodeSetsTab';
import { HoursTemplatesTab } from '../templates/HoursTemplatesTab';
import { DncTab } from './DncTab';
import { GrantsTab } from './GrantsTab';
import { GuidesTab } from './GuidesTab';
import { QueuesTab } from './QueuesTab';
import { UsersTab } from './UsersTab';

/** The tabs, in order; `admin` ones are for admins (the server refuses anyone else's changes there). */
const TABS = [
  { path: '/users', label: 'console.admin.tab.users', admin: true },
  { path: '/queues', label: 'console.admin.tab.queues', admin: true },
  { path: '/grants', label: 'console.admin.tab.grants', admin: true },
  { path: '/dnc', label: 'console.admin.tab.dnc', admin: false },
  { path: '/code-sets', label: 'console.templates.codeSets', admin: false },
  { path: '/hours', label: 'console.templates.hours', admin: false },
  { path: '/guides', label: 'console.admin.tab.guides', admin: false },
] as const satisfies ReadonlyArray<{ path: string; label: Parameters<Translate>[0]; admin: boolean }>;

/**
 * Administration (issue 6 point 7; A1, L4), nested under /console/admin: users, queues and their
 * members, supervisors' campaign grants, the wrap-up code sets and contactable-hours templates
 * campaigns copy, do-not-call lists, and each campaign's call guide as a question tree
 * (read-only). Admins see every tab; supervisors the templates (read-only), the do-not-call
 * lists, which staff may keep, and the call guides. A tab opened by URL without the
 * right shows the server's refusal.
 */
export function AdminPage(props: { user: User }) {
  const { t } = useI18n();
  const isAdmin = props.user.role === 'admin';
  const tabs = TABS.filter((tab) => isAdmin || !tab.admin);
  return (
    <section className="admin-page" aria-labelledby="admin-title">
      <h1 id="admin-title">{t('console.admin.title')}</h1>
      <nav className="admin-tabs" aria-label={t('console.admin.tabs')}>
        {tabs.map((tab) => (
          <Link key={tab.path} href={tab.path} className={(active) => (active ? 'active' : '')}>
            {t(tab.label)}
          </Link>
        ))}
      </nav>
      <Switch>
        <Route path="/users">
          <UsersTab me={props.user} />
        </Route>
        <Route path="/queues">
          <QueuesTab canChange={isAdmin} />
        </Route>
        <Route path="/grants">
          <GrantsTab />
        </Route>
        <Route path="/code-sets">
          <CodeSetsTab canChange={isAdmin} />
        </Route>
        <Route path="/hours">
          <HoursTemplatesTab canChange={isAdmin} />
        </Route>
        <Route path="/dnc">
          <DncTab />
        </Route>
        <Route path="/guides">
          <GuidesTab />
        </Route>
        <Route path="/">
          <Redirect to={tabs[0]!.path} replace />
        </Route>
        <Route>
          <p className="card">{t('console.notFound')}</p>
        </Route>
      </Switch>
    </section>
  );
}
