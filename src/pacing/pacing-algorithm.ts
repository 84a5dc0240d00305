import type { AbandonWindowName } from '../dialer/abandon-rate.js';

/**
 * The pacing-algorithm port (issue 7 point 1): how many calls a predictive floor places now.
 * The server's campaign engine (src/dialer/predictive-pacer.ts) and the pacing simulator
 * (src/simulation/floor-simulation.ts) drive the same algorithms through it: they report what
 * happens on the floor through the hooks, and ask `decide(view)` whenever the floor changes and
 * every second. An algorithm keeps its own statistics from the hooks; the view says what the
 * floor looks like now. Algorithms are created by name (`createAlgorithm`, algorithms.ts).
 *
 * Times are epoch milliseconds of the floor's clock (virtual in the simulator).
 */
export interface PacingAlgorithm {
  readonly name: string;

  /** A call was placed (dialing starts). */
  callDialed(dialedAt: number): void;
  /**
   * Whether a call brings a live answer is known: for a live answer at the answering machine
   * detector's "human" decision (at the answer when there is no detection), otherwise when the
   * call ends unanswered or is judged a machine. `answeredAt` is null when nobody answered.
   * What the dialer knows, not the truth: an AMD false machine resolves as not live.
   */
  callResolved(live: boolean, dialedAt: number, answeredAt: number | null, at: number): void;
  /** A live answer was connected to an agent `at`, having waited since `answeredAt`. */
  liveConnected(answeredAt: number, at: number): void;
  /** A live answer found no free agent within the floor's connect wait: abandoned. */
  liveAbandoned(answeredAt: number, at: number): void;
  /** A connected conversation ended (the talk time is `at − connectedAt`). */
  talkEnded(connectedAt: number, at: number): void;

  agentLoggedIn(agentId: number, at: number): void;
  agentLoggedOut(agentId: number, at: number): void;
  /** The agent moved to a phase of her work: free (ready, holding nothing), on a call, or wrapping up. */
  agentPhase(agentId: number, phase: AgentPhase, at: number): void;

  /** Calls to place now (0 or more). */
  decide(view: FloorView): number;
}

export type AgentPhase = 'free' | 'talk' | 'wrap';

/** An agent on a call (`talk`, also while she marks a machine the detector passed) or wrapping up. */
export interface BusyAgent {
  agentId: number;
  phase: 'talk' | 'wrap';
  /** When she entered the phase (epoch ms). */
  since: number;
  /** She will log out (or go not ready) once this work is done: she will not take another call. */
  leaving: boolean;
}

/** A call placed and not resolved yet (dialing, ringing, or answered and waiting for the detector). */
export interface CallInFlight {
  dialedAt: number;
}

/**
 * The floor now. The floor may reuse the view and its arrays between decisions (the simulator
 * does, to stay fast): read it during `decide`, do not keep it.
 */
export interface FloorView {
  now: number;
  agentsLoggedIn: number;
  /** Agents free: ready and holding no work. */
  agentsReady: number;
  busyAgents: readonly BusyAgent[];
  callsInFlight: readonly CallInFlight[];
  /** Live answers waiting for an agent now (each takes the next free agent, or is abandoned). */
  callsWaiting: number;
  /**
   * The rolling abandon rate over `window` in percent (abandoned live answers / live answers,
   * null while nobody answered live in the window), as the dialer sees it, and the target in
   * percent. AMD false machines — people the detector judged machines — count as abandoned
   * (the UK rule, issue 7 pt 3) but the dialer cannot see them: they are not in this rate, and
   * the algorithm budgets for them from `amdFalseMachinePercent`.
   */
  abandonRatePercent: number | null;
  abandonTargetPercent: number;
  window: AbandonWindowName;
  /** The detector's expected false-machine rate, in percent of live answers (0 without AMD). */
  amdFalseMachinePercent: number;
  /** The ring timeout given to the carrier (s), after which an unanswered call surely ended; null = none (the exponential twins). */
  ringTimeoutSeconds: number | null;
  /** Seconds a live answer may wait for an agent before it is abandoned. */
  maxConnectWaitSeconds: number;
}

/** Hooks that do nothing, for algorithms that read only the view. */
export abstract class ViewOnlyAlgorithm implements PacingAlgorithm {
  abstract readonly name: string;
  callDialed(_dialedAt: number): void {}
  callResolved(_live: boolean, _dialedAt: number, _answeredAt: number | null, _at: number): void {}
  liveConnected(_answeredAt: number, _at: number): void {}
  liveAbandoned(_answeredAt: number, _at: number): void {}
  talkEnded(_connectedAt: number, _at: number): void {}
  agentLoggedIn(_agentId: number, _at: number): void {}
  agentLoggedOut(_agentId: number, _at: number): void {}
  agentPhase(_agentId: number, _phase: AgentPhase, _at: number): void {}
  abstract decide(view: FloorView): number;
}
