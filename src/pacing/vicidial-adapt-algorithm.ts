import type { AgentPhase, FloorView, PacingAlgorithm } from './pacing-algorithm.js';

/**
 * `vicidial-adapt` (a baseline, issue 7 point 2): VICIdial's adaptive predictive dialing, written
 * from its public source (AGPLv2; read, not copied) in our hooks and view. Two programs share it:
 *
 * **The dial level** — inktel/Vicidial `bin/AST_VDadapt.pl` (version 2.4, commit 9e65b4c), the
 * master loop (`--delay` default 1 s) with `sub count_agents_lines`, `sub calculate_drops`
 * and `sub calculate_dial_level`:
 * - every loop, a sample: agents READY or DONE, calls LIVE (answered, waiting for an agent) and
 *   all agents logged in; the averages over the last 15 samples (fewer at the start) give
 *   `stat_differential = ready_avg − waiting_avg` and `total_agents_avg`;
 * - every 60 loops (and at the first), the drop statistics: calls placed, answers (human-answered
 *   statuses, DROP included) and drops (DROP, XDROP) since midnight — `drops_answers_today_pct =
 *   drops / answers × 100` — and calls and drops in the last minute (`drops_one_pct` = drops / calls);
 * - every 15 loops, the level: `differential_target = stat_differential + adaptive_dl_diff_target`,
 *   `differential_mul = differential_target / total_agents_avg`; the intensity (`adaptive_intensity`,
 *   −40…40, default 0) scales a rise by (1 + i/100) and a fall by |i/100 − 1|; the new
 *   `auto_dial_level = level × (1 + scaled differential)`, to 3 decimals, capped at
 *   `adaptive_maximum_level` (3.0) and raised to 1.0. Then the drop rules: over 20 calls in the
 *   last minute with more than 50 % of them dropped halves the level; over 50 calls today with
 *   `drops_answers_today_pct` above `adaptive_dropped_percentage`: ADAPT_HARD_LIMIT sets 1.0,
 *   ADAPT_AVERAGE halves, ADAPT_TAPERED multiplies by `(adaptive_latest_server_time − HHMM now) /
 *   1000` (1 when more than 1000 "HHMM units" are left, 1.0 once past the latest time) — so the
 *   limit bites little early in the shift and fully at its end. Finally raised to 1.0 again.
 *
 * **The calls placed** — inktel/Vicidial `bin/AST_VDauto_dial.pl` (version 2.4, same commit),
 * its main loop (`$loop_delay` default 2500 ms): agents counted are those READY, QUEUE, INCALL or
 * DONE less those INCALL on a dead call (the customer hung up: wrap-up); with
 * `available_only_ratio_tally` N (the default) `goalcalls = sprintf("%.0f", auto_dial_level ×
 * (agents + adaptive_dl_diff_target))`, and it places `goalcalls − existcalls` where
 * `existcalls` counts the campaign's vicidial_auto_calls in SENT, RINGING, LIVE, XFER or CLOSER:
 * calls dialing, waiting for an agent, or with one.
 *
 * In our terms: READY/DONE = `agentsReady`; INCALL = busy agents in `talk` (on a call, also
 * marking a machine); dead-call agents = those in `wrap`; LIVE = `callsWaiting`; SENT/RINGING =
 * `callsInFlight`; XFER/CLOSER = agents in `talk`; all agents = `agentsLoggedIn`. Drops are our
 * abandoned live answers as the dialer knows them (an AMD false machine is a machine to VICIdial
 * too); "today" is the floor clock's UTC day. Not modelled: trunk limits, hopper, blended inbound,
 * the threshold options (off by default), drop-rate groups.
 */
export type VicidialDialMethod = 'ADAPT_HARD_LIMIT' | 'ADAPT_AVERAGE' | 'ADAPT_TAPERED';

export interface VicidialAdaptSettings {
  dialMethod: VicidialDialMethod;
  /** `adaptive_intensity`, −40…40. */
  intensity: number;
  /** `adaptive_dl_diff_target`: −1 aims at one agent waiting, +1 at one customer waiting. */
  dlDiffTarget: number;
  /** `adaptive_maximum_level`. */
  maximumLevel: number;
  /** `adaptive_dropped_percentage`; null = the floor's abandon target. */
  droppedPercentage: number | null;
  /** `adaptive_latest_server_time`, HHMM (ADAPT_TAPERED). */
  latestServerTime: number;
  /** The `auto_dial_level` the campaign starts at. */
  initialLevel: number;
  /** AST_VDadapt.pl loop (ms). */
  adaptLoopMs: number;
  /** AST_VDauto_dial.pl loop (ms). */
  dialLoopMs: number;
}

export const VICIDIAL_DEFAULTS: VicidialAdaptSettings = {
  dialMethod: 'ADAPT_HARD_LIMIT',
  intensity: 0,
  dlDiffTarget: 0,
  maximumLevel: 3.0,
  droppedPercentage: null,
  latestServerTime: 2100,
  initialLevel: 1.0,
  adaptLoopMs: 1000,
  dialLoopMs: 2500,
};

const SAMPLES = 15;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Perl's sprintf("%.0f"): round half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Timestamps in the last minute (a queue that forgets the old ones). */
class LastMinute {
  private readonly times: number[] = [];
  private head = 0;
  add(at: number): void {
    this.times.push(at);
  }
  count(now: number): number {
    while (this.head < this.times.length && this.times[this.head]! <= now - MINUTE_MS) this.head++;
    if (this.head > 4096) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }
}

export class VicidialAdaptAlgorithm implements PacingAlgorithm {
  readonly name = 'vicidial-adapt';
  readonly settings: VicidialAdaptSettings;
  /** `auto_dial_level`. */
  level: number;

  private readonly ready: number[] = [];
  private readonly waiting: number[] = [];
  private readonly total: number[] = [];
  private nextAdaptAt = -Infinity;
  private nextDialAt = -Infinity;
  /** Loops since the last level / drop calculation (AST_VDadapt.pl starts the drop counter at 61). */
  private diffRatioUpdater = 0;
  private dropCountUpdater = 61;

  private day = Number.NaN;
  private callsToday = 0;
  private answersToday = 0;
  private dropsToday = 0;
  private readonly callsOne = new LastMinute();
  private readonly dropsOne = new LastMinute();
  /** The drop statistics as last calculated (every 60 loops). */
  private stats = { callsToday: 0, dropsAnswersTodayPct: 0, callsOne: 0, dropsOnePct: 0 };

  constructor(settings: Partial<VicidialAdaptSettings> = {}) {
    this.settings = { ...VICIDIAL_DEFAULTS, ...settings };
    this.level = this.settings.initialLevel;
  }

  // ── hooks: the call log (vicidial_log) since midnight and over the last minute ──────────

  private today(at: number): void {
    const day = Math.floor(at / DAY_MS);
    if (day === this.day) return;
    this.day = day;
    this.callsToday = this.answersToday = this.dropsToday = 0;
  }

  callDialed(dialedAt: number): void {
    this.today(dialedAt);
    this.callsToday++;
    this.callsOne.add(dialedAt);
  }
  callResolved(live: boolean, _dialedAt: number, _answeredAt: number | null, at: number): void {
    this.today(at);
    if (live) this.answersToday++;
  }
  liveConnected(_answeredAt: number, _at: number): void {}
  liveAbandoned(_answeredAt: number, at: number): void {
    this.today(at);
    this.dropsToday++;
    this.dropsOne.add(at);
  }
  talkEnded(_connectedAt: number, _at: number): void {}
  agentLoggedIn(_agentId: number, _at: number): void {}
  agentLoggedOut(_agentId: number, _at: number): void {}
  agentPhase(_agentId: number, _phase: AgentPhase, _at: number): void {}

  // ── decide: the two loops ─────────────────────────────────────────────────────────────

  decide(view: FloorView): number {
    if (view.now >= this.nextAdaptAt) {
      this.nextAdaptAt = Math.max(this.nextAdaptAt + this.settings.adaptLoopMs, view.now);
      this.adaptLoop(view);
    }
    if (view.now < this.nextDialAt) return 0;
    this.nextDialAt = view.now + this.settings.dialLoopMs;
    return this.callsToPlace(view);
  }

  /** AST_VDauto_dial.pl: goalcalls − existcalls. */
  callsToPlace(view: FloorView): number {
    let talking = 0;
    for (const a of view.busyAgents) if (a.phase === 'talk') talking++;
    const agents = Math.max(0, view.agentsReady + talking + this.settings.dlDiffTarget);
    const goal = roundHalfEven(this.level * agents);
    const exist = view.callsInFlight.length + view.callsWaiting + talking;
    return Math.max(0, goal - exist);
  }

  /** One loop of AST_VDadapt.pl's master loop. */
  private adaptLoop(view: FloorView): void {
    this.sample(view);
    let totalAvg = 0;
    for (const t of this.total) totalAvg += t;
    totalAvg /= this.total.length;
    let resetDiff = false;
    let resetDrop = false;
    if (totalAvg > 0) {
      if (this.dropCountUpdater >= 60) {
        this.calculateDrops(view.now);
        resetDrop = true;
      }
      if (this.diffRatioUpdater >= 15) {
        this.calculateDialLevel(view, totalAvg);
        resetDiff = true;
      }
    }
    if (resetDiff) this.diffRatioUpdater = 0;
    if (resetDrop) this.dropCountUpdater = 0;
    this.diffRatioUpdater++;
    this.dropCountUpdater++;
  }

  /** count_agents_lines: one sample of the last 15. */
  private sample(view: FloorView): void {
    this.ready.push(view.agentsReady);
    this.waiting.push(view.callsWaiting);
    this.total.push(view.agentsLoggedIn);
    if (this.ready.length > SAMPLES) {
      this.ready.shift();
      this.waiting.shift();
      this.total.shift();
    }
  }

  /** The differential averaged over the samples: agents ready less calls waiting. */
  differential(): number {
    const n = this.ready.length;
    if (n === 0) return 0;
    return this.ready.reduce((a, b) => a + b, 0) / n - this.waiting.reduce((a, b) => a + b, 0) / n;
  }

  /** calculate_drops. */
  private calculateDrops(now: number): void {
    this.today(now);
    const callsOne = this.callsOne.count(now);
    const dropsOne = this.dropsOne.count(now);
    this.stats = {
      callsToday: this.callsToday,
      dropsAnswersTodayPct: this.dropsToday > 0 ? round2((this.dropsToday / Math.max(1, this.answersToday)) * 100) : 0,
      callsOne,
      dropsOnePct: callsOne > 0 && dropsOne > 0 ? round2((dropsOne / callsOne) * 100) : 0,
    };
  }

  /** calculate_dial_level. */
  private calculateDialLevel(view: FloorView, totalAvg: number): void {
    const s = this.settings;
    const target = this.differential() + s.dlDiffTarget;
    const mul = target !== 0 && totalAvg !== 0 ? target / totalAvg : 0;
    const pct = mul * 100;
    const intensityMul = s.intensity / 100;
    const intensityDiff = pct < 0 ? pct * Math.abs(intensityMul - 1) : pct * (intensityMul + 1);
    let level = round3(this.level * (intensityDiff / 100 + 1));
    if (level > s.maximumLevel) level = s.maximumLevel;
    if (level < 1) level = 1;

    const hourMin = hhmm(view.now);
    const taperedLeft = s.latestServerTime - hourMin;
    const taperedRate = taperedLeft > 1000 ? 1 : taperedLeft / 1000;
    const limit = s.droppedPercentage ?? view.abandonTargetPercent;
    if (this.stats.callsOne > 20 && this.stats.dropsOnePct > 50) level /= 2;
    if (this.stats.callsToday > 50 && this.stats.dropsAnswersTodayPct > limit) {
      if (s.dialMethod === 'ADAPT_HARD_LIMIT') level = 1;
      else if (s.dialMethod === 'ADAPT_AVERAGE') level /= 2;
      else level = taperedLeft < 0 ? 1 : level * taperedRate;
    }
    if (level < 1) level = 1;
    this.level = level;
  }
}

/** The server's time as VICIdial's HHMM number (the floor clock in UTC). */
function hhmm(at: number): number {
  const d = new Date(at);
  return d.getUTCHours() * 100 + d.getUTCMinutes();
}
