import { describe, expect, it } from 'vitest';
import { normalizeDefinition } from '../../src/campaigns/campaign-definition.js';
import { checkCallGuide } from '../../src/campaigns/call-guide.js';

/** Pure rules, no storage: the call-guide graph (D9) and the defaults per mode. When a contact may be called (L5) is tested with the dial-time check in src/compliance. */
describe('D9 call guide graph', () => {
  const q = (id: string, ...next: Array<string | null>) => ({ id, text: id, answers: next.map((n, i) => ({ id: `a${i}`, text: `a${i}`, next: n })) });

  it('D9 branches that meet again are fine; the first question is the one no answer leads to', () => {
    expect(checkCallGuide({ questions: [q('end', null), q('start', 'left', 'right'), q('left', 'end'), q('right', 'end')] })).toEqual([]);
  });

  it('D9 a chain of 200 questions is checked without trouble, and a loop at its end is found', () => {
    const chain = Array.from({ length: 200 }, (_, i) => q(`q${i}`, i < 199 ? `q${i + 1}` : null));
    expect(checkCallGuide({ questions: chain })).toEqual([]);
    chain[199] = q('q199', 'q100');
    expect(checkCallGuide({ questions: chain })).toEqual([{ path: 'callGuide.questions.199.answers.0.next', problem: expect.stringMatching(/question "q199" leads back to question "q100"/) }]);
  });

  it('D9 a guide where every question is some answer\'s target has no start', () => {
    expect(checkCallGuide({ questions: [q('a', 'b'), q('b', 'a')] })[0]!.problem).toMatch(/no first question/);
  });
});

describe('L6 D8 defaults follow the mode and the law', () => {
  it('L6 the UK profile gives an abandoning dialer a 72-hour wait before redialing an abandoned number', () => {
    const uk = normalizeDefinition({ name: 'x', mode: 'predictive', queueId: 1, regulatoryProfile: 'uk' }, 'Europe/London').definition;
    expect(uk.retryRules.results.abandoned).toEqual({ action: 'retry', delayMinutes: 4320, maxRetries: 3 });
    expect(uk.abandonWindow).toBe('uk');
    const us = normalizeDefinition({ name: 'x', mode: 'predictive', queueId: 1, regulatoryProfile: 'us' }, 'America/Chicago').definition;
    expect(us.retryRules.results.abandoned).toEqual({ action: 'retry', delayMinutes: 60, maxRetries: 3 });
    expect(us.contactableTimes.defaultTimeZone).toBe('America/Chicago');
  });
});
