import type { Clock } from '../shared/clock.js';
import type { ClaimedRecord, DueCallback } from './claim-records.js';

/**
 * The record buffer (issue 4 point 4): per campaign, a few records per lane ready in memory,
 * so that choosing the next record for an agent never waits for the database, refilled in the
 * background before it runs out.
 *
 * Lanes: `CALLBACK_LANE` (due callbacks, C7 — taken first), one lane per agent (records an
 * agent owns, O1, or snoozed for themselves, P6) and lane 0 (anyone's). A lane is refilled
 * when it falls to its low-water mark; a refill that comes back short marks the lane dry until
 * `wakeAt` (the next scheduled record, the next opening of a contact zone) or `recheckMs`,
 * so an empty campaign does not query in a loop — and a lane with records is never left
 * waiting: the refill starts while the lane still holds `lowWater` records.
 */
export interface WorkEntry extends ClaimedRecord {
  campaignId: number;
  /** Set when this entry delivers a callback (C7). */
  callback: DueCallback | null;
}

export interface RefillResult {
  entries: WorkEntry[];
  /** The lane had fewer records than asked for. */
  exhausted: boolean;
  /** When it may have more (null: recheck after `recheckMs`). */
  wakeAt: Date | null;
}

export const CALLBACK_LANE = -1;
export const SHARED_LANE = 0;

interface Lane {
  items: WorkEntry[];
  refilling: boolean;
  dryUntil: number;
  refills: number;
  /** Takes that found the lane empty while its refill was still running: an agent waiting for the database (a stall). */
  misses: number;
}

export interface BufferHooks {
  fetch(lane: number, limit: number): Promise<RefillResult>;
  /** How many consumers draw from a lane (agents, lines): sizes its batch and low-water mark. */
  consumers(lane: number): number;
  /** A refill finished (added may be 0). */
  refilled(lane: number, added: number, wakeAt: Date | null): void;
  track(work: Promise<unknown>, label: string): void;
}

export class RecordBuffer {
  private readonly lanes = new Map<number, Lane>();

  constructor(
    private readonly clock: Clock,
    private readonly hooks: BufferHooks,
    private readonly options: { recheckMs: number; maxBatch: number } = { recheckMs: 60_000, maxBatch: 500 },
  ) {}

  private lane(id: number): Lane {
    let lane = this.lanes.get(id);
    if (!lane) this.lanes.set(id, (lane = { items: [], refilling: false, dryUntil: 0, refills: 0, misses: 0 }));
    return lane;
  }

  sizing(id: number): { batch: number; lowWater: number } {
    const n = Math.max(1, this.hooks.consumers(id));
    const batch = Math.min(this.options.maxBatch, Math.max(10, 4 * n));
    return { batch, lowWater: Math.min(batch - 1, Math.max(3, 2 * n)) };
  }

  /** The first entry of `laneId` that `accept` takes (all when omitted); starts a refill when the lane runs low. */
  take(laneId: number, accept?: (entry: WorkEntry) => boolean): WorkEntry | undefined {
    const lane = this.lane(laneId);
    const index = accept ? lane.items.findIndex(accept) : lane.items.length > 0 ? 0 : -1;
    const entry = index >= 0 ? lane.items.splice(index, 1)[0] : undefined;
    if (entry === undefined && lane.items.length === 0 && lane.refilling) lane.misses++;
    this.ensure(laneId);
    return entry;
  }

  /** Starts a refill if the lane is low, not refilling and not known to be dry. */
  ensure(laneId: number): void {
    const lane = this.lane(laneId);
    const { batch, lowWater } = this.sizing(laneId);
    if (lane.refilling || lane.items.length > lowWater || this.clock.now().getTime() < lane.dryUntil) return;
    lane.refilling = true;
    lane.refills++;
    const limit = batch - lane.items.length;
    const work = this.hooks
      .fetch(laneId, limit)
      .then((result) => {
        lane.items.push(...result.entries);
        const now = this.clock.now().getTime();
        lane.dryUntil = result.exhausted ? Math.min(result.wakeAt?.getTime() ?? Number.POSITIVE_INFINITY, now + this.options.recheckMs) : 0;
        this.hooks.refilled(laneId, result.entries.length, result.exhausted ? new Date(lane.dryUntil) : null);
      })
      .finally(() => {
        lane.refilling = false;
      });
    this.hooks.track(work, `refill lane ${laneId}`);
  }

  /** Forget "dry" marks (records were scheduled, appended or a zone opened). */
  wake(laneId?: number): void {
    for (const [id, lane] of this.lanes) if (laneId === undefined || id === laneId) lane.dryUntil = 0;
  }

  /** Removes a lane, returning its entries (to release them). */
  dropLane(laneId: number): WorkEntry[] {
    const lane = this.lanes.get(laneId);
    if (!lane) return [];
    this.lanes.delete(laneId);
    return lane.items;
  }

  /** Empties every lane, returning the entries. */
  drain(): WorkEntry[] {
    const all: WorkEntry[] = [];
    for (const lane of this.lanes.values()) all.push(...lane.items.splice(0));
    return all;
  }

  /** Is every lane empty, not refilling, and dry? (Then nothing is dialable right now.) */
  get idle(): boolean {
    const now = this.clock.now().getTime();
    for (const lane of this.lanes.values()) if (lane.items.length > 0 || lane.refilling || lane.dryUntil <= now) return false;
    return true;
  }

  get refilling(): boolean {
    for (const lane of this.lanes.values()) if (lane.refilling) return true;
    return false;
  }

  stats(): Array<{ lane: number; size: number; refilling: boolean; dryUntil: string | null; refills: number; misses: number }> {
    return [...this.lanes].map(([lane, l]) => ({
      lane,
      size: l.items.length,
      refilling: l.refilling,
      misses: l.misses,
      dryUntil: l.dryUntil > 0 && Number.isFinite(l.dryUntil) ? new Date(l.dryUntil).toISOString() : null,
      refills: l.refills,
    }));
  }

  size(laneId: number): number {
    return this.lanes.get(laneId)?.items.length ?? 0;
  }

  has(laneId: number): boolean {
    return this.lanes.has(laneId);
  }
}
