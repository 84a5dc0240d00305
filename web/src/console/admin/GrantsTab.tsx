import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { CampaignPicker } from './CampaignPicker';
import { useAdminChange, useGrants } from './queries';
import { Roster } from './Roster';
import type { CampaignSummary } from '../campaigns/types';

/**
 * A1: per campaign, the supervisors granted it (who may change it, its records and callbacks);
 * grant one, revoke one (asks first). Admins only: the server refuses anyone else.
 */
export function GrantsTab() {
  const { t } = useI18n();
  return <CampaignPicker intro={t('console.admin.grants.intro')}>{(c) => <CampaignGrants key={c.id} campaign={c} />}</CampaignPicker>;
}

function CampaignGrants(props: { campaign: CampaignSummary }) {
  const { t } = useI18n();
  const { campaign } = props;
  const add = useAdminChange((userId: number) => api<null>('PUT', `/api/campaigns/${campaign.id}/grants/${userId}`));
  const remove = useAdminChange((userId: number) => api<null>('DELETE', `/api/campaigns/${campaign.id}/grants/${userId}`));
  return (
    <Roster
      title={t('console.admin.grants.of', { name: campaign.name })}
      people={useGrants(campaign.id)}
      canChange
      eligible={(u) => u.role === 'supervisor'}
      pickLabel={t('console.admin.grants.pick')}
      empty={t('console.admin.grants.none')}
      removeLabel={t('console.admin.grants.revoke')}
      removeNamed={(name) => t('console.admin.grants.revokeNamed', { name })}
      removeTitle={(name) => t('console.admin.grants.revokeTitle', { name, campaign: campaign.name })}
      removeBody={t('console.admin.grants.revokeBody')}
      add={add}
      remove={remove}
    />
  );
}
