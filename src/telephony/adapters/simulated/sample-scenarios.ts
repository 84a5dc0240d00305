/**
 * Scenarios S1 and E1 as written in shared/bench/scenarios.json (the pacing benchmark's file,
 * which lives outside this repository), for tests and benchmarks that need a realistic floor:
 * S1 a small pool on a typical list, E1 its exponential twin whose optimal bound BOUNDS.md gives.
 * `exponentialTwin` builds the other twins (E3: 25 agents, 190 s talk).
 */
export const SAMPLE_S1 = {
  agents: 5, hours: 8, replications: 30, targetAbandon: 0.03,
  outcomes: { live: 0.2, machine: 0.11, busy: 0.05, noAnswer: 0.6, badNumber: 0.04 },
  answerDelay: { dist: 'lognormal', mean: 10, cv: 0.5 },
  noAnswerTimeoutS: 20, busyDelayS: 3, badNumberDelayS: 2,
  talk: { dist: 'lognormal', mean: 120, cv: 1.0 },
  wrap: { dist: 'lognormal', mean: 10, cv: 0.5 },
  amd: { enabled: true, humanDecisionS: 1.5, machineDecisionS: 3.0, falseMachineRate: 0.01, falseHumanRate: 0.1, agentMarksMachineS: 8 },
  maxConnectWaitS: 2,
} as const;

export const exponentialTwin = (agents: number, talkS: number, live = 0.2) => ({
  agents, hours: 200, replications: 5, targetAbandon: 0.03,
  outcomes: { live, noAnswer: 1 - live },
  ring: { dist: 'exponential', mean: 20 },
  talk: { dist: 'exponential', mean: talkS },
  wrap: { dist: 'fixed', mean: 0 },
  amd: { enabled: false },
  maxConnectWaitS: 0,
}) as const;

export const SAMPLE_E1 = exponentialTwin(5, 130);
