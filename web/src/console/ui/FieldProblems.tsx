import { ApiError } from '../../api/client';

/** One problem the server found with a field of a refused request (its validation details). */
export interface FieldProblem {
  path: string;
  problem: string;
}

/** The problems a refusal lists for the field at exactly `path` (e.g. "sipUri"). */
export function problemsAt(refusal: unknown, path: string): FieldProblem[] {
  const list = refusal instanceof ApiError ? refusal.details : null;
  if (!Array.isArray(list)) return [];
  return (list as Array<Partial<FieldProblem>>).filter((p): p is FieldProblem => p?.path === path && typeof p.problem === 'string');
}

/** What the server found wrong with a field, shown under it. */
export function FieldProblems(props: { problems: ReadonlyArray<{ problem: string }> }) {
  if (props.problems.length === 0) return null;
  return (
    <ul className="field-problems" role="alert">
      {props.problems.map((p, i) => (
        <li key={i}>{p.problem}</li>
      ))}
    </ul>
  );
}
