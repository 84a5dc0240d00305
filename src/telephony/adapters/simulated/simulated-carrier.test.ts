import { describe, expect, it } from 'vitest';
import { virtualTimePorts } from '../../../engine/ports.js';
import { AppError } from '../../../shared/errors.js';
import type { CarrierEvent, PlaceCallRequest } from '../../carrier.js';
import { scenarioParts } from './scenario.js';
import { SimulatedCarrier } from './simulated-carrier.js';
import type { SimulatedCarrierConfigInput } from './simulated-config.js';
import { SAMPLE_E1, SAMPLE_S1 } from './sample-scenarios.js';

const S1 = SAMPLE_S1;
const E1 = SAMPLE_E1;

/** Place `count` calls to distinct numbers, run until all end; returns each call's events. */
function simulate(config: SimulatedCarrierConfigInput, count: number, options: { seed?: string; request?: Partial<PlaceCallRequest>; onEvent?: (e: CarrierEvent, carrier: SimulatedCarrier) => void } = {}) {
  const ports = virtualTimePorts(options.seed ?? 'sim');
  const carrier = new SimulatedCarrier(ports, config);
  const log = new Map<string, CarrierEvent[]>();
  for (let i = 0; i < count; i++) {
    const callId = `call-${i}`;
    log.set(callId, []);
    const call = carrier.placeCall(
      { callId, to: `+1202555${String(i % 10_000).padStart(4, '0')}`, callerId: null, ringTimeoutSeconds: 20, detectMachine: true, ...options.request },
      (e) => {
        log.get(callId)!.push(e);
        if (e.type === 'amd' && e.decision === 'human') call.bridge(1);
        if (e.type === 'amd' && e.decision !== 'human') call.hangUp();
        options.onEvent?.(e, carrier);
      },
    );
  }
  ports.time.runAll();
  return { log, carrier, ports };
}

const share = (log: Map<string, CarrierEvent[]>, test: (events: CarrierEvent[]) => boolean): number =>
  [...log.values()].filter(test).length / log.size;
const endedAs = (cause: string) => (events: CarrierEvent[]) => events.some((e) => e.type === 'ended' && e.cause === cause);

describe('T1 simulated carrier', () => {
  it('T1 the same seed gives the same call outcomes and times; another seed does not', () => {
    const config = scenarioParts(S1).carrier;
    const summary = (seed: string) =>
      JSON.stringify([...simulate(config, 300, { seed }).log.values()].map((events) => events.map((e) => `${e.type}@${e.at.getTime()}`)));
    expect(summary('a')).toBe(summary('a'));
    expect(summary('a')).not.toBe(summary('b'));
  });

  it('T1 outcome rates follow the configuration (S1: 20 % live, 11 % machine, 5 % busy, 4 % bad number)', () => {
    const { log, carrier } = simulate(scenarioParts(S1).carrier, 20_000);
    const truth = carrier.stats.outcomes;
    expect(truth.live! / 20_000).toBeCloseTo(0.2, 2);
    expect(truth.machine! / 20_000).toBeCloseTo(0.11, 2);
    expect(share(log, endedAs('busy'))).toBeCloseTo(0.05, 2);
    expect(share(log, endedAs('bad_number'))).toBeCloseTo(0.04, 2);
    // Answers later than the 20 s ring timeout are no answers: lognormal(mean 10, cv 0.5) exceeds 20 s about 3 % of the time.
    const answered = share(log, (ev) => ev.some((e) => e.type === 'answered'));
    expect(answered).toBeGreaterThan(0.29);
    expect(answered).toBeLessThan(0.31);
  });

  it('D5 AMD accuracy and decision times follow the configuration (1 % false machine, 10 % false human)', () => {
    const { carrier, log } = simulate(scenarioParts(S1).carrier, 40_000);
    const amd = carrier.stats.amd;
    const live = (amd['live→human'] ?? 0) + (amd['live→machine'] ?? 0);
    const machines = (amd['machine→human'] ?? 0) + (amd['machine→machine'] ?? 0);
    expect(amd['live→machine']! / live).toBeCloseTo(0.01, 2);
    expect(amd['machine→human']! / machines).toBeCloseTo(0.1, 1);
    const decisions = [...log.values()].flat().filter((e): e is Extract<CarrierEvent, { type: 'amd' }> => e.type === 'amd');
    expect(new Set(decisions.filter((d) => d.decision === 'human').map((d) => d.decisionMs))).toEqual(new Set([1500]));
    expect(new Set(decisions.filter((d) => d.decision === 'machine').map((d) => d.decisionMs))).toEqual(new Set([3000]));
  });

  it('T1 talk time after bridging follows its distribution (lognormal mean 120 s, cv 1)', () => {
    const config: SimulatedCarrierConfigInput = { outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 5 }, talk: { dist: 'lognormal', mean: 120, cv: 1 } };
    const talks: number[] = [];
    const bridgedAt = new Map<string, number>();
    simulate(config, 10_000, {
      onEvent: (e) => {
        if (e.type === 'bridged') bridgedAt.set(e.callId, e.at.getTime());
        if (e.type === 'ended') talks.push((e.at.getTime() - bridgedAt.get(e.callId)!) / 1000);
      },
    });
    expect(talks.reduce((a, b) => a + b, 0) / talks.length / 120).toBeCloseTo(1, 1);
  });

  it('T1 the dialer\'s ring timeout is honoured: a late answer is a no answer, never cut before the timeout (15 s minimum ring)', () => {
    const config: SimulatedCarrierConfigInput = { outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 16 }, talk: { dist: 'fixed', mean: 60 } };
    const { log } = simulate(config, 50, { request: { ringTimeoutSeconds: 15 } });
    for (const events of log.values()) {
      expect(events.map((e) => e.type)).toEqual(['ringing', 'ended']);
      expect(events[1]).toMatchObject({ cause: 'no_answer' });
      expect(events[1]!.at.getTime() - events[0]!.at.getTime()).toBe(14_000); // ringing after 1 s, ended at 15 s
    }
  });

  it('T1 a live contact left waiting hangs up after their patience; machines and faxes hang up on their own', () => {
    const config: SimulatedCarrierConfigInput = {
      outcomes: { live: 1 },
      answerDelay: { dist: 'fixed', mean: 5 },
      talk: { dist: 'fixed', mean: 60 },
      patience: { dist: 'fixed', mean: 4 },
    };
    const { log } = simulate(config, 10, { request: { detectMachine: false } });
    for (const events of log.values()) expect(events.at(-1)).toMatchObject({ type: 'ended', cause: 'remote_hang_up', at: new Date(Date.parse('2026-01-05T09:00:09Z')) });
    const machine = simulate({ outcomes: { machine: 1 }, answerDelay: { dist: 'fixed', mean: 5 }, talk: { dist: 'fixed', mean: 1 }, machineRecordSeconds: 40 }, 1, { request: { detectMachine: false } });
    expect(machine.log.get('call-0')!.at(-1)).toMatchObject({ cause: 'remote_hang_up', at: new Date(Date.parse('2026-01-05T09:00:45Z')) });
  });

  it('T1 the E scenarios resolve every dial after the ring time, answered or not (exponential twins)', () => {
    const parts = scenarioParts(E1);
    expect(parts.dialer).toMatchObject({ detectMachine: false, maxConnectWaitSeconds: 0 });
    const resolved: number[] = [];
    simulate(parts.carrier, 10_000, {
      request: { ringTimeoutSeconds: parts.dialer.ringTimeoutSeconds, detectMachine: false },
      onEvent: (e) => {
        if (e.type === 'answered' || (e.type === 'ended' && e.cause === 'no_answer')) resolved.push(e.at.getTime() - Date.parse('2026-01-05T09:00:00Z'));
      },
    });
    expect(resolved.length).toBe(10_000);
    expect(resolved.reduce((a, b) => a + b, 0) / resolved.length / 20_000).toBeCloseTo(1, 1);
  });

  it('T1 the live rate can drift over the shift (S5: from 35 % to 10 %)', () => {
    const ports = virtualTimePorts('drift');
    const carrier = new SimulatedCarrier(ports, {
      outcomes: { live: 0.35, machine: 0.11, busy: 0.05, noAnswer: 0.45, badNumber: 0.04 },
      liveDrift: { from: 0.35, to: 0.1, intoOutcome: 'noAnswer', overHours: 8 },
      answerDelay: { dist: 'fixed', mean: 1 },
      talk: { dist: 'fixed', mean: 1 },
    });
    const liveShare = (startCallId: number): number => {
      let live = 0;
      for (let i = 0; i < 5000; i++) {
        const callId = `c${startCallId + i}`;
        carrier.placeCall({ callId, to: '+12025550100', callerId: null, ringTimeoutSeconds: 20, detectMachine: false }, () => undefined);
        if (carrier.truthOf(callId) === 'live') live++;
      }
      ports.time.runFor(3600_000);
      return live / 5000;
    };
    expect(liveShare(0)).toBeCloseTo(0.35, 1);
    ports.time.runFor(6 * 3600_000);
    expect(liveShare(10_000)).toBeCloseTo(0.1, 1);
  });

  it('T1 a number that is not E.164 is a bad number; invalid configuration is refused with its path', () => {
    const { log } = simulate({ outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 1 }, talk: { dist: 'fixed', mean: 1 } }, 1, { request: { to: '555-0100' } });
    expect(log.get('call-0')!.at(-1)).toMatchObject({ type: 'ended', cause: 'bad_number' });
    const bad = (config: unknown): AppError => {
      try {
        new SimulatedCarrier(virtualTimePorts('x'), config as SimulatedCarrierConfigInput);
      } catch (error) {
        return error as AppError;
      }
      throw new Error('expected a refusal');
    };
    expect(bad({ outcomes: { live: 0 }, answerDelay: { dist: 'fixed', mean: 1 }, talk: { dist: 'fixed', mean: 1 } }).message).toMatch(/outcomes: Give at least one outcome a positive rate/);
    expect(bad({ outcomes: { live: 1 }, answerDelay: { dist: 'lognormal', mean: 10 }, talk: { dist: 'fixed', mean: 1 } }).code).toBe('validation_failed');
    expect(() => scenarioParts({ ...S1, answerDelay: undefined })).toThrow(/needs "answerDelay" or "ring"/);
  });
});
