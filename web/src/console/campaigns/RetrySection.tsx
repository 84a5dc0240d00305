import { useI18n } from '../../i18n/i18n';
import { waitText } from './duration';
import { RESULT_KEYS, RetryRulesEditor } from './RetryRulesEditor';
import { Fact, SettingsSection } from './SettingsSection';
import { SYSTEM_RESULTS, type Campaign, type RetryRule } from './types';

type Rules = Campaign['retryRules'];

/**
 * L6: what happens after each system result (retry after a delay, so many times, or final) and
 * the attempt limits per record and per number per day.
 */
export function RetrySection(props: { campaign: Campaign }) {
  const { t } = useI18n();
  const c = props.campaign;
  const rules = c.retryRules;
  const describe = (r: RetryRule) => (r.action === 'final' ? t('console.campaigns.retry.final') : t('console.campaigns.retry.every', { wait: waitText(t, r.delayMinutes), times: r.maxRetries }));
  return (
    <SettingsSection<Rules>
      title={t('console.campaigns.section.retry')}
      campaign={c}
      startDraft={() => structuredClone(rules)}
      toPatch={(d) => ({ retryRules: d })}
      form={(d, set) => <RetryRulesEditor rules={d} onChange={set} />}
      view={
        <>
          <table className="data-table compact">
            <tbody>
              {SYSTEM_RESULTS.map((r) => (
                <tr key={r}>
                  <th scope="row">{t(RESULT_KEYS[r])}</th>
                  <td>{describe(rules.results[r])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="facts">
            <Fact label={t('console.campaigns.maxPerRecord')}>{rules.maxAttemptsPerRecord}</Fact>
            <Fact label={t('console.campaigns.maxPerNumberPerDay')}>{rules.maxAttemptsPerNumberPerDay}</Fact>
          </dl>
        </>
      }
    />
  );
}
