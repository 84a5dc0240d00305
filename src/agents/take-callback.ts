import type { Actor } from '../access/actor.js';
import type { AgentView } from '../dialer/describe-agent.js';
import { takeCallback as takeIntoHand } from '../dialer/take-callback.js';
import { AppError, notFound } from '../shared/errors.js';
import { type AgentCommandDeps, answer } from './agent-commands.js';

/**
 * C5: "Call now" on a row of My callbacks today. Only her own open callbacks (another's answers
 * 404, as if it did not exist), of a campaign she has joined on this node.
 */
export async function takeCallback(deps: AgentCommandDeps, actor: Actor, callbackId: number): Promise<AgentView> {
  const { db, runtime } = deps;
  const cb = await db.selectFrom('callbacks').select(['id', 'campaign_id', 'assignee_id', 'status']).where('id', '=', callbackId).executeTakeFirst();
  if (!cb || cb.assignee_id !== actor.userId) throw notFound('Callback', callbackId);
  if (cb.status !== 'pending') throw new AppError('invalid_state', `This callback is ${cb.status.replace('_', ' ')}; only an open one can be called.`, { callbackId, status: cb.status });
  const state = runtime.desk.state(actor.userId);
  const engine = runtime.engines.get(cb.campaign_id);
  if (state.status === 'logged_out' || !state.campaigns.includes(cb.campaign_id) || !engine) {
    throw new AppError('invalid_state', `Join campaign ${cb.campaign_id} first (D10): its callbacks are called from within it.`, { campaignId: cb.campaign_id });
  }
  await takeIntoHand(engine, actor.userId, callbackId);
  return answer(deps, actor);
}
