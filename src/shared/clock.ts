/** Time is a port: the engine never calls Date.now() itself, so it runs in real and virtual time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: tests and simulations. */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start: Date | string = '2026-01-05T09:00:00Z') {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(to: Date | string): void {
    this.ms = new Date(to).getTime();
  }
}
