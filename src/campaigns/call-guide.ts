import type { z } from 'zod';
import type { callGuideSchema } from './campaign-schemas.js';
import type { Issue } from './issues.js';

/**
 * The call guide (D9): questions whose answers lead to another question or end the guide.
 * Branches may meet again (a question reached from two answers), but the guide must have
 * exactly one first question, no loops, no branch to a question that does not exist, and
 * every question must be reachable from the first. Each error names the question and answer.
 */
export type CallGuide = z.infer<typeof callGuideSchema>;

export function checkCallGuide(guide: CallGuide): Issue[] {
  const issues: Issue[] = [];
  const at = (qi: number, ai?: number) => (ai === undefined ? `callGuide.questions.${qi}` : `callGuide.questions.${qi}.answers.${ai}`);

  const index = new Map<string, number>();
  guide.questions.forEach((q, qi) => {
    if (index.has(q.id)) issues.push({ path: `${at(qi)}.id`, problem: `Question id "${q.id}" is used twice; give each question its own id.` });
    else index.set(q.id, qi);
    const answerIds = new Set<string>();
    q.answers.forEach((a, ai) => {
      if (answerIds.has(a.id)) issues.push({ path: `${at(qi, ai)}.id`, problem: `Question "${q.id}" has two answers with id "${a.id}"; answer ids must be unique within a question.` });
      answerIds.add(a.id);
    });
  });
  if (issues.length > 0) return issues;

  const referenced = new Set<string>();
  guide.questions.forEach((q, qi) =>
    q.answers.forEach((a, ai) => {
      if (a.next === null) return;
      if (!index.has(a.next)) {
        issues.push({ path: `${at(qi, ai)}.next`, problem: `Answer "${a.id}" of question "${q.id}" leads to question "${a.next}", which does not exist; point it at an existing question or set next to null to end the guide.` });
      } else if (a.next === q.id) {
        issues.push({ path: `${at(qi, ai)}.next`, problem: `Answer "${a.id}" of question "${q.id}" leads back to the same question; a guide cannot loop.` });
      }
      referenced.add(a.next);
    }),
  );
  if (issues.length > 0) return issues;

  const roots = guide.questions.filter((q) => !referenced.has(q.id));
  if (roots.length === 0) {
    issues.push({ path: 'callGuide.questions', problem: 'Every question is the answer to another, so the guide has no first question (it loops); make one question the start by not pointing any answer at it.' });
    return issues;
  }
  if (roots.length > 1) {
    issues.push({
      path: 'callGuide.questions',
      problem: `The guide has ${roots.length} first questions (${roots.map((q) => `"${q.id}"`).join(', ')}) that no answer leads to; it needs exactly one — link the others from an answer or remove them.`,
    });
    return issues;
  }

  // Depth-first from the root: a question met again while still on the current path closes a loop.
  const state = new Map<string, 'open' | 'done'>();
  const loop = findLoop(guide, roots[0]!.id, index, state);
  if (loop) {
    const [qi, ai] = loop;
    const q = guide.questions[qi]!;
    const a = q.answers[ai]!;
    issues.push({ path: `${at(qi, ai)}.next`, problem: `Answer "${a.id}" of question "${q.id}" leads back to question "${a.next}", which comes before it: the guide would loop. Point it forward or end the guide.` });
    return issues;
  }
  guide.questions.forEach((q, qi) => {
    if (!state.has(q.id)) issues.push({ path: at(qi), problem: `Question "${q.id}" cannot be reached from the first question "${roots[0]!.id}"; link it from an answer or remove it.` });
  });
  return issues;
}

/** The first answer (question index, answer index) that closes a loop, if any. */
function findLoop(guide: CallGuide, start: string, index: Map<string, number>, state: Map<string, 'open' | 'done'>): [number, number] | undefined {
  // Iterative DFS so a 200-question chain cannot overflow the stack.
  const stack: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
  state.set(start, 'open');
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const qi = index.get(top.id)!;
    const answers = guide.questions[qi]!.answers;
    if (top.next >= answers.length) {
      state.set(top.id, 'done');
      stack.pop();
      continue;
    }
    const ai = top.next++;
    const target = answers[ai]!.next;
    if (target === null) continue;
    const seen = state.get(target);
    if (seen === 'open') return [qi, ai];
    if (seen === 'done') continue;
    state.set(target, 'open');
    stack.push({ id: target, next: 0 });
  }
  return undefined;
}
