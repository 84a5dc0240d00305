import { useI18n } from '../../i18n/i18n';
import type { CallGuide } from '../campaigns/types';

type Question = CallGuide['questions'][number];

/**
 * D9: a call guide as the tree an agent walks — from the first question, each answer a labelled
 * branch to the question it leads to, or to the end. A question reached again (two answers lead
 * to it, or a loop) is shown once in full and afterwards as a reference, so the tree stays finite.
 * Read-only; campaigns edit their guide in their settings (wizard/CallGuideEditor).
 */
export function QuestionTree(props: { guide: CallGuide }) {
  const { t } = useI18n();
  const byId = new Map(props.guide.questions.map((q) => [q.id, q]));
  const shown = new Set<string>();
  const first = props.guide.questions[0];
  if (!first) return <p className="muted">{t('console.campaigns.guide.none')}</p>;

  // Depth-first from the first question; questions nothing leads to are listed after it.
  const roots = [first, ...props.guide.questions.filter((q) => q !== first && !props.guide.questions.some((o) => o.answers.some((a) => a.next === q.id)))];
  const node = (q: Question) => {
    shown.add(q.id);
    return (
      <li key={q.id} className="tree-question" data-question={q.id}>
        <span className="tree-q">{q.text}</span>
        <ul>
          {q.answers.map((a) => {
            const next = a.next === null ? undefined : byId.get(a.next);
            return (
              <li key={a.id} className="tree-answer">
                <span className="tree-a">{a.text}</span>
                {next === undefined ? (
                  <span className="tree-end">{a.next === null ? t('console.campaigns.guide.end') : a.next}</span>
                ) : shown.has(next.id) ? (
                  <span className="tree-ref">↪ {next.text}</span>
                ) : (
                  <ul>{node(next)}</ul>
                )}
              </li>
            );
          })}
        </ul>
      </li>
    );
  };
  return (
    <ul className="question-tree" aria-label={t('console.admin.guides.tree')}>
      {roots.map((q) => (shown.has(q.id) ? null : node(q)))}
    </ul>
  );
}
