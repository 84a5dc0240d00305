import { useI18n } from '../../i18n/i18n';
import { CallGuideEditor } from './CallGuideEditor';
import { SettingsSection } from './SettingsSection';
import type { GuideQuestion } from './wizard/draft';
import type { Campaign } from './types';

/** D9: the call guide's questions, each answer with where it leads. */
export function CallGuideSection(props: { campaign: Campaign }) {
  const { t } = useI18n();
  const c = props.campaign;
  const text = new Map((c.callGuide?.questions ?? []).map((q) => [q.id, q.text]));
  return (
    <SettingsSection<GuideQuestion[]>
      title={t('console.campaigns.section.guide')}
      campaign={c}
      startDraft={() => structuredClone(c.callGuide?.questions ?? [])}
      form={(questions, set) => <CallGuideEditor questions={questions} onChange={set} />}
      toPatch={(questions) => ({ callGuide: questions.length > 0 ? { questions } : null })}
      view={
        !c.callGuide ? (
          <p className="muted">{t('console.campaigns.guide.none')}</p>
        ) : (
          <ol className="guide-questions">
            {c.callGuide.questions.map((q) => (
              <li key={q.id}>
                <strong>{q.text}</strong>
                <ul>
                  {q.answers.map((a) => (
                    <li key={a.id}>
                      {a.text} → <span className="muted">{a.next === null ? t('console.campaigns.guide.end') : (text.get(a.next) ?? a.next)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )
      }
    />
  );
}
