import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { parseScenarioFile, scenarioParts } from './scenario.js';
import { SAMPLE_E1 } from './sample-scenarios.js';

/** Issue 7 point 1: the scenario file format ("pacer-scenario/1", shared/bench/scenarios.json) is read strictly. */
const S5 = {
  description: 'drift and breaks',
  agents: 25, hours: 8, replications: 30, targetAbandon: 0.03,
  agentsSchedule: [[0, 25], [1.5, 20], [1.75, 25]],
  outcomes: { live: 0.35, machine: 0.11, busy: 0.05, noAnswer: 0.45, badNumber: 0.04 },
  liveDrift: { from: 0.35, to: 0.1, intoOutcome: 'noAnswer' },
  answerDelay: { dist: 'lognormal', mean: 10, cv: 0.5 },
  noAnswerTimeoutS: 20, busyDelayS: 3, badNumberDelayS: 2,
  talk: { dist: 'lognormal', mean: 180, cv: 0.8 },
  wrap: { dist: 'lognormal', mean: 10, cv: 0.5 },
  amd: { enabled: true, humanDecisionS: 1.5, machineDecisionS: 3.0, falseMachineRate: 0.01, falseHumanRate: 0.1, agentMarksMachineS: 8 },
  maxConnectWaitS: 2,
};
const E1 = SAMPLE_E1;
const file = (scenarios: Record<string, unknown>, extra: Record<string, unknown> = {}) => JSON.stringify({ format: 'pacer-scenario/1', about: 'test', scenarios, ...extra });

function refusal(text: string): AppError {
  try {
    parseScenarioFile(text, 'test.json');
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('issue 7 pt 1: scenario files', () => {
  it('issue 7 pt 1: a file in the format gives its scenarios, split into the carrier, dialer and agents parts', () => {
    const scenarios = parseScenarioFile(file({ S5, E1 }));
    expect(Object.keys(scenarios)).toEqual(['S5', 'E1']);
    const s5 = scenarioParts(scenarios.S5);
    expect(s5.agents.schedule).toEqual([[0, 25], [1.5, 20], [1.75, 25]]);
    expect(s5.carrier.liveDrift).toEqual({ from: 0.35, to: 0.1, intoOutcome: 'noAnswer', overHours: 8 });
    expect(s5.dialer).toEqual({ ringTimeoutSeconds: 20, noAnswerTimeoutSeconds: 20, detectMachine: true, amdFalseMachineRate: 0.01, maxConnectWaitSeconds: 2, targetAbandon: 0.03 });
    expect(scenarioParts(scenarios.E1).dialer).toMatchObject({ noAnswerTimeoutSeconds: null, detectMachine: false, amdFalseMachineRate: 0, maxConnectWaitSeconds: 0 });
  });

  it('issue 7 pt 1: an unknown field anywhere, a missing or malformed one, outcomes not adding up to 1 or a schedule going back are refused with the JSON path and what is expected', () => {
    const cases: Array<[string, string | RegExp]> = [
      [file({ S5 }, { version: 2 }), '(the top level): unknown field "version" (expected "format", "about", "scenarios")'],
      [file({ S5: { ...S5, agent: 3 } }), /scenarios\.S5: unknown field "agent" \(expected "description", "agents", "hours", .*"maxConnectWaitS"\)/],
      [file({ S5: { ...S5, outcomes: { ...S5.outcomes, voicemail: 0 } } }), 'scenarios.S5.outcomes: unknown field "voicemail" (expected "live", "machine", "fax", "busy", "noAnswer", "badNumber", "failed")'],
      [file({ S5: { ...S5, liveDrift: { ...S5.liveDrift, over: 8 } } }), 'scenarios.S5.liveDrift: unknown field "over" (expected "from", "to", "intoOutcome")'],
      [file({ E1: { ...E1, ring: { dist: 'exponential', mean: 20, cv: 1 } } }), 'scenarios.E1.ring: unknown field "cv"'],
      [file({ E1: { ...E1, talk: undefined } }), 'scenarios.E1.talk: missing; expected a time distribution: {"dist": "fixed", "mean": S}, {"dist": "exponential", "mean": S}, {"dist": "lognormal", "mean": S, "cv": X} or {"dist": "lognormal", "median": S, "p90": S}'],
      [file({ E1: { ...E1, talk: { dist: 'gamma', mean: 1 } } }), /scenarios\.E1\.talk: expected a time distribution/],
      [file({ E1: { ...E1, agents: '5' } }), 'scenarios.E1.agents: expected number, received string'],
      [file({ E1: { ...E1, outcomes: { live: 0.2, noAnswer: 0.7 } } }), 'scenarios.E1.outcomes: the probabilities of the outcomes of a dial must add up to 1; these add up to 0.9'],
      [file({ S5: { ...S5, agentsSchedule: [[0, 25], [2, 20], [1, 25]] } }), "scenarios.S5.agentsSchedule.2.0: the schedule's hours must increase: 1 comes after 2"],
      [file({ E1: { ...E1, ring: undefined } }), 'scenarios.E1: the scenario needs "answerDelay" or "ring"'],
      [file({}), 'scenarios: the file names no scenario'],
      [JSON.stringify({ format: 'pacer-scenario/2', scenarios: { E1 } }), 'format: expected "pacer-scenario/1"'],
    ];
    for (const [text, expected] of cases) {
      const err = refusal(text);
      expect(err.code).toBe('invalid_file');
      if (typeof expected === 'string') expect(err.message).toContain(expected);
      else expect(err.message).toMatch(expected);
    }
    // Not JSON: where it stops being JSON, whatever JSON.parse's own message says.
    const notJson: Array<[string, string]> = [
      ['{"format": "pacer-scenario/1",\n "scenarios": }', 'line 2, column 15'],
      ['{"a": 1,}', 'line 1, column 9'],
      ['{"a": [1, 2', 'line 1, column 12'],
      ['{"a": "tab\there"}', 'line 1, column 11'],
      ['{"a": 01}', 'line 1, column 8'],
      ['{"a": tru}', 'line 1, column 10'],
      ['{"a": "\\u12g4"}', 'line 1, column 12'],
      ['{} {}', 'line 1, column 4'],
      ['', 'line 1, column 1'],
    ];
    for (const [text, at] of notJson) expect(refusal(text).message).toMatch(new RegExp(`^test\\.json is not JSON at ${at}: `));
    expect(Object.keys(parseScenarioFile(`\uFEFF${file({ E1 })}`))).toEqual(['E1']); // a byte-order mark is fine
  });
});
