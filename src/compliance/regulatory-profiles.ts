import type { Interval } from './contactable-time.js';

/**
 * What the law asks of an outbound campaign, per regulatory profile (the campaign's
 * `regulatoryProfile`). The dial-time decision (may-dial.ts) applies the calling hours and the
 * redial rules; the dialer uses the ring, connect and abandon figures.
 *
 * - us — FCC TCPA (47 CFR 64.1200) and FTC TSR: calls only 08:00–21:00 at the called party's
 *   location; ring at least 15 seconds (or four rings) before disconnecting an unanswered call;
 *   a live answer gets an agent within 2 seconds or a recorded message; at most 3 % of live
 *   answers abandoned per campaign over a 30-day period.
 * - uk — Ofcom's persistent misuse policy: ring at least 15 seconds; a message within 2 seconds
 *   of an answer no agent takes; at most 3 % abandoned over 24 hours per campaign; after an
 *   abandoned call, no call to that number within 72 hours, and after an answering machine is
 *   detected, none within the same 24 hours, unless an agent is guaranteed to take it.
 * - none — no statutory rules; the campaign's own hours and limits still apply.
 */
export const regulatoryProfileNames = ['us', 'uk', 'none'] as const;
export type RegulatoryProfileName = (typeof regulatoryProfileNames)[number];

export interface RegulatoryProfile {
  name: RegulatoryProfileName;
  title: string;
  /** Local hours the law allows, [start, end) in minutes after midnight; null = no statutory limit. */
  callingHours: Interval | null;
  /** An unanswered call may not be given up on earlier than this (the dialer's minimum ring timeout). */
  minRingSeconds: number;
  /** A live answer must reach an agent within this, else it gets the message and counts as abandoned (D6). */
  maxConnectWaitSeconds: number;
  /** Abandoned share of live answers allowed, and the rolling window it is measured over. */
  abandonRateCap: number | null;
  abandonWindowHours: number | null;
  /** No new call to a number this long after an abandoned call to it, unless an agent is guaranteed. */
  noRedialAfterAbandonHours: number | null;
  /** Likewise after an answering machine was detected on it. */
  noRedialAfterMachineHours: number | null;
}

export const regulatoryProfiles: Readonly<Record<RegulatoryProfileName, RegulatoryProfile>> = {
  us: {
    name: 'us',
    title: 'United States (TCPA, TSR)',
    callingHours: [8 * 60, 21 * 60],
    minRingSeconds: 15,
    maxConnectWaitSeconds: 2,
    abandonRateCap: 0.03,
    abandonWindowHours: 30 * 24,
    noRedialAfterAbandonHours: null,
    noRedialAfterMachineHours: null,
  },
  uk: {
    name: 'uk',
    title: 'United Kingdom (Ofcom persistent misuse policy)',
    callingHours: null,
    minRingSeconds: 15,
    maxConnectWaitSeconds: 2,
    abandonRateCap: 0.03,
    abandonWindowHours: 24,
    noRedialAfterAbandonHours: 72,
    noRedialAfterMachineHours: 24,
  },
  none: {
    name: 'none',
    title: 'No statutory profile',
    callingHours: null,
    minRingSeconds: 0,
    maxConnectWaitSeconds: 2,
    abandonRateCap: null,
    abandonWindowHours: null,
    noRedialAfterAbandonHours: null,
    noRedialAfterMachineHours: null,
  },
};
