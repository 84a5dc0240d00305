import { Route, Switch } from 'wouter';
import type { User } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { CampaignDetail } from './CampaignDetail';
import { CampaignList } from './CampaignList';
import './campaigns.css';
import { CampaignWizard } from './wizard/CampaignWizard';

/**
 * Campaigns in the console (issue 6; SPEC L3, L7, L8, O1–O3, O7, O11), nested under
 * /console/campaigns: the list, the creation wizard (/new), one campaign with its settings and
 * lifecycle (/:id) and, for an agent-owned one, its owner monitor (/:id/owners).
 */
export function CampaignsPage(props: { user: User }) {
  const { t } = useI18n();
  return (
    <Switch>
      <Route path="/">
        <CampaignList />
      </Route>
      <Route path="/new">
        <CampaignWizard user={props.user} />
      </Route>
      <Route path="/:id/owners">{(params) => <CampaignDetail id={Number(params.id)} tab="owners" />}</Route>
      <Route path="/:id">{(params) => <CampaignDetail id={Number(params.id)} tab="settings" />}</Route>
      <Route>
        <p className="card">{t('console.notFound')}</p>
      </Route>
    </Switch>
  );
}
