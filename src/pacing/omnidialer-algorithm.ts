import type { AgentPhase, FloorView, PacingAlgorithm } from './pacing-algorithm.js';

/**
 * `omnidialer` (a baseline, issue 7 point 2): OMniDialer's predictive pacing (OMniLeads' dialer),
 * written from its public source and design notes in Freetech-Solutions/omnidialer (read, not
 * copied): `docs/dialer_modes.md` §3 (commit 38261e8), `workers/handle-campaign/src/handler/
 * predictive_pacer.py` (`compute_gamma`, `compute_c_dial`, `decide_predictive_pace`), the
 * defaults in `workers/handle-campaign/src/settings/default.py`, and `_UPDATE_CAMPAIGN_HIT_LUA`
 * in `handler/naive.py`. Every tick (`DIALER_PREDICTIVE_TICK_MS`, 1 s):
 *
 *   C_dial = max(0, floor((A_free + A_expected − C_ringing × P_hit) / P_hit × γ))
 *
 * - `A_free`: agents READY. `A_expected`: Σ over busy agents of P_lib = 1 − exp(−t_ring /
 *   remaining), remaining = max(1 s, μ − time in the state), μ = AHT (ATT + ACW) on a call, ACW in
 *   wrap-up; t_ring = ART (mean ring time of human answers, 15 s before any) + mean AMD latency.
 * - `C_ringing`: calls originated and not yet a human answer (our calls in flight). Calls waiting
 *   for an agent are not subtracted in this mode.
 * - `P_hit`: an EWMA (α 0.1, from 0) of hit (a human answer: 1) or fail (anything else: 0),
 *   floored at 0.05. `D`: an EWMA (α 0.1, from 0) moved towards 1 by an abandon and towards 0 by a
 *   hit. γ = aggressiveness (1.0) while D ≤ D_max / 2, linear down to 0.2 at D_max, 0.2 above it
 *   (soft hold); after 5 consecutive ticks with D ≥ D_max it latches to progressive 1:1 until
 *   D < 0.8 D_max.
 * - Warm-up: until 50 conversations have ended (ATT_COUNT), and while there is no hit/fail
 *   sample, progressive 1:1: A_free − (C_ringing + calls waiting for an agent).
 *
 * D_max is the floor's abandon target. Not modelled: the channel cap (`max_channels`), the
 * originations-per-second cap (`DIALER_CAPS`), multi-queue agent weights, campaign priorities.
 */
export const OMNIDIALER_DEFAULTS = {
  tickMs: 1000,
  pHitAlpha: 0.1,
  dropAlpha: 0.1,
  hitRateFloor: 0.05,
  warmUpSampleSize: 50,
  defaultArtS: 15,
  pLibRemainingEpsS: 1,
  aggressiveness: 1.0,
  gammaFloor: 0.2,
  throttleStreakK: 5,
  throttleExitRatio: 0.8,
} as const;

export type OmnidialerMode = 'warmup' | 'progressive_fallback' | 'throttled' | 'predictive';

/** compute_gamma: γ from the drop rate's margin to D_max (0 at or above it). */
export function omnidialerGamma(drop: number, dMax: number, aggressiveness = 1, gammaFloor = 0.2): number {
  if (dMax <= 0 || drop >= dMax) return 0;
  const half = dMax / 2;
  if (drop <= half) return aggressiveness;
  return aggressiveness + ((drop - half) / (dMax - half)) * (gammaFloor - aggressiveness);
}

export class OmnidialerAlgorithm implements PacingAlgorithm {
  readonly name = 'omnidialer';
  readonly c = OMNIDIALER_DEFAULTS;

  pHit = 0;
  dropRate = 0;
  mode: OmnidialerMode = 'warmup';
  private hitsAndFails = 0;
  private attSum = 0;
  private attCount = 0;
  private acwSum = 0;
  private acwCount = 0;
  private artSum = 0;
  private artCount = 0;
  private amdSum = 0;
  private amdCount = 0;
  private streak = 0;
  private latched = false;
  private nextTickAt = -Infinity;
  private readonly wrapSince = new Map<number, number>();

  callDialed(_dialedAt: number): void {}

  callResolved(live: boolean, dialedAt: number, answeredAt: number | null, at: number): void {
    const { pHitAlpha, dropAlpha } = this.c;
    this.hitsAndFails++;
    if (live) {
      this.pHit += pHitAlpha * (1 - this.pHit);
      this.dropRate += dropAlpha * (0 - this.dropRate);
      if (answeredAt !== null) {
        this.artSum += (answeredAt - dialedAt) / 1000;
        this.artCount++;
      }
    } else {
      this.pHit += pHitAlpha * (0 - this.pHit);
    }
    if (answeredAt !== null) {
      // AmdLatency: from the answer to the detector's decision (0 with no detector).
      this.amdSum += (at - answeredAt) / 1000;
      this.amdCount++;
    }
  }

  liveConnected(_answeredAt: number, _at: number): void {}

  liveAbandoned(_answeredAt: number, _at: number): void {
    this.dropRate += this.c.dropAlpha * (1 - this.dropRate);
  }

  talkEnded(connectedAt: number, at: number): void {
    this.attSum += (at - connectedAt) / 1000;
    this.attCount++;
  }

  agentLoggedIn(_agentId: number, _at: number): void {}
  agentLoggedOut(agentId: number, _at: number): void {
    this.wrapSince.delete(agentId);
  }
  agentPhase(agentId: number, phase: AgentPhase, at: number): void {
    const since = this.wrapSince.get(agentId);
    if (since !== undefined) {
      this.acwSum += (at - since) / 1000;
      this.acwCount++;
      this.wrapSince.delete(agentId);
    }
    if (phase === 'wrap') this.wrapSince.set(agentId, at);
  }

  get att(): number {
    return this.attCount ? this.attSum / this.attCount : 0;
  }
  get acw(): number {
    return this.acwCount ? this.acwSum / this.acwCount : 0;
  }
  /** t_ring = ART + AMD latency (s). */
  get tRing(): number {
    return (this.artCount ? this.artSum / this.artCount : this.c.defaultArtS) + (this.amdCount ? this.amdSum / this.amdCount : 0);
  }

  /** Σ P_lib over the busy agents. */
  expectedFreeing(view: FloorView): number {
    const aht = this.att + this.acw;
    const tRing = this.tRing;
    let sum = 0;
    for (const a of view.busyAgents) {
      const mu = a.phase === 'talk' ? aht : this.acw;
      const remaining = Math.max(this.c.pLibRemainingEpsS, mu - (view.now - a.since) / 1000);
      sum += 1 - Math.exp(-tRing / remaining);
    }
    return sum;
  }

  decide(view: FloorView): number {
    if (view.now < this.nextTickAt) return 0;
    this.nextTickAt = view.now + this.c.tickMs;
    const dMax = view.abandonTargetPercent / 100;
    // The kill-switch: consecutive ticks at or over D_max latch; it clears under 0.8 D_max.
    this.streak = this.dropRate >= dMax ? this.streak + 1 : 0;
    if (this.streak >= this.c.throttleStreakK) this.latched = true;
    else if (this.latched && this.dropRate < this.c.throttleExitRatio * dMax) this.latched = false;

    const ringing = view.callsInFlight.length;
    if (this.attCount < this.c.warmUpSampleSize) this.mode = 'warmup';
    else if (this.hitsAndFails === 0) this.mode = 'progressive_fallback';
    else if (this.latched) this.mode = 'throttled';
    else this.mode = 'predictive';
    if (this.mode !== 'predictive') return Math.max(0, view.agentsReady - (ringing + view.callsWaiting));

    let gamma = omnidialerGamma(this.dropRate, dMax, this.c.aggressiveness, this.c.gammaFloor);
    if (gamma <= 0) gamma = Math.min(this.c.gammaFloor, this.c.aggressiveness); // soft hold
    const p = Math.max(this.pHit, this.c.hitRateFloor);
    const raw = ((view.agentsReady + this.expectedFreeing(view) - ringing * p) / p) * gamma;
    return Math.max(0, Math.floor(raw));
  }
}
