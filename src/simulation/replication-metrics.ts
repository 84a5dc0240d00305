/**
 * What one replication of the pacing simulator (floor-simulation.ts) measured, over the shift
 * [0, hours] (work still going at the end is cut there).
 *
 * - `liveAnswers`: calls a person answered and the dialer resolved, by connecting them to an
 *   agent, abandoning them, or — AMD false machines — hanging up on them as machines.
 * - `abandoned`: live answers not connected (no agent within maxConnectWaitS, or AMD false machines).
 * - `abandonRate` = abandoned / liveAnswers (0 with no live answer).
 * - `worstAbandon24h`: the worst abandon rate of any 24-hour window of the shift, sliding by the
 *   minute (a shift of 24 hours or less: the whole shift).
 * - `occupancy` = (talk + wrap-up + marking false-human machines) / logged-in time, over all agents.
 * - `talkMinutesPerAgentHour`: minutes of conversation with live contacts per logged-in agent-hour.
 * - `idle`: each gap from an agent becoming free (logging in counts) to her next call (a live
 *   answer or a false-human machine); gaps cut by a logout or the end of the shift are left out.
 *   `idleMeanS` is their mean, `idleP95S` their 95th percentile (0 with no gap).
 * - `connectsPerAgentHour`: live answers connected per logged-in agent-hour.
 * - `dialsPerHour`: dials placed per hour of the shift (the whole floor).
 * - `peakRinging`: the most calls dialing or ringing (placed, not answered or ended) at once.
 */
export interface ReplicationMetrics {
  dials: number;
  liveAnswers: number;
  abandoned: number;
  falseMachines: number;
  connects: number;
  abandonRate: number;
  worstAbandon24h: number;
  occupancy: number;
  talkMinutesPerAgentHour: number;
  idleMeanS: number;
  idleP95S: number;
  connectsPerAgentHour: number;
  dialsPerHour: number;
  peakRinging: number;
  agentHours: number;
  /** Virtual-time events run (for the speed benchmark). */
  events: number;
  /** The floor minute by minute, when the replication was run with `trace`. */
  trace?: FloorMinute[];
}

/**
 * The floor over one minute of the shift, recorded with the floor simulation's `trace` option (for charts): what happened in
 * the minute ending at `minute` (counts), and the floor at its end (the rest).
 */
export interface FloorMinute {
  /** Minutes since the start of the shift (1 = the first minute's end). */
  minute: number;
  dials: number;
  liveAnswers: number;
  connects: number;
  abandoned: number;
  agentsLoggedIn: number;
  agentsFree: number;
  callsInFlight: number;
  /** The abandon rate the algorithm is shown (its window), in percent; null before any live answer. */
  abandonRatePercent: number | null;
}

/** The q-quantile of sorted values (linear interpolation between order statistics). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
