import type { Actor } from '../access/actor.js';
import type { AgentView } from '../dialer/describe-agent.js';
import { AppError, forbidden, notFound } from '../shared/errors.js';
import { type AgentCommandDeps, answer } from './agent-commands.js';

/**
 * D10: an agent of the campaign's queue joins a running (or paused) campaign — logging into the
 * skill — and leaves it. Joining starts the campaign's engine on this node if no node runs it
 * yet (taking its lease, point 14). The agent starts "not ready" and goes ready when they choose.
 */
export async function joinCampaign(deps: AgentCommandDeps, actor: Actor, campaignId: number): Promise<AgentView> {
  const { db, runtime } = deps;
  const campaign = await db.selectFrom('campaigns').select(['id', 'name', 'mode', 'status', 'queue_id']).where('id', '=', campaignId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!campaign) throw notFound('Campaign', campaignId);
  const member = await db.selectFrom('queue_members').select('user_id').where('queue_id', '=', campaign.queue_id).where('user_id', '=', actor.userId).executeTakeFirst();
  if (!member) throw forbidden(`You are not a member of the queue campaign "${campaign.name}" dials for; a supervisor can add you to it (D10).`, { campaignId, queueId: campaign.queue_id });
  if (campaign.status !== 'running' && campaign.status !== 'paused') {
    throw new AppError('invalid_state', `Campaign "${campaign.name}" is ${campaign.status}; it can be joined once a supervisor starts it.`, { status: campaign.status });
  }
  const st = runtime.desk.state(actor.userId);
  if (st.status !== 'logged_out' && st.campaigns.includes(campaignId)) {
    throw new AppError('invalid_state', `You have already joined campaign "${campaign.name}".`, { campaignId });
  }
  await runtime.ensureEngine(campaignId);
  runtime.desk.apply(actor.userId, { type: 'login', campaignId });
  return answer(deps, actor);
}

/** D10: leave one campaign, or all when none is named. Refused while holding a record of it. */
export async function leaveCampaign(deps: AgentCommandDeps, actor: Actor, campaignId?: number): Promise<AgentView> {
  const { runtime } = deps;
  const before = runtime.desk.state(actor.userId);
  const left = before.status === 'logged_out' ? [] : campaignId === undefined ? before.campaigns : [campaignId];
  runtime.desk.apply(actor.userId, campaignId === undefined ? { type: 'logout' } : { type: 'logout', campaignId });
  for (const id of left) runtime.engines.get(id)?.onAgentLeft(actor.userId);
  return answer(deps, actor);
}
