import type { Actor } from '../access/actor.js';
import type { AgentView } from '../dialer/describe-agent.js';
import type { AgentCommandDeps } from './agent-commands.js';

/**
 * The agent desktop's state (P2): everything `describe` gives, plus the History tab — the
 * earlier attempts on the record in hand in this campaign, newest first.
 */
export interface AttemptHistoryItem {
  attemptId: string;
  number: string | null;
  agentId: number | null;
  queuedAt: string;
  connectedAt: string | null;
  endedAt: string | null;
  result: string | null;
  wrapUpCode: string | null;
  notes: string | null;
}

export async function getAgentState(deps: AgentCommandDeps, actor: Actor): Promise<AgentView & { history: AttemptHistoryItem[] }> {
  await deps.runtime.writes.drained();
  const view = deps.runtime.describe(actor.userId);
  if (!view.work) return { ...view, history: [] };
  const rows = await deps.db
    .selectFrom('dial_attempts')
    .select(['id', 'number_dialed', 'agent_id', 'queued_at', 'connected_at', 'ended_at', 'system_result', 'wrap_up_code', 'notes'])
    .where('campaign_id', '=', view.work.campaignId)
    .where('record_id', '=', view.work.recordId)
    .orderBy('queued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return {
    ...view,
    history: rows.map((r) => ({
      attemptId: r.id,
      number: r.number_dialed,
      agentId: r.agent_id,
      queuedAt: r.queued_at.toISOString(),
      connectedAt: r.connected_at?.toISOString() ?? null,
      endedAt: r.ended_at?.toISOString() ?? null,
      result: r.system_result,
      wrapUpCode: r.wrap_up_code,
      notes: r.notes,
    })),
  };
}
