/**
 * Wall-clock date and time in an IANA zone, to and from instants, with Intl alone: what the
 * supervisor types in the callback's zone becomes the instant PATCH /api/callbacks/{id} takes.
 */
const partsFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** The date (YYYY-MM-DD) and time (HH:MM) an instant shows in the zone. */
export function wallClock(iso: string, timeZone: string): { date: string; time: string } {
  const p = Object.fromEntries(partsFormat(timeZone).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** How far the zone is ahead of UTC at that instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p = Object.fromEntries(partsFormat(timeZone).formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - (ms - (ms % 1000));
}

/** The instant (ISO, UTC) of a date and time in the zone; null when they are not valid. */
export function toInstant(date: string, time: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const h = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || !h) return null;
  try {
    const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(h[1]), Number(h[2]));
    let ms = local - offsetAt(local, timeZone);
    ms = local - offsetAt(ms, timeZone);
    return new Date(ms).toISOString();
  } catch {
    return null;
  }
}
