import { useI18n } from '../../i18n/i18n';
import type { GuideQuestion } from './wizard/draft';

/**
 * D9: the call guide's questions; each answer leads to another question or ends the guide.
 * Questions get ids q1, q2… and answers a1, a2… within their question.
 */
export function CallGuideEditor(props: { questions: GuideQuestion[]; onChange(questions: GuideQuestion[]): void }) {
  const { t } = useI18n();
  const { questions, onChange } = props;
  const edit = (i: number, q: GuideQuestion) => onChange(questions.map((x, j) => (j === i ? q : x)));
  const freshId = (prefix: string, taken: string[]) => {
    let n = taken.length + 1;
    while (taken.includes(`${prefix}${n}`)) n++;
    return `${prefix}${n}`;
  };
  return (
    <fieldset className="guide-editor">
      <legend>{t('console.wizard.guide')}</legend>
      <p className="muted small">{t('console.wizard.guideHelp')}</p>
      {questions.map((q, i) => {
        const title = t('console.wizard.question', { n: i + 1 });
        return (
          <div key={q.id} className="guide-question" role="group" aria-label={title}>
            <div className="row">
              <strong>{title}</strong>
              <input className="grow" aria-label={`${title}: ${t('console.wizard.questionText')}`} value={q.text} maxLength={500} onChange={(e) => edit(i, { ...q, text: e.target.value })} />
              <button
                type="button"
                className="link"
                onClick={() => onChange(questions.filter((_, j) => j !== i).map((x) => ({ ...x, answers: x.answers.map((a) => (a.next === q.id ? { ...a, next: null } : a)) })))}
              >
                {t('console.wizard.removeQuestion')}
              </button>
            </div>
            <ul>
              {q.answers.map((a, k) => (
                <li key={a.id} className="row">
                  <input aria-label={`${title}: ${t('console.wizard.answer')} ${k + 1}`} value={a.text} maxLength={200} onChange={(e) => edit(i, { ...q, answers: q.answers.map((x, m) => (m === k ? { ...x, text: e.target.value } : x)) })} />
                  <label>
                    {t('console.wizard.leadsTo')}{' '}
                    <select value={a.next ?? ''} onChange={(e) => edit(i, { ...q, answers: q.answers.map((x, m) => (m === k ? { ...x, next: e.target.value || null } : x)) })}>
                      <option value="">{t('console.wizard.endsGuide')}</option>
                      {questions
                        .filter((other) => other.id !== q.id)
                        .map((other) => (
                          <option key={other.id} value={other.id}>
                            {t('console.wizard.question', { n: questions.indexOf(other) + 1 })}: {other.text}
                          </option>
                        ))}
                    </select>
                  </label>
                  <button type="button" className="link" onClick={() => edit(i, { ...q, answers: q.answers.filter((_, m) => m !== k) })}>
                    {t('console.wizard.remove')}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => edit(i, { ...q, answers: [...q.answers, { id: freshId('a', q.answers.map((a) => a.id)), text: '', next: null }] })}>
              {t('console.wizard.addAnswer')}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...questions, { id: freshId('q', questions.map((q) => q.id)), text: '', answers: [{ id: 'a1', text: '', next: null }] }])}>
        {t('console.wizard.addQuestion')}
      </button>
    </fieldset>
  );
}
