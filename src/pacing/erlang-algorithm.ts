import { answerRateForAbandon } from './erlang-model.js';
import type { AgentPhase, FloorView, PacingAlgorithm } from './pacing-algorithm.js';

/**
 * `erlang` (a baseline, issue 7 point 2): open-loop predictive dialing from an Erlang model — the
 * textbook view of a predictive dialer as a queue fed by a dial rate (e.g. Samuelson, "Predictive
 * dialing for outbound telephone call centers", Interfaces 29(5), 1999, which contrasts such
 * rate-setting with feedback on the floor's state). From the estimated live-answer share p (as
 * the dialer knows it: detector "human", AMD false humans included), the mean handle time h
 * (from taking a live answer to being free again: talk + wrap-up, or marking a machine) and the
 * agents logged in N, it takes the live-answer rate λ at which the M/M/N+D abandon share — a
 * live answer finding no agent within the connect wait τ (erlang-model.ts) — equals the abandon
 * target, and dials at λ / p per second, evenly spaced, whatever the floor looks like now. The
 * estimates update as calls resolve and agents finish (exponentially weighted, the last ~1000
 * resolutions and ~200 handle times), and the rate every 10 s or when N changes. Until 50 calls
 * have resolved and 10 handle times ended it dials progressively (one call per free agent).
 *
 * What the model leaves out, on purpose (it is the baseline): handle times are not exponential,
 * the ring delay makes answers lag dials (the stream stays Poisson-like only in the long run),
 * agents logging in and out, and the AMD false machines the floor's abandon rate also counts.
 */
const WARM_UP_RESOLVED = 50;
const WARM_UP_HANDLED = 10;
const P_WINDOW = 1000;
const H_WINDOW = 200;
const RATE_REFRESH_MS = 10_000;

class WindowedMean {
  private n = 0;
  value = 0;
  constructor(private readonly window: number) {}
  add(x: number): void {
    this.n = Math.min(this.n + 1, this.window);
    this.value += (x - this.value) / this.n;
  }
  get count(): number {
    return this.n;
  }
}

export class ErlangAlgorithm implements PacingAlgorithm {
  readonly name = 'erlang';
  readonly liveShare = new WindowedMean(P_WINDOW);
  readonly handleSeconds = new WindowedMean(H_WINDOW);
  /** Dials per second now (0 during the warm-up). */
  dialRate = 0;
  private resolved = 0;
  private handled = 0;
  private readonly serviceStart = new Map<number, number>();
  private rateAt = -Infinity;
  private rateAgents = -1;
  private lastAt = Number.NaN;
  private credit = 0;

  callDialed(_dialedAt: number): void {}
  callResolved(live: boolean, _dialedAt: number, _answeredAt: number | null, _at: number): void {
    this.resolved++;
    this.liveShare.add(live ? 1 : 0);
  }
  liveConnected(_answeredAt: number, _at: number): void {}
  liveAbandoned(_answeredAt: number, _at: number): void {}
  talkEnded(_connectedAt: number, _at: number): void {}
  agentLoggedIn(_agentId: number, _at: number): void {}
  agentLoggedOut(agentId: number, _at: number): void {
    this.serviceStart.delete(agentId);
  }
  /** A service runs from entering `talk` to the next `talk` or `free`. */
  agentPhase(agentId: number, phase: AgentPhase, at: number): void {
    if (phase === 'wrap') return;
    const start = this.serviceStart.get(agentId);
    if (start !== undefined) {
      this.handleSeconds.add((at - start) / 1000);
      this.handled++;
      this.serviceStart.delete(agentId);
    }
    if (phase === 'talk') this.serviceStart.set(agentId, at);
  }

  /** The open-loop dial rate (per second) for N agents, from the estimates. */
  rateFor(agents: number, view: FloorView): number {
    const p = this.liveShare.value;
    const h = this.handleSeconds.value;
    if (p <= 0 || h <= 0) return 0;
    const lambda = answerRateForAbandon(agents, 1 / h, view.maxConnectWaitSeconds, view.abandonTargetPercent / 100);
    return lambda / p;
  }

  decide(view: FloorView): number {
    const now = view.now;
    if (this.resolved < WARM_UP_RESOLVED || this.handled < WARM_UP_HANDLED) {
      this.lastAt = now;
      return Math.max(0, view.agentsReady - view.callsInFlight.length - view.callsWaiting);
    }
    if (now - this.rateAt >= RATE_REFRESH_MS || view.agentsLoggedIn !== this.rateAgents) {
      this.dialRate = this.rateFor(view.agentsLoggedIn, view);
      this.rateAt = now;
      this.rateAgents = view.agentsLoggedIn;
    }
    // The floor asks every second while agents are logged in; a longer gap had nobody to dial for.
    const elapsed = Number.isNaN(this.lastAt) ? 0 : Math.min(2, Math.max(0, now - this.lastAt) / 1000);
    this.lastAt = now;
    this.credit += this.dialRate * elapsed;
    const n = Math.floor(this.credit);
    this.credit -= n;
    return n;
  }
}
