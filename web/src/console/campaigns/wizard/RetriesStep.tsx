import { RetryRulesEditor } from '../RetryRulesEditor';
import type { Draft } from './draft';

/** Step 4 (L6): what happens after each system result, and the attempt limits. */
export function RetriesStep(props: { draft: Draft; change(patch: Partial<Draft>): void }) {
  return <RetryRulesEditor rules={props.draft.retryRules} onChange={(retryRules) => props.change({ retryRules })} />;
}
