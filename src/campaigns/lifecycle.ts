import { AppError } from '../shared/errors.js';
import type { CampaignAction, CampaignStatus } from '../storage/schema.js';

/**
 * The campaign lifecycle (L8, L7) as an explicit state machine. Supervisors start, pause,
 * stop and recycle; the dialer engine marks a campaign complete when nothing is left to dial.
 *
 *   draft ─start→ running ─pause→ paused ─start→ running
 *   running|paused ─stop→ stopped ─start→ running
 *   running ─complete→ complete ─recycle→ stopped
 *   recycle on running, paused or stopped keeps the status and restarts the lists from the top.
 */
const transitions: Record<CampaignStatus, Partial<Record<CampaignAction, CampaignStatus>>> = {
  draft: { start: 'running' },
  running: { pause: 'paused', stop: 'stopped', recycle: 'running', complete: 'complete' },
  paused: { start: 'running', stop: 'stopped', recycle: 'paused' },
  stopped: { start: 'running', recycle: 'stopped' },
  complete: { recycle: 'stopped' },
};

/** The actions people may take in a status (the engine's `complete` is not offered). */
export function allowedActions(status: CampaignStatus): CampaignAction[] {
  return (Object.keys(transitions[status]) as CampaignAction[]).filter((a) => a !== 'complete');
}

/** The status after `action`, or 409 invalid_state naming the current status and what is allowed. */
export function transition(status: CampaignStatus, action: CampaignAction): CampaignStatus {
  const next = transitions[status][action];
  if (next === undefined) {
    const allowed = allowedActions(status);
    throw new AppError(
      'invalid_state',
      `Cannot ${action} a campaign that is ${status}; ${allowed.length > 0 ? `from ${status} you can ${allowed.join(', ')}` : 'nothing can be done from that state'}.`,
      { status, action, allowedActions: allowed },
    );
  }
  return next;
}
