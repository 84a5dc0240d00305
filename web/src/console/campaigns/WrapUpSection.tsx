import { codeLabel } from '../../desk/CodeSelect';
import type { MessageKey } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n';
import { waitText } from './duration';
import { SettingsSection } from './SettingsSection';
import { WrapUpCodesEditor } from './WrapUpCodesEditor';
import { wrapUpCodesBody, type WrapUpCode } from './wizard/draft';
import type { Campaign } from './types';

const OUTCOME_KEYS: Record<string, MessageKey> = {
  final_success: 'console.campaigns.outcome.final_success',
  final_failure: 'console.campaigns.outcome.final_failure',
  retry_after: 'console.campaigns.outcome.retry_after',
  callback: 'console.campaigns.outcome.callback',
  do_not_call: 'console.campaigns.outcome.do_not_call',
};

/** D8: the wrap-up codes agents choose from, each with its outcome and keyboard digit; the system codes marked (and named in the user's language unless relabelled). */
export function WrapUpSection(props: { campaign: Campaign }) {
  const { t, tMaybe } = useI18n();
  const c = props.campaign;
  return (
    <SettingsSection<WrapUpCode[]>
      title={t('console.campaigns.section.wrapUp')}
      campaign={c}
      startDraft={() => structuredClone(c.wrapUpCodes) as WrapUpCode[]}
      form={(codes, set) => <WrapUpCodesEditor codes={codes} onChange={set} fillFromSet />}
      toPatch={(codes) => ({ wrapUpCodes: wrapUpCodesBody(codes) as Campaign['wrapUpCodes'] })}
      view={
        <table className="data-table compact">
          <thead>
            <tr>
              <th>{t('console.campaigns.wrapUp.label')}</th>
              <th>{t('console.campaigns.wrapUp.outcome')}</th>
              <th>{t('console.campaigns.wrapUp.shortcut')}</th>
            </tr>
          </thead>
          <tbody>
            {c.wrapUpCodes.map((w) => (
              <tr key={w.code}>
                <td>
                  {codeLabel(w, tMaybe)} <code className="muted small">{w.code}</code>{' '}
                  {w.system && <span className="tag">{t('console.campaigns.wrapUp.system')}</span>}
                </td>
                <td className="wrap-up-outcome">{OUTCOME_KEYS[w.outcome] ? t(OUTCOME_KEYS[w.outcome]!, { wait: waitText(t, w.retryAfterMinutes ?? 0) }) : w.outcome}</td>
                <td>{w.shortcut ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
