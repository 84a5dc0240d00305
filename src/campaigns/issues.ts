import { AppError } from '../shared/errors.js';

/** One thing wrong with a campaign definition: where (a dotted path into the JSON) and what to do. */
export interface Issue {
  path: string;
  problem: string;
}

/**
 * Refuses a definition with problems, all of them at once, in the same shape the HTTP edge
 * gives schema errors: `details` is the list of {where, path, problem}.
 */
export function throwIfIssues(issues: readonly Issue[], subject = 'The campaign'): void {
  if (issues.length === 0) return;
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''} in details)` : '';
  throw new AppError(
    'validation_failed',
    `${subject} is not valid: ${first.path} — ${first.problem}${more}`,
    issues.map((i) => ({ where: 'body', path: i.path, problem: i.problem })),
  );
}
