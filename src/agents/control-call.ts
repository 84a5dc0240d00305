import type { Actor } from '../access/actor.js';
import type { AgentView } from '../dialer/describe-agent.js';
import type { MarkKind, WrapUpInput } from '../dialer/engine-work.js';
import { type AgentCommandDeps, onHeldWork } from './agent-commands.js';

/**
 * The call in progress and its wrap-up (D5, D7, D8, D9, C1): hold and resume; hang up (refused
 * while held, D7; before an answer it cancels the dial); close it as a machine, fax or bad
 * number (D5); wrap up with a code, notes, call-guide answers and, for a callback code, the
 * callback.
 */
export const holdCall = (deps: AgentCommandDeps, actor: Actor): Promise<AgentView> => onHeldWork(deps, actor, (e, id) => e.work.hold(id));

export const resumeCall = (deps: AgentCommandDeps, actor: Actor): Promise<AgentView> => onHeldWork(deps, actor, (e, id) => e.work.resume(id));

export const hangUpCall = (deps: AgentCommandDeps, actor: Actor): Promise<AgentView> => onHeldWork(deps, actor, (e, id) => e.work.hangUp(id));

export const markCall = (deps: AgentCommandDeps, actor: Actor, kind: MarkKind): Promise<AgentView> => onHeldWork(deps, actor, (e, id) => e.work.mark(id, kind));

export const wrapUpCall = (deps: AgentCommandDeps, actor: Actor, input: WrapUpInput, recordId?: number): Promise<AgentView> =>
  onHeldWork(deps, actor, (e, id) => e.work.wrapUp(id, input, recordId));
