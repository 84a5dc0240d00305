import type { Actor } from '../access/actor.js';
import type { AgentView } from '../dialer/describe-agent.js';
import type { WrapUpInput } from '../dialer/engine-work.js';
import type { CallbackRequest } from '../dialer/wrap-up-input.js';
import { type AgentCommandDeps, onHeldWork } from './agent-commands.js';

/**
 * The previewed record (P1–P6, C1): accept the offer, dial a number (the recommended one by
 * default, after the dial-time check), skip, complete without calling, requeue for anyone,
 * snooze for oneself, or reschedule as a callback. `recordId`, when sent, must be the record
 * in hand: a command meant for an earlier record is refused rather than applied to this one.
 */
export const acceptRecord = (deps: AgentCommandDeps, actor: Actor, recordId?: number): Promise<AgentView> =>
  onHeldWork(deps, actor, (e, id) => e.work.accept(id, recordId));

export const dialNumber = (deps: AgentCommandDeps, actor: Actor, number?: string, recordId?: number): Promise<AgentView> =>
  onHeldWork(deps, actor, (e, id) => void e.work.dial(id, number, recordId));

export const skipRecord = (deps: AgentCommandDeps, actor: Actor, recordId?: number): Promise<AgentView> =>
  onHeldWork(deps, actor, (e, id) => e.work.skip(id, recordId));

export const completeRecord = (deps: AgentCommandDeps, actor: Actor, input: Partial<WrapUpInput>, recordId?: number): Promise<AgentView> =>
  onHeldWork(deps, actor, (e, id) => e.work.complete(id, input, recordId));

export const requeueRecord = (deps: AgentCommandDeps, actor: Actor, recordId?: number): Promise<AgentView> =>
  onHeldWork(deps, actor, (e, id) => e.work.requeue(id, recordId));

export const snoozeRecord = (deps: AgentCommandDeps, actor: Actor, minutes?: number, recordId?: number): Promise<AgentView> =>
  onHeldWork(deps, actor, (e, id) => e.work.snooze(id, minutes, recordId));

export const rescheduleRecord = (deps: AgentCommandDeps, actor: Actor, callback: CallbackRequest, recordId?: number): Promise<AgentView> =>
  onHeldWork(deps, actor, (e, id) => e.work.reschedule(id, callback, recordId));
