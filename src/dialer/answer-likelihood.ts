import type { ZoneTable } from '../compliance/zone-table.js';

/**
 * D4: the predicted chance that a call placed now is answered by a person — pure functions, the
 * time passed in.
 *
 * Two parts, multiplied:
 *
 * 1. **The slot rate**: the campaign's live answers over tries in the contact's local hour of
 *    day, weekdays and weekends apart (a *slot*), learned from its stored attempts
 *    (answer-stats.ts). Each level is a Beta posterior mean shrunk toward the level above, so a
 *    slot with few calls reads close to its hour, an hour with few calls close to the campaign's
 *    overall rate, and a campaign with no calls at all gives every slot the same rate:
 *      overall = (live + PRIOR_RATE·PRIOR_TRIES) / (tries + PRIOR_TRIES)
 *      hour    = (live_h + SLOT_PRIOR_TRIES·overall) / (tries_h + SLOT_PRIOR_TRIES)
 *      slot    = (live_hw + SLOT_PRIOR_TRIES·hour) / (tries_hw + SLOT_PRIOR_TRIES)
 *
 * 2. **The record's factor**: how this contact answers compared with what the campaign expected
 *    of each of its earlier tries — a Gamma–Poisson (frailty) posterior mean,
 *      factor = (RECORD_PRIOR + Σ k·w·answered) / (RECORD_PRIOR + Σ k·w·slotRate(when tried)),
 *    so a no-answer at an hour when most people answer says more than one at an hour when few
 *    do. A try within an hour of the same local time of day as now counts double (k = 2):
 *    repeated no-answers at this hour lower the chance most, an earlier live answer at this hour
 *    raises it most. Weights w: a live answer (connected, abandoned) 1, no answer 1, a machine 1
 *    (the line works, nobody took it), busy ½ (someone may be there); fax, bad number and
 *    carrier failures say nothing about the person and are ignored (and not counted as tries).
 */
export interface Tally {
  tries: number;
  live: number;
}

/** Tallies per slot: index `weekend·24 + local hour` (48 entries). */
export type SlotTallies = readonly Tally[];

export interface Slot {
  hour: number;
  weekend: boolean;
}

export interface PastTry {
  at: Date;
  result: string;
}

export const PRIOR_RATE = 0.25;
export const PRIOR_TRIES = 4;
export const SLOT_PRIOR_TRIES = 20;
export const RECORD_PRIOR = 2;
export const SAME_HOUR_WEIGHT = 2;
const SAME_HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Live answers (as the abandon rate counts them, D6) and tries that reached a phone line, with their weight. */
export const LIVE_RESULTS: readonly string[] = ['connected', 'abandoned'];
export const TRY_WEIGHTS: Readonly<Record<string, number>> = { connected: 1, abandoned: 1, no_answer: 1, machine: 1, busy: 0.5 };

export const slotIndex = (slot: Slot): number => (slot.weekend ? 24 : 0) + slot.hour;

export function emptyTallies(): Tally[] {
  return Array.from({ length: 48 }, () => ({ tries: 0, live: 0 }));
}

/** The contact's local hour and whether it is Saturday or Sunday there, at instant `ms`. */
export function localSlot(zone: ZoneTable, ms: number): Slot {
  const wall = new Date(zone.wallAt(ms));
  const day = wall.getUTCDay();
  return { hour: wall.getUTCHours(), weekend: day === 0 || day === 6 };
}

const rate = (t: Tally, priorRate: number, priorTries: number): number => (t.live + priorRate * priorTries) / (t.tries + priorTries);

/** The campaign's overall rate, smoothed toward PRIOR_RATE. */
export function overallRate(tallies: SlotTallies): number {
  const total = tallies.reduce((sum, t) => ({ tries: sum.tries + t.tries, live: sum.live + t.live }), { tries: 0, live: 0 });
  return rate(total, PRIOR_RATE, PRIOR_TRIES);
}

/** The slot's answer rate, shrunk toward its hour's, shrunk toward the campaign's. */
export function slotRate(tallies: SlotTallies, slot: Slot, overall = overallRate(tallies)): number {
  const weekday = tallies[slot.hour]!;
  const weekend = tallies[24 + slot.hour]!;
  const hour = rate({ tries: weekday.tries + weekend.tries, live: weekday.live + weekend.live }, overall, SLOT_PRIOR_TRIES);
  return rate(slot.weekend ? weekend : weekday, hour, SLOT_PRIOR_TRIES);
}

/** Is `at` within an hour of the same local time of day as `now` (across midnight too)? */
function sameTimeOfDay(zone: ZoneTable, at: number, now: number): boolean {
  const diff = Math.abs((((zone.wallAt(at) - zone.wallAt(now)) % DAY_MS) + DAY_MS) % DAY_MS);
  return Math.min(diff, DAY_MS - diff) <= SAME_HOUR_MS;
}

/** How much likelier than expected this contact is to answer, from their earlier tries (1 without any). */
export function recordFactor(tallies: SlotTallies, zone: ZoneTable, history: readonly PastTry[], now: Date, overall = overallRate(tallies)): number {
  let answered = RECORD_PRIOR;
  let expected = RECORD_PRIOR;
  for (const t of history) {
    const w = TRY_WEIGHTS[t.result];
    if (w === undefined) continue;
    const at = t.at.getTime();
    const k = sameTimeOfDay(zone, at, now.getTime()) ? SAME_HOUR_WEIGHT : 1;
    if (LIVE_RESULTS.includes(t.result)) answered += k * w;
    expected += k * w * slotRate(tallies, localSlot(zone, at), overall);
  }
  return answered / expected;
}

export interface AnswerLikelihood {
  /** The predicted chance of a live answer now, 0–1. */
  likelihood: number;
  slot: Slot;
  slotRate: number;
  recordFactor: number;
}

/**
 * The chance that a call to this contact placed at `now` is answered by a person. `zone` is the
 * contact's time zone; null (no valid zone) gives the campaign's overall rate.
 */
export function predictAnswer(tallies: SlotTallies, zone: ZoneTable | null, history: readonly PastTry[], now: Date): AnswerLikelihood {
  const overall = overallRate(tallies);
  if (!zone) return { likelihood: overall, slot: { hour: now.getUTCHours(), weekend: false }, slotRate: overall, recordFactor: 1 };
  const slot = localSlot(zone, now.getTime());
  const r = slotRate(tallies, slot, overall);
  const factor = history.length > 0 ? recordFactor(tallies, zone, history, now, overall) : 1;
  return { likelihood: Math.min(1, r * factor), slot, slotRate: r, recordFactor: factor };
}
