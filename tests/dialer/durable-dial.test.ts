import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DialerRuntime } from '../../src/dialer/dialer-runtime.js';
import { SHARED_LANE } from '../../src/dialer/record-buffer.js';
import { realTimePorts } from '../../src/engine/ports.js';
import { SimulatedCarrier } from '../../src/telephony/adapters/simulated/simulated-carrier.js';
import type { Carrier } from '../../src/telephony/carrier.js';
import { openTestStorage, postgresReachable, type TestStorage } from '../support/storage.js';
import { startHarness } from './harness.js';

/**
 * L6, point 5 ("not after a crash"): the engine places a call only once its attempt is stored.
 * A crash can then never lose a call that went out, and the attempt limits count every one.
 * The test holds a lock on the attempts table from a second PostgreSQL connection — the
 * database cannot store the attempt — and watches the carrier: nothing is dialed until the
 * lock goes, then the call goes out with its attempt already stored. (A second connection is
 * what makes the database wait; the embedded engine has one, so this runs on PostgreSQL.)
 */
const reachable = await postgresReachable();
const allDay = [{ start: '00:00', end: '24:00' }];

describe.skipIf(!reachable)('a dial waits for its attempt to be stored (postgres)', () => {
  let storage: TestStorage;
  beforeAll(async () => {
    storage = await openTestStorage('postgres');
  });
  afterAll(() => storage?.close());

  it('L6, point 5: while the attempt cannot be stored no call is placed; once it is, the call goes out and its attempt is already there', async () => {
    // The harness only sets up people, records and the campaign here; the runtime under test runs in real time.
    const h = await startHarness('postgres', { storage, nodeId: 'setup-only' });
    const queueId = await h.makeQueue('Durable');
    const agent = await h.makeAgent(queueId, 'durable@example.test');
    const { listId } = await h.makeList('Durable', [{ phones: ['+12125550101'] }, { phones: ['+12125550102'] }]);
    const week = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
    const campaignId = await h.makeCampaign({ mode: 'progressive', queueId, listIds: [listId], regulatoryProfile: 'none', contactableTimes: { weekly: week, defaultTimeZone: 'America/New_York' } });
    await h.start(campaignId);
    await h.runtime.stop();

    const ports = realTimePorts('durable-dial');
    const simulated = new SimulatedCarrier({ clock: ports.clock, timers: ports.timers, random: ports.random.fork('carrier') }, { outcomes: { noAnswer: 1 }, answerDelay: { dist: 'fixed', mean: 60 }, talk: { dist: 'fixed', mean: 60 } });
    const placed: string[] = [];
    const carrier: Carrier = {
      placeCall: (req, listener) => {
        placed.push(req.callId);
        return simulated.placeCall(req, listener);
      },
    } as Carrier;
    const runtime = new DialerRuntime({ storage, dnc: h.dnc, ports, carrier, nodeId: 'node-durable' });
    runtime.start();
    const blocker = new pg.Client({ connectionString: storage.url! });
    await blocker.connect();
    try {
      await runtime.ensureEngine(campaignId);
      runtime.desk.apply(agent.userId, { type: 'login', campaignId });
      await runtime.writes.drained();
      // What a ready agent's turn starts, done here so that the dial below needs no refill.
      await until(() => {
        runtime.engineOf(campaignId).buffer.ensure(SHARED_LANE);
        return bufferHolds(runtime, campaignId);
      });

      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE dial_attempts IN ACCESS EXCLUSIVE MODE');
      runtime.desk.apply(agent.userId, { type: 'ready' });
      await sleep(700);
      expect(placed, 'no call may go out while its attempt cannot be stored').toEqual([]);
      expect(runtime.desk.state(agent.userId).status).toBe('on_call'); // the decision is made; the dial waits

      await blocker.query('COMMIT');
      await until(() => placed.length === 1);
      const row = await storage.db.selectFrom('dial_attempts').select(['id', 'number_dialed', 'dialed_at']).where('id', '=', placed[0]!).executeTakeFirst();
      expect(row?.number_dialed).toBe('+12125550101');
    } finally {
      await blocker.end().catch(() => undefined);
      await runtime.stop();
      await h.close();
    }
  });
});

/** The campaign's record buffer holds records: the next dial needs nothing more from the database than storing its attempt. */
function bufferHolds(runtime: DialerRuntime, campaignId: number): boolean {
  const { lanes } = runtime.engineOf(campaignId).stats() as { lanes: Array<{ size: number }> };
  return lanes.some((l) => l.size > 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for the dialer');
    await sleep(20);
  }
}
