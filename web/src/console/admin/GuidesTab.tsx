import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { useCampaign } from '../campaigns/campaign-queries';
import { PageState } from '../ui/PageState';
import { CampaignPicker } from './CampaignPicker';
import { QuestionTree } from './QuestionTree';

/** D9: each campaign's call guide as its question tree, read-only; edited in the campaign's settings. */
export function GuidesTab() {
  return <CampaignPicker wide>{(c) => <CampaignGuide key={c.id} id={c.id} />}</CampaignPicker>;
}

function CampaignGuide(props: { id: number }) {
  const { t } = useI18n();
  const campaign = useCampaign(props.id);
  return (
    <PageState query={campaign}>
      {(c) => (
        <section className="card admin-panel" aria-label={t('console.admin.guides.of', { name: c.name })}>
          <h2>{t('console.admin.guides.of', { name: c.name })}</h2>
          {c.callGuide ? <QuestionTree guide={c.callGuide} /> : <p className="muted">{t('console.campaigns.guide.none')}</p>}
          <p className="small muted">
            <Link href={`~/console/campaigns/${c.id}`}>{t('console.admin.guides.edit')}</Link>
          </p>
        </section>
      )}
    </PageState>
  );
}
