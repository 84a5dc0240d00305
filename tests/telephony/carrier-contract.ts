import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.js';
import type { Carrier, CarrierCall, CarrierEvent, CarrierEventType, PlaceCallRequest } from '../../src/telephony/carrier.js';

/**
 * The contract every Carrier adapter passes (T1 simulated now, T2 SIP later). An adapter's test
 * file calls `carrierContract(name, makeHarness)`; the harness says which numbers behave how at
 * the far end (a scripted simulator, or a test PBX's dial plan) and how to let time pass.
 */
/** The numbers the adapters' harnesses give each behaviour, as a rule (a harness may use others). */
export const CONTRACT_NUMBERS = {
  human: '+12025550101',
  machine: '+12025550102',
  fax: '+12025550103',
  busy: '+12025550104',
  noAnswer: '+12025550105',
  badNumber: '+12025550106',
};

export interface CarrierHarness {
  carrier: Carrier;
  /** Far ends that behave as named. `human` answers and hangs up `talkMs` after being bridged. */
  numbers: { human: string; machine: string; fax: string; busy: string; noAnswer: string; badNumber: string };
  /** Ring timeout to use: long enough for every answering number to answer. */
  ringTimeoutSeconds: number;
  /** Upper bounds: answer after dialing, busy/bad-number rejection, the human's talk after bridging, a played message; grace for acknowledgements. */
  timing: { answerMs: number; rejectMs: number; talkMs: number; messageMs: number; graceMs: number };
  /** Let time pass: advance a virtual clock, or wait on the wall clock. */
  wait(ms: number): Promise<void>;
  now(): Date;
  close(): Promise<void>;
}

interface Recorder {
  events: CarrierEvent[];
  types(): CarrierEventType[];
}

export interface ContractOptions {
  /** Parts of the contract an adapter cannot show yet, each with the reason (printed when skipped). */
  without?: { amd?: string };
}

export function carrierContract(name: string, makeHarness: () => Promise<CarrierHarness> | CarrierHarness, options: ContractOptions = {}): void {
  describe(`Carrier contract: ${name}`, () => {
    const withAmd = options.without?.amd ? it.skip : it;
    if (options.without?.amd) process.stderr.write(`\n*** NOTE: ${name}: the D5 classification cases are skipped: ${options.without.amd} ***\n\n`);
    let h: CarrierHarness;
    let n = 0;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      await h.close();
    });

    const place = (to: string, over: Partial<PlaceCallRequest> = {}): { call: CarrierCall; rec: Recorder } => {
      const events: CarrierEvent[] = [];
      const request: PlaceCallRequest = { callId: `contract-${++n}`, to, callerId: null, ringTimeoutSeconds: h.ringTimeoutSeconds, detectMachine: false, ...over };
      const call = h.carrier.placeCall(request, (e) => {
        expect(e.callId).toBe(request.callId);
        events.push(e);
      });
      return { call, rec: { events, types: () => events.map((e) => e.type) } };
    };
    const until = async (rec: Recorder, type: CarrierEventType, withinMs: number): Promise<CarrierEvent> => {
      const step = Math.max(1, Math.ceil(withinMs / 50));
      for (let waited = 0; waited <= withinMs + step; waited += step) {
        const found = rec.events.find((e) => e.type === type);
        if (found) return found;
        await h.wait(step);
      }
      const got = rec.events.map((e) => (e.type === 'ended' ? `ended (${e.cause}${e.detail ? `: ${e.detail}` : ''})` : e.type));
      throw new Error(`no "${type}" within ${withinMs} ms; got ${got.join(', ') || 'nothing'}`);
    };
    const wellFormed = (rec: Recorder): void => {
      const types = rec.types();
      expect(types.filter((t) => t === 'ended')).toHaveLength(1);
      expect(types[types.length - 1]).toBe('ended');
      for (const once of ['ringing', 'answered', 'amd'] as const) expect(types.filter((t) => t === once).length).toBeLessThanOrEqual(1);
      const times = rec.events.map((e) => e.at.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(times[times.length - 1]!).toBeLessThanOrEqual(h.now().getTime());
    };
    const refusal = (fn: () => void): AppError => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return error as AppError;
      }
      throw new Error('expected an AppError');
    };

    it('T1 events are delivered asynchronously, never from inside placeCall', () => {
      const { rec } = place(h.numbers.busy);
      expect(rec.events).toEqual([]);
    });

    it('T1 a live answer: ringing, answered, bridged, held, resumed, then a local hang-up ends it once', async () => {
      const { call, rec } = place(h.numbers.human);
      await until(rec, 'answered', h.timing.answerMs);
      expect(rec.types()).toEqual(['ringing', 'answered']);
      call.bridge(7);
      expect(await until(rec, 'bridged', h.timing.graceMs)).toMatchObject({ agentId: 7 });
      call.hold();
      await until(rec, 'held', h.timing.graceMs);
      call.resume();
      await until(rec, 'resumed', h.timing.graceMs);
      call.hangUp();
      expect(await until(rec, 'ended', h.timing.graceMs)).toMatchObject({ cause: 'local_hang_up' });
      wellFormed(rec);
      expect(rec.types()).not.toContain('amd'); // detection was not asked for
    });

    it('T1 the contact hangs up after talking: ended with remote_hang_up', async () => {
      const { call, rec } = place(h.numbers.human);
      await until(rec, 'answered', h.timing.answerMs);
      call.bridge(1);
      expect(await until(rec, 'ended', h.timing.talkMs + h.timing.graceMs)).toMatchObject({ cause: 'remote_hang_up' });
      wellFormed(rec);
    });

    withAmd('D5 with detection asked for, a human is classified human and the decision time is reported', async () => {
      const { call, rec } = place(h.numbers.human, { detectMachine: true });
      const amd = await until(rec, 'amd', h.timing.answerMs + 5000);
      expect(amd).toMatchObject({ decision: 'human' });
      expect((amd as Extract<CarrierEvent, { type: 'amd' }>).decisionMs).toBeGreaterThanOrEqual(0);
      expect(rec.types().indexOf('answered')).toBeLessThan(rec.types().indexOf('amd'));
      call.hangUp();
      await until(rec, 'ended', h.timing.graceMs);
      wellFormed(rec);
    });

    withAmd('D5 a machine is classified machine; a message can be left and the call hung up after it', async () => {
      const { call, rec } = place(h.numbers.machine, { detectMachine: true });
      expect(await until(rec, 'amd', h.timing.answerMs + 5000)).toMatchObject({ decision: 'machine' });
      call.playMessage('Please call us back.', { hangUpAfter: true });
      await until(rec, 'message_played', h.timing.messageMs + h.timing.graceMs);
      expect(await until(rec, 'ended', h.timing.graceMs)).toMatchObject({ cause: 'local_hang_up' });
      wellFormed(rec);
    });

    withAmd('D5 a fax is classified fax', async () => {
      const { call, rec } = place(h.numbers.fax, { detectMachine: true });
      expect(await until(rec, 'amd', h.timing.answerMs + 5000)).toMatchObject({ decision: 'fax' });
      call.hangUp();
      await until(rec, 'ended', h.timing.graceMs);
      wellFormed(rec);
    });

    it('T1 busy and bad numbers end without an answer', async () => {
      for (const [number, cause] of [[h.numbers.busy, 'busy'], [h.numbers.badNumber, 'bad_number']] as const) {
        const { rec } = place(number);
        expect(await until(rec, 'ended', h.timing.rejectMs)).toMatchObject({ cause });
        expect(rec.types()).not.toContain('answered');
        wellFormed(rec);
      }
    });

    it('T1 an unanswered call rings for the whole ring timeout, then ends as no_answer', async () => {
      const started = h.now().getTime();
      const { rec } = place(h.numbers.noAnswer);
      const ended = await until(rec, 'ended', h.ringTimeoutSeconds * 1000 + h.timing.graceMs);
      expect(ended).toMatchObject({ cause: 'no_answer' });
      expect(ended.at.getTime() - started).toBeGreaterThanOrEqual(h.ringTimeoutSeconds * 1000 - 1);
      expect(rec.types()).toEqual(['ringing', 'ended']);
    });

    it('T1 hanging up a ringing call cancels it: nothing after ended, and hanging up again does nothing', async () => {
      const { call, rec } = place(h.numbers.human);
      await until(rec, 'ringing', h.timing.answerMs);
      const before = rec.events.length; // on a slow wall clock the answer may already be in
      call.hangUp();
      call.hangUp();
      await until(rec, 'ended', h.timing.graceMs);
      await h.wait(h.timing.answerMs + h.timing.talkMs);
      expect(rec.types().slice(before)).toEqual(['ended']);
      expect(rec.events.at(-1)).toMatchObject({ cause: 'local_hang_up' });
      call.hold(); // ignored on an ended call
      call.bridge(1);
      call.playMessage('x');
      await h.wait(10);
      expect(rec.types().slice(before)).toEqual(['ended']);
      expect(h.carrier.liveCalls).toBe(0);
    });

    it('T1 controls that need an answered call are refused before the answer', async () => {
      const { call, rec } = place(h.numbers.human);
      for (const action of [() => call.hold(), () => call.resume(), () => call.bridge(1), () => call.playMessage('hello')]) {
        expect(refusal(action).code).toBe('invalid_state');
      }
      call.hangUp();
      await until(rec, 'ended', h.timing.graceMs);
    });

    it('T1 the same call ID cannot be used twice while the call is live; bad requests are refused', async () => {
      const { call, rec } = place(h.numbers.human, { callId: 'dup' });
      expect(refusal(() => place(h.numbers.busy, { callId: 'dup' })).code).toBe('conflict');
      expect(refusal(() => place(h.numbers.busy, { ringTimeoutSeconds: 0 })).code).toBe('validation_failed');
      call.hangUp();
      await until(rec, 'ended', h.timing.graceMs);
    });

    it('T1 concurrent calls each get their own events and end exactly once', async () => {
      const numbers = [h.numbers.human, h.numbers.busy, h.numbers.noAnswer, h.numbers.badNumber, h.numbers.machine, h.numbers.fax];
      const placed = Array.from({ length: 18 }, (_, i) => place(numbers[i % numbers.length]!, { detectMachine: i % 2 === 0 }));
      expect(h.carrier.liveCalls).toBe(18);
      await h.wait(h.timing.answerMs);
      for (const { call } of placed) call.hangUp(); // ended calls ignore it
      await h.wait(Math.max(h.ringTimeoutSeconds * 1000, h.timing.rejectMs) + h.timing.graceMs);
      for (const { rec } of placed) wellFormed(rec);
      expect(h.carrier.liveCalls).toBe(0);
    });
  });
}
