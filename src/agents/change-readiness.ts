import type { Actor } from '../access/actor.js';
import type { AgentView } from '../dialer/describe-agent.js';
import { AppError } from '../shared/errors.js';
import { type AgentCommandDeps, answer } from './agent-commands.js';

/**
 * Ready and not ready (SPEC §1, P2). Ready asks the joined campaigns for work at once. Not ready
 * with a reason takes effect now when idle; while a record is in hand it takes effect after the
 * record (P2: no further offers), and "ready" before then cancels the request.
 */
export async function goReady(deps: AgentCommandDeps, actor: Actor): Promise<AgentView> {
  const agentLine = deps.runtime.deps.agentLine;
  if (agentLine && !(await agentLine(actor.userId))) {
    throw new AppError('invalid_state', 'Your phone line is not set, so calls cannot reach you: ask an administrator to set your phone line (SIP URI) under Users.', { field: 'sipUri' });
  }
  deps.runtime.desk.apply(actor.userId, { type: 'ready' });
  return answer(deps, actor);
}

export async function goNotReady(deps: AgentCommandDeps, actor: Actor, reason: string): Promise<AgentView> {
  deps.runtime.desk.apply(actor.userId, { type: 'not_ready', reason });
  return answer(deps, actor);
}
