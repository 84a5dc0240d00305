import { useI18n } from '../../i18n/i18n';
import { Fact, SettingsSection } from './SettingsSection';
import type { Campaign } from './types';

/** The contact lists the campaign dials, in order, and the do-not-call lists its numbers are checked against (L4). */
export function ListsSection(props: { campaign: Campaign }) {
  const { t } = useI18n();
  const c = props.campaign;
  return (
    <SettingsSection
      title={t('console.campaigns.section.lists')}
      campaign={c}
      view={
        <dl className="facts">
          <Fact label={t('console.campaigns.lists')}>
            {c.lists.length === 0 ? (
              <span className="warn-text">{t('console.campaigns.noLists')}</span>
            ) : (
              <ol className="plain">
                {c.lists.map((l) => (
                  <li key={l.id}>{l.name}</li>
                ))}
              </ol>
            )}
          </Fact>
          <Fact label={t('console.campaigns.dncLists')}>{c.dncLists.length === 0 ? t('console.campaigns.dncAll') : c.dncLists.map((d) => d.name).join(', ')}</Fact>
        </dl>
      }
    />
  );
}
