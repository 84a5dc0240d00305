import { describe, expect, it } from 'vitest';
import type { PacingInputs } from '../pacing/pacing-policy.js';
import { explainDecision } from './campaign-floor.js';

/** X2: the pacing decision as the dashboard explains it, one sentence per branch of marginal-v2. */
const inputs: PacingInputs = {
  agentsReady: 4,
  agentsBusy: 6,
  agentsFreeingSoon: 2,
  callsInFlight: 5,
  liveCallsInFlight: 5,
  callsWaiting: 1,
  answerRate: 0.3,
  sampleSize: 120,
  meanAnswerSeconds: 12,
  answerTimeCv2: 0.2,
  meanHandleSeconds: 70,
  abandonRatePercent: 1.2,
  abandonTargetPercent: 3,
  window: 'us',
  amdFalseMachinePercent: 0,
  abandonSetpointPercent: 2.5,
  marginalLimit: 0.0123,
};
const decision = (i: Partial<PacingInputs>, callsToPlace = 3, placed = callsToPlace) => ({ at: '2026-01-05T14:00:00.000Z', policy: 'marginal-v2', inputs: { ...inputs, ...i }, callsToPlace, placed });

describe('X2: why the pacer placed a wave', () => {
  it('X2: under the target, with data: predicted free agents, answer rate and the abandon budget left', () => {
    const v = explainDecision(decision({}));
    expect(v).toMatchObject({ predictedFreeAgents: 5, abandonBudgetLeftPercent: 1.8, answerRate: 0.3, placed: 3 });
    expect(v.why).toBe(
      "5 agents predicted free (4 ready + 2 freeing up − 1 answers waiting), 5 calls in flight, answer rate 30%; the US window's abandon rate is 1.2%, 1.8 points under the 3% target, aiming at 2.5%: placed 3, each new call with at most a 1.23% chance of finding every agent busy.",
    );
    expect(explainDecision(decision({ liveCallsInFlight: 3.04, amdFalseMachinePercent: 1 })).why).toContain(
      '5 calls in flight (worth 3 fresh ones by how long they have rung), answer rate 30%; the US window\'s abandon rate is 1.2%, 1.8 points under the 3% target (1% kept for answering-machine detection\'s mistakes), aiming at 2.5%',
    );
  });

  it('X2: at the target, before enough calls have settled, and when the records ran out', () => {
    expect(explainDecision(decision({ abandonRatePercent: 3.4, window: 'uk' }, 1)).why).toBe("The UK window's abandon rate is 3.4%, at or above the 3% target: one call per free agent, no overdial; placed 1.");
    expect(explainDecision(decision({ sampleSize: 12, abandonRatePercent: null }, 2)).why).toBe('Only 12 calls have settled, too few to trust the answer rate: one call per free agent; placed 2.');
    expect(explainDecision(decision({ abandonRatePercent: null }, 4, 1))).toMatchObject({ abandonBudgetLeftPercent: 3, why: expect.stringContaining('nobody has answered in the window yet, 3 points under the 3% target, aiming at 2.5%: asked for 4, placed 1 (no more dialable records now), each new call') });
  });
});
