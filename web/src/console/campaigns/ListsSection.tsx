import { useI18n } from '../../i18n/i18n';
import { useDncLists } from '../admin/queries';
import { useLists } from '../lists/queries';
import { AttachedLists, type ListChoice } from './AttachedLists';
import { Fact, SettingsSection } from './SettingsSection';
import type { Campaign } from './types';

/**
 * L2, L4: the contact lists the campaign dials, in order, and the do-not-call lists its numbers
 * are checked against (none chosen: every list). Where the user may change the campaign, lists
 * are attached and removed here, each removal asked first; the server refuses what it must (the
 * last list of a running campaign; an agent-owned campaign's owners, O1, O2) and says why.
 */
export function ListsSection(props: { campaign: Campaign }) {
  const { t } = useI18n();
  const c = props.campaign;
  const lists = useLists('');
  const dnc = useDncLists();
  const contactLists: ListChoice[] | undefined = lists.data?.items.map((l) => ({ id: l.id, name: l.name, size: l.recordCount === 1 ? t('console.campaigns.attach.oneRecord') : t('console.campaigns.attach.records', { count: l.recordCount }) }));
  const dncLists: ListChoice[] | undefined = dnc.data?.map((l) => ({ id: l.id, name: l.name, size: l.numberCount === 1 ? t('console.campaigns.attach.oneNumber') : t('console.campaigns.attach.numbers', { count: l.numberCount }) }));
  return (
    <SettingsSection
      title={t('console.campaigns.section.lists')}
      campaign={c}
      view={
        <dl className="facts">
          <Fact label={t('console.campaigns.lists')}>
            <AttachedLists
              campaign={c}
              kind="lists"
              label={t('console.campaigns.lists')}
              attached={[...c.lists].sort((a, b) => a.position - b.position)}
              all={contactLists}
              ordered
              none={<span className="warn-text">{t('console.campaigns.noLists')}</span>}
              pickerNote={c.status === 'running' ? t('console.campaigns.attach.dialedAtOnce') : undefined}
              text={{
                pick: t('console.campaigns.attach.listToAttach'),
                choose: t('console.campaigns.attach.chooseList'),
                attach: t('console.campaigns.attach.attach'),
                allAttached: t('console.campaigns.attach.allListsAttached'),
                noneExist: t('console.campaigns.attach.noListsExist'),
              }}
              askRemove={(l) => ({
                title: t('console.campaigns.attach.removeListTitle', { list: l.name }),
                body: t('console.campaigns.attach.removeListBody', { list: l.name }),
                confirm: t('console.campaigns.attach.removeListConfirm'),
                danger: true,
              })}
            />
          </Fact>
          <Fact label={t('console.campaigns.dncLists')}>
            <AttachedLists
              campaign={c}
              kind="dnc-lists"
              label={t('console.campaigns.dncLists')}
              attached={c.dncLists}
              all={dncLists}
              none={<strong>{t('console.campaigns.dncAll')}</strong>}
              note={t(c.dncLists.length === 0 ? 'console.campaigns.attach.dncAllNote' : 'console.campaigns.attach.dncSomeNote')}
              text={{
                pick: t('console.campaigns.attach.dncToAttach'),
                choose: t('console.campaigns.attach.chooseDnc'),
                attach: t('console.campaigns.attach.check'),
                allAttached: t('console.campaigns.attach.allDncAttached'),
                noneExist: t('console.campaigns.attach.noDncExist'),
              }}
              // The first list chosen narrows the check from every list to the chosen ones: said first.
              askAttach={(l) =>
                c.dncLists.length === 0
                  ? { title: t('console.campaigns.attach.narrowTitle', { list: l.name }), body: t('console.campaigns.attach.narrowBody', { list: l.name }), confirm: t('console.campaigns.attach.narrowConfirm') }
                  : null
              }
              askRemove={(l) => {
                const last = c.dncLists.length === 1;
                return {
                  title: t('console.campaigns.attach.stopTitle', { list: l.name }),
                  body: t(last ? 'console.campaigns.attach.stopLastBody' : 'console.campaigns.attach.stopBody', { list: l.name }),
                  confirm: t('console.campaigns.attach.stopConfirm'),
                  danger: !last,
                };
              }}
            />
          </Fact>
        </dl>
      }
    />
  );
}
