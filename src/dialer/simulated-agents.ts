import { type Distribution, samplerFor } from '../engine/distributions.js';
import type { Random } from '../engine/random.js';
import type { TimerHandle } from '../engine/timers.js';
import { AppError } from '../shared/errors.js';
import type { AgentView } from './describe-agent.js';
import type { DialerRuntime } from './dialer-runtime.js';

/**
 * Simulated agents (issue 4 point 10, T1): they accept offers, review, dial, talk, wrap up with
 * a code and sometimes take a break — on the runtime's own timers and seeded randomness, so the
 * same code drives the invariant tests in virtual time and can animate a demo floor. They act
 * through the same engine methods the REST commands call; a command the state no longer
 * allows (the contact hung up first, an offer was withdrawn) is simply dropped, as a person
 * would shrug.
 */
export interface SimulatedAgentBehaviour {
  /** Seconds from an offer to Accept (preview). */
  accept: Distribution;
  /** Seconds reviewing a record before dialing it (preview). */
  review: Distribution;
  /** Seconds in wrap-up. */
  wrap: Distribution;
  /** Wrap-up codes to pick from, with weights. */
  codes: Record<string, number>;
  /** Chance, after a record, of taking a break; and its length in seconds. */
  breakChance: number;
  breakLength: Distribution;
  /** Chance of skipping an offered record instead of accepting it (preview). */
  skipChance: number;
}

export const defaultBehaviour: SimulatedAgentBehaviour = {
  accept: { dist: 'lognormal', median: 2, p90: 6 },
  review: { dist: 'lognormal', median: 5, p90: 15 },
  wrap: { dist: 'lognormal', median: 8, p90: 25 },
  codes: { sale: 1, no_answer: 2, voicemail: 1, bad_record: 0.2 },
  breakChance: 0.05,
  breakLength: { dist: 'lognormal', median: 120, p90: 600 },
  skipChance: 0.05,
};

export class SimulatedAgent {
  private timer: TimerHandle | null = null;
  private readonly unsubscribe: () => void;
  private readonly sample: Record<'accept' | 'review' | 'wrap' | 'breakLength', (r: Random) => number>;
  actions = 0;
  dropped = 0;

  constructor(
    private readonly runtime: DialerRuntime,
    readonly userId: number,
    private readonly random: Random,
    private readonly behaviour: SimulatedAgentBehaviour = defaultBehaviour,
  ) {
    this.sample = {
      accept: samplerFor(behaviour.accept),
      review: samplerFor(behaviour.review),
      wrap: samplerFor(behaviour.wrap),
      breakLength: samplerFor(behaviour.breakLength),
    };
    this.unsubscribe = runtime.events.subscribe(userId, (event) => {
      if (event.type === 'agent.state') this.react(event.state as AgentView);
    });
  }

  /** Acts on the state the agent is in now (one restored after a restart has had no event since this bot subscribed). */
  resume(): void {
    this.react(this.runtime.describe(this.userId));
  }

  stop(): void {
    this.unsubscribe();
    if (this.timer) this.runtime.deps.ports.timers.cancel(this.timer);
    this.timer = null;
  }

  private later(seconds: number, act: () => void): void {
    if (this.timer) this.runtime.deps.ports.timers.cancel(this.timer);
    this.timer = this.runtime.deps.ports.timers.after(seconds * 1000, () => {
      this.timer = null;
      this.attempt(act);
    });
  }

  private attempt(act: () => void): void {
    try {
      act();
      this.actions++;
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'invalid_state') throw err;
      this.dropped++;
    }
  }

  private engine() {
    const state = this.runtime.desk.state(this.userId);
    if (!('work' in state)) throw new AppError('invalid_state', 'no work');
    const engine = this.runtime.engines.get(state.work.campaignId);
    if (!engine) throw new AppError('invalid_state', 'no engine');
    return engine;
  }

  private pickCode(): string {
    return this.random.pick(this.behaviour.codes);
  }

  private react(view: AgentView): void {
    const r = this.random;
    switch (view.state) {
      case 'reserved.offered':
        if (r.chance(this.behaviour.skipChance)) return this.later(this.sample.accept(r), () => this.engine().work.skip(this.userId));
        return this.later(this.sample.accept(r), () => this.engine().work.accept(this.userId));
      case 'reserved.previewing':
        if (view.work?.lastResult && (r.chance(0.5) || !view.work.phones.some((p) => p.allowed))) {
          return this.later(this.sample.review(r) / 2, () => this.engine().work.complete(this.userId, { code: view.work?.lastResult === 'busy' ? 'busy' : 'no_answer' }));
        }
        return this.later(this.sample.review(r), () => {
          const work = this.engine().work;
          try {
            work.dial(this.userId);
          } catch (err) {
            if (!(err instanceof AppError) || err.code !== 'invalid_state' || !/may not be dialed/.test(err.message)) throw err;
            work.complete(this.userId, { code: 'no_answer' }); // nothing may be dialed now: move on
          }
        });
      case 'wrap_up':
        return this.later(this.sample.wrap(r), () => this.engine().work.wrapUp(this.userId, { code: this.pickCode() }));
      case 'ready':
        if (this.timer === null && r.chance(this.behaviour.breakChance)) {
          return this.later(0, () => this.runtime.desk.apply(this.userId, { type: 'not_ready', reason: 'break' }));
        }
        return;
      case 'not_ready':
        if (view.reason === 'break' || view.reason === 'logged_in' || view.reason === 'restarted') return this.later(view.reason === 'break' ? this.sample.breakLength(r) : 1, () => this.runtime.desk.apply(this.userId, { type: 'ready' }));
        return;
      default:
        return;
    }
  }
}
