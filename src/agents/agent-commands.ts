import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { CampaignEngine } from '../dialer/campaign-engine.js';
import type { AgentView } from '../dialer/describe-agent.js';
import type { DialerRuntime } from '../dialer/dialer-runtime.js';
import { AppError } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';

/**
 * What every agent command needs (issue 4 point 11): the node's dialer runtime and the
 * database. Commands act on the signed-in user only — an agent cannot drive another agent.
 */
export interface AgentCommandDeps {
  runtime: DialerRuntime;
  db: Kysely<Database>;
}

/** Runs a command on the campaign whose record the agent holds, then answers the agent's view once it is stored. */
export async function onHeldWork(deps: AgentCommandDeps, actor: Actor, command: (engine: CampaignEngine, userId: number) => void): Promise<AgentView> {
  const { runtime } = deps;
  const state = runtime.desk.state(actor.userId);
  if (!('work' in state)) {
    throw new AppError('invalid_state', `You hold no record now (you are ${runtime.desk.label(actor.userId).replace('_', ' ')}); go ready to receive one.`, { state: runtime.desk.label(actor.userId) });
  }
  const engine = runtime.engines.get(state.work.campaignId);
  if (!engine) throw new AppError('invalid_state', `Campaign ${state.work.campaignId} is no longer dialed on this node; reload the desktop.`, { campaignId: state.work.campaignId });
  command(engine, actor.userId);
  return answer(deps, actor);
}

/** The agent's view after everything the command changed is written. */
export async function answer(deps: AgentCommandDeps, actor: Actor): Promise<AgentView> {
  await deps.runtime.writes.drained();
  return deps.runtime.describe(actor.userId);
}
