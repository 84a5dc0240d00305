import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

interface Problem {
  path?: string;
  field?: string;
  problem: string;
}

/** Each problem the server listed: validation details ({path, problem}) or what a start lacks ({field, problem}). */
function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError)) return [];
  const d = error.details as { missing?: Problem[] } | Problem[] | null;
  const list = Array.isArray(d) ? d : (d?.missing ?? []);
  return list.filter((p): p is Problem => typeof p?.problem === 'string');
}

/**
 * A refusal from the server, said plainly: its message (what is wrong and how to fix it) and
 * every problem it listed with the setting it concerns.
 */
export function ServerError(props: { error: unknown }) {
  const { t } = useI18n();
  if (!props.error) return null;
  const problems = problemsOf(props.error);
  const message = props.error instanceof Error ? props.error.message : String(props.error);
  return (
    <div className="server-error" role="alert">
      <p>
        <strong>{t('console.campaigns.refused')}</strong> {message}
      </p>
      {problems.length > 1 && (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              <code>{p.path ?? p.field}</code> — {p.problem}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
