import { useI18n } from '../i18n/i18n';

/** The campaign's call guide as the server sends it (D9; checked there: one first question, no loops). */
export interface Guide {
  questions: Array<{ id: string; text: string; answers: Array<{ id: string; text: string; next: string | null }> }>;
}
export interface GuideAnswer {
  questionId: string;
  answerId: string;
}

export function asGuide(value: unknown): Guide | null {
  const g = value as Guide | null;
  return g && Array.isArray(g.questions) && g.questions.length > 0 ? g : null;
}

/** The first question: the one no answer leads to. */
function firstQuestion(guide: Guide): string {
  const led = new Set(guide.questions.flatMap((q) => q.answers.map((a) => a.next)));
  return (guide.questions.find((q) => !led.has(q.id)) ?? guide.questions[0]!).id;
}

/**
 * D9: the call guide beside the call and the wrap-up — the questions answered so far (each can be
 * changed, which drops the answers after it), then the question the last answer leads to, until
 * an answer ends the guide. The answers go out with the wrap-up.
 */
export function CallGuide(props: { guide: Guide; answers: GuideAnswer[]; onChange(answers: GuideAnswer[]): void }) {
  const { t } = useI18n();
  const { guide, answers } = props;
  const byId = new Map(guide.questions.map((q) => [q.id, q]));
  const path = answers.map((a) => {
    const q = byId.get(a.questionId)!;
    return { q, a: q.answers.find((x) => x.id === a.answerId)! };
  });
  const last = path[path.length - 1];
  const currentId = last ? last.a.next : firstQuestion(guide);
  const current = currentId ? byId.get(currentId) : undefined;
  const answer = (questionId: string, answerId: string, at: number) => props.onChange([...answers.slice(0, at), { questionId, answerId }]);
  return (
    <section className="card guide" aria-labelledby="guide-title">
      <h2 id="guide-title">{t('guide.title')}</h2>
      <ol className="guide-path">
        {path.map(({ q, a }, i) => (
          <li key={q.id}>
            <span className="muted">{q.text}</span>
            <span className="guide-answer">
              <strong>{a.text}</strong>{' '}
              <button type="button" className="link" onClick={() => props.onChange(answers.slice(0, i))} aria-label={t('guide.change', { question: q.text })}>
                {t('guide.changeShort')}
              </button>
            </span>
          </li>
        ))}
      </ol>
      {current ? (
        <fieldset className="guide-question">
          <legend>{current.text}</legend>
          <div className="row">
            {current.answers.map((a) => (
              <button key={a.id} type="button" onClick={() => answer(current.id, a.id, path.length)}>
                {a.text}
              </button>
            ))}
          </div>
        </fieldset>
      ) : (
        <p className="guide-done" role="status">
          {t('guide.done')}
        </p>
      )}
    </section>
  );
}
