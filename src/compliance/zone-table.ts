import { IANAZone } from 'luxon';

/**
 * UTC offsets of one IANA time zone, cached per UTC day. Asking the platform (Intl, through
 * Luxon) costs microseconds; the dial-time compliance check asks often, so each UTC day's offset
 * and, on the rare days that have one, its transition instant are computed once. Assumes at most
 * one offset change per UTC day, which holds for every zone in the tz database since 1970.
 */
const DAY = 86_400_000;

interface DayEntry {
  before: number; // offset in minutes at the start of the UTC day
  after: number; // offset at the end of it
  transition: number | null; // the instant the offset changes, if it does that day
}

export class ZoneTable {
  private readonly days = new Map<number, DayEntry>();

  constructor(
    readonly name: string,
    private readonly zone: IANAZone,
  ) {}

  /** Offset from UTC in minutes at instant `ms` (positive east of Greenwich: Tokyo +540). */
  offsetAt(ms: number): number {
    const entry = this.day(Math.floor(ms / DAY));
    return entry.transition === null || ms < entry.transition ? entry.before : entry.after;
  }

  /** The first instant in (from, to] at which the offset changes, or null. */
  nextTransition(from: number, to: number): number | null {
    for (let d = Math.floor(from / DAY); d <= Math.floor(to / DAY); d++) {
      const t = this.day(d).transition;
      if (t !== null && t > from && t <= to) return t;
    }
    return null;
  }

  /** The wall-clock time at `ms`, as milliseconds since 1970-01-01T00:00 local. */
  wallAt(ms: number): number {
    return ms + this.offsetAt(ms) * 60_000;
  }

  /**
   * The earliest instant whose wall clock reads `wall` (milliseconds since 1970 local). In a
   * spring-forward gap, where that reading never happens, the instant the clocks jump: the first
   * moment the wall clock is past `wall`. In a fall-back overlap, the first of the two.
   */
  instantOfWall(wall: number): number {
    const early = this.offsetAt(wall - DAY);
    const late = this.offsetAt(wall + DAY);
    let best: number | null = null;
    for (const offset of [early, late]) {
      const candidate = wall - offset * 60_000;
      if (this.offsetAt(candidate) === offset && (best === null || candidate < best)) best = candidate;
    }
    if (best !== null) return best;
    const lo = wall - Math.max(early, late) * 60_000 - 1;
    const hi = wall - Math.min(early, late) * 60_000;
    return this.nextTransition(lo, hi) ?? hi;
  }

  private day(d: number): DayEntry {
    let entry = this.days.get(d);
    if (entry) return entry;
    const before = this.zone.offset(d * DAY);
    const after = this.zone.offset((d + 1) * DAY - 1);
    let transition: number | null = null;
    if (before !== after) {
      // Binary search, to the second, for the first instant with the new offset.
      let lo = d * 86_400;
      let hi = (d + 1) * 86_400 - 1;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.zone.offset(mid * 1000) === before) lo = mid;
        else hi = mid;
      }
      transition = hi * 1000;
    }
    entry = { before, after, transition };
    if (this.days.size > 50_000) this.days.clear();
    this.days.set(d, entry);
    return entry;
  }
}

const tables = new Map<string, ZoneTable | null>();

/** The table for an IANA zone name, or null when the name is not a valid zone (never guessed). */
export function zoneTable(name: string): ZoneTable | null {
  let table = tables.get(name);
  if (table === undefined) {
    table = IANAZone.isValidZone(name) ? new ZoneTable(name, IANAZone.create(name)) : null;
    if (tables.size > 10_000) tables.clear();
    tables.set(name, table);
  }
  return table;
}
