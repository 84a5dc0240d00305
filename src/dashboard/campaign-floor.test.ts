import { describe, expect, it } from 'vitest';
import type { PacingInputs } from '../pacing/pacing-policy.js';
import { explainDecision } from './campaign-floor.js';

/** X2: the pacing decision as the dashboard explains it, one sentence per branch of binomial-v1. */
const inputs: PacingInputs = {
  agentsReady: 4,
  agentsFreeingSoon: 2,
  callsInFlight: 5,
  callsWaiting: 1,
  answerRate: 0.3,
  sampleSize: 120,
  meanRingSeconds: 12,
  meanTalkSeconds: 60,
  meanWrapSeconds: 10,
  abandonRatePercent: 1.2,
  abandonTargetPercent: 3,
  window: 'us',
};
const decision = (i: Partial<PacingInputs>, callsToPlace = 3, placed = callsToPlace) => ({ at: '2026-01-05T14:00:00.000Z', policy: 'binomial-v1', inputs: { ...inputs, ...i }, callsToPlace, placed });

describe('X2: why the pacer placed a wave', () => {
  it('X2: under the target, with data: predicted free agents, answer rate and the abandon budget left', () => {
    const v = explainDecision(decision({}));
    expect(v).toMatchObject({ predictedFreeAgents: 5, abandonBudgetLeftPercent: 1.8, answerRate: 0.3, placed: 3 });
    expect(v.why).toBe(
      "5 agents predicted free (4 ready + 2 freeing up − 1 answers waiting), 5 calls in flight, answer rate 30%; the US window's abandon rate is 1.2%, 1.8 points under the 3% target: placed 3 more so that the expected abandons stay within the budget.",
    );
  });

  it('X2: at the target, before enough calls have settled, and when the records ran out', () => {
    expect(explainDecision(decision({ abandonRatePercent: 3.4, window: 'uk' }, 1)).why).toBe("The UK window's abandon rate is 3.4%, at or above the 3% target: one call per free agent, no overdial; placed 1.");
    expect(explainDecision(decision({ sampleSize: 12, abandonRatePercent: null }, 2)).why).toBe('Only 12 calls have settled, too few to trust the answer rate: one call per free agent; placed 2.');
    expect(explainDecision(decision({ abandonRatePercent: null }, 4, 1))).toMatchObject({ abandonBudgetLeftPercent: 3, why: expect.stringContaining('nobody has answered in the window yet, 3 points under the 3% target: asked for 4, placed 1 (no more dialable records now)') });
  });
});
