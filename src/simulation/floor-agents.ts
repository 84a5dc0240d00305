import type { TimerHandle } from '../engine/timers.js';
import type { BusyAgent, PacingAlgorithm } from '../pacing/pacing-algorithm.js';

/**
 * The agents of a simulated floor (issue 7 point 1): who is logged in, free (longest idle
 * first) or busy (talking, marking a machine the detector passed, wrapping up), staffing by the
 * scenario's `agentsSchedule`, and the time accounting behind occupancy and idle gaps. Every
 * change is reported to the pacing algorithm's hooks. The calls are floor-simulation.ts's.
 */
export type AgentWork = 'talk' | 'marking' | 'wrap';

export class Agent implements BusyAgent {
  /** As the pacing view shows it: marking a machine is being on a call. */
  phase: 'talk' | 'wrap' = 'talk';
  since = 0;
  leaving = false;
  state: 'out' | 'free' | AgentWork = 'out';
  loggedInAt = 0;
  /** When she became free, for her idle gap; -1 when the gap does not count (busy, or cut by a logout). */
  freeSince = -1;
  /** Index in the busy list, -1 when not busy. */
  busyIndex = -1;
  /** The end of her marking or wrap-up. */
  timer: TimerHandle | null = null;
  constructor(readonly agentId: number) {}
}

export class FloorAgents {
  private readonly all: Agent[] = [];
  /** Free agents, longest idle first. */
  readonly free: Agent[] = [];
  /** Busy agents, in no order (swap-remove): the pacing view's `busyAgents`. */
  readonly busy: Agent[] = [];
  loggedIn = 0;
  talkMs = 0;
  /** Wrap-up and marking machines. */
  otherBusyMs = 0;
  loggedInMs = 0;
  readonly idleGaps: number[] = [];

  constructor(
    private readonly algorithm: PacingAlgorithm,
    /** Time is counted up to the end of the shift. */
    private readonly end: number,
  ) {}

  /** The free agent idle the longest, taken off the free list; undefined when nobody is free. */
  takeLongestIdle(): Agent | undefined {
    return this.free.shift();
  }

  /** The agent starts talking, marking a machine, or wrapping up. */
  start(agent: Agent, work: AgentWork, now: number): void {
    if (agent.freeSince >= 0) this.idleGaps.push(now - agent.freeSince);
    agent.freeSince = -1;
    this.closePhase(agent, now);
    agent.state = work;
    agent.phase = work === 'wrap' ? 'wrap' : 'talk';
    agent.since = now;
    if (agent.busyIndex < 0) agent.busyIndex = this.busy.push(agent) - 1;
    this.algorithm.agentPhase(agent.agentId, agent.phase, now);
  }

  /**
   * The agent's work is done: she logs out if she was asked to leave (false), else she is free
   * (true) — the caller gives her a waiting call or puts her on the free list (`addFree`).
   */
  finish(agent: Agent, now: number): boolean {
    this.closePhase(agent, now);
    this.leaveBusy(agent);
    if (agent.leaving) {
      this.logOut(agent, now);
      return false;
    }
    agent.state = 'free';
    agent.since = now;
    agent.freeSince = now;
    this.algorithm.agentPhase(agent.agentId, 'free', now);
    return true;
  }

  addFree(agent: Agent): void {
    this.free.push(agent);
  }

  /**
   * A schedule point: bring the agents logged in and not leaving to `target`. Fewer: free agents
   * log out at once (the most recently freed first), then busy ones are asked to leave after
   * their work (those wrapping up first, then the longest on a call). More: agents asked to leave
   * stay, then agents log in; `loggedIn` is called for each, free.
   */
  staff(target: number, now: number, loggedIn: (agent: Agent) => void): void {
    let staying = this.loggedIn - this.busy.filter((a) => a.leaving).length;
    while (staying > target && this.free.length > 0) {
      this.logOut(this.free.pop()!, now);
      staying--;
    }
    const busy = this.busy.filter((a) => !a.leaving).sort((a, b) => (a.phase === b.phase ? a.since - b.since : a.phase === 'wrap' ? -1 : 1));
    for (const agent of busy) {
      if (staying <= target) break;
      agent.leaving = true;
      staying--;
    }
    for (const agent of this.busy) {
      if (staying >= target) break;
      if (!agent.leaving) continue;
      agent.leaving = false;
      staying++;
    }
    for (; staying < target; staying++) {
      const agent = this.all.find((a) => a.state === 'out') ?? this.all[this.all.push(new Agent(this.all.length + 1)) - 1]!;
      agent.state = 'free';
      agent.leaving = false;
      agent.since = now;
      agent.freeSince = now;
      agent.loggedInAt = now;
      this.loggedIn++;
      this.algorithm.agentLoggedIn(agent.agentId, now);
      this.algorithm.agentPhase(agent.agentId, 'free', now);
      loggedIn(agent);
    }
  }

  /** The end of the shift: count the time of those still logged in, up to it. */
  close(): void {
    for (const agent of this.all) {
      if (agent.state === 'out') continue;
      this.closePhase(agent, this.end);
      this.loggedInMs += this.end - agent.loggedInAt;
    }
  }

  private logOut(agent: Agent, now: number): void {
    this.loggedInMs += Math.min(now, this.end) - agent.loggedInAt;
    agent.freeSince = -1; // an idle gap cut by the logout is not counted
    agent.state = 'out';
    agent.leaving = false;
    this.loggedIn--;
    this.algorithm.agentLoggedOut(agent.agentId, now);
  }

  /** Adds the time of the agent's current busy phase to the totals. */
  private closePhase(agent: Agent, now: number): void {
    const until = Math.min(now, this.end);
    if (agent.state === 'talk') this.talkMs += until - agent.since;
    else if (agent.state === 'wrap' || agent.state === 'marking') this.otherBusyMs += until - agent.since;
  }

  private leaveBusy(agent: Agent): void {
    const i = agent.busyIndex;
    if (i < 0) return;
    const last = this.busy.pop()!;
    if (last !== agent) {
      this.busy[i] = last;
      last.busyIndex = i;
    }
    agent.busyIndex = -1;
  }
}
