import { useI18n } from '../../../i18n/i18n';
import { MODE_KEYS } from '../badges';
import { sortHolidays } from '../ContactableTimesEditor';
import { WEEKDAYS } from '../types';
import { isPreviewMode, type Draft } from './draft';

/** Step 7: the campaign in a few lines before it is created (as a draft: nothing is dialed yet). */
export function ReviewStep(props: { draft: Draft; queueName: string | null; listNames: string[] }) {
  const { t, tMaybe } = useI18n();
  const { draft } = props;
  const none = t('console.wizard.none');
  const hours = WEEKDAYS.map((d) => {
    const windows = draft.contactableTimes.weekly[d] ?? [];
    return `${tMaybe(`console.wizard.day.${d}`, d)} ${windows.length ? windows.map((w) => `${w.start}–${w.end}`).join(', ') : t('console.wizard.closed')}`;
  });
  const rows: Array<[string, string]> = [
    [t('console.wizard.name'), draft.name || none],
    [t('console.wizard.mode'), t(MODE_KEYS[draft.mode])],
    [t('console.wizard.queue'), props.queueName ?? none],
    [t('console.wizard.lists'), props.listNames.join(', ') || none],
    ...(draft.mode === 'agent_owned_preview' ? [[t('console.wizard.ownerColumn'), draft.ownerColumn ?? none] as [string, string]] : []),
    [t('console.wizard.callerId'), draft.callerId || none],
    [t('console.wizard.profile'), tMaybe(`console.wizard.profile.${draft.regulatoryProfile}`, draft.regulatoryProfile)],
    [t('console.wizard.step.hours'), `${hours.join(' · ')} (${draft.contactableTimes.defaultTimeZone})`],
    [t('console.campaigns.holidays'), sortHolidays(draft.contactableTimes.holidays).map((h) => [h.date, h.country && `(${h.country})`, h.name].filter(Boolean).join(' ')).join(' · ') || none],
    [t('console.campaigns.maxPerRecord'), String(draft.retryRules.maxAttemptsPerRecord)],
    [t('console.wizard.step.wrapUp'), draft.wrapUpCodes.map((c) => c.label || c.code).join(', ')],
    [t('console.wizard.screenPop'), draft.screenPopFields.join(', ') || none],
    [t('console.wizard.sortOrder'), draft.sortOrder.map((k) => `${k.column} (${t(k.direction === 'asc' ? 'console.wizard.asc' : 'console.wizard.desc')})`).join(', ') || none],
    ...(isPreviewMode(draft.mode) && draft.preview ? [[t('console.wizard.autoAccept'), draft.preview.autoAccept ? '✓' : '—'] as [string, string]] : []),
    [t('console.wizard.guide'), draft.callGuide ? String(draft.callGuide.questions.length) : none],
  ];
  return (
    <div>
      <p>{t('console.wizard.summary')}</p>
      <dl className="wizard-summary">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
