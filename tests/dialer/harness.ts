import { afterEach, expect } from 'vitest';
import type { Actor } from '../../src/access/actor.js';
import { changeCampaignStatus } from '../../src/campaigns/change-campaign-status.js';
import type { CreateCampaignInput } from '../../src/campaigns/campaign-schemas.js';
import { createCampaign } from '../../src/campaigns/create-campaign.js';
import { DialerRuntime } from '../../src/dialer/dialer-runtime.js';
import type { DialerOptions } from '../../src/dialer/engine-context.js';
import { DoNotCall } from '../../src/dnc/do-not-call.js';
import { sequentialIds } from '../../src/engine/ids.js';
import { virtualTimePorts } from '../../src/engine/ports.js';
import type { VirtualTime } from '../../src/engine/virtual-time.js';
import { SimulatedCarrier } from '../../src/telephony/adapters/simulated/simulated-carrier.js';
import type { SimulatedCarrierConfigInput } from '../../src/telephony/adapters/simulated/simulated-config.js';
import { type Engine, openTestStorage, type TestStorage } from '../support/storage.js';

/**
 * The dialer on a real database (embedded or PostgreSQL) in virtual time: the runtime, a seeded
 * simulated carrier and a virtual clock. `run(ms)` advances time event by event and lets the
 * runtime finish its database work between events, so every run is deterministic.
 */
export interface RecordSpec {
  name?: string;
  phones: string[];
  timeZone?: string | null;
  region?: string | null;
  owner?: string | null;
  custom?: Record<string, string>;
}

export const MAPPING = { phones: [{ column: 'phone', type: 'home' }, { column: 'mobile', type: 'mobile' }], name: 'name', timeZone: 'tz', region: 'country', owner: 'owner' };

/** Monday 5 January 2026, 14:00 UTC = 09:00 in New York. */
export const MONDAY_9AM_NEW_YORK = '2026-01-05T14:00:00Z';

export interface Harness {
  storage: TestStorage;
  time: VirtualTime;
  carrier: SimulatedCarrier;
  dnc: DoNotCall;
  runtime: DialerRuntime;
  admin: Actor;
  run(ms: number): Promise<void>;
  makeQueue(name: string): Promise<number>;
  makeAgent(queueId: number | null, email: string, opts?: { disabled?: boolean }): Promise<Actor>;
  makeList(name: string, records: RecordSpec[]): Promise<{ listId: number; importId: number; recordIds: number[] }>;
  appendRecords(listId: number, records: RecordSpec[]): Promise<{ importId: number; recordIds: number[] }>;
  makeCampaign(input: Omit<CreateCampaignInput, 'name'> & { name?: string }): Promise<number>;
  start(campaignId: number): Promise<void>;
  close(): Promise<void>;
}

let seq = 0;

export async function startHarness(
  engine: Engine,
  options: { seed?: string; start?: string; carrier?: Partial<SimulatedCarrierConfigInput>; dialer?: Partial<DialerOptions>; nodeId?: string; storage?: TestStorage } = {},
): Promise<Harness> {
  const storage = options.storage ?? (await openTestStorage(engine));
  const ports = virtualTimePorts(options.seed ?? 'dialer-test', options.start ?? MONDAY_9AM_NEW_YORK);
  // A second node on the same database numbers its attempts apart from the first (real nodes use UUIDs).
  if (options.storage) ports.ids = sequentialIds(`${options.nodeId ?? 'node'}-`);
  const { time } = ports;
  const carrier = new SimulatedCarrier(
    { clock: time, timers: time, random: ports.random.fork('carrier') },
    {
      outcomes: { live: 1 },
      answerDelay: { dist: 'fixed', mean: 5 },
      talk: { dist: 'fixed', mean: 60 },
      ...options.carrier,
    },
  );
  const dnc = await DoNotCall.load(storage);
  const runtime = new DialerRuntime({ storage, dnc, ports, carrier, nodeId: options.nodeId ?? 'node-a', options: options.dialer, writeQueue: { autoFlush: false, maxPending: 5_000 } });
  runtime.start();
  const db = storage.db;
  const now = () => time.now();

  const adminRow = await db
    .insertInto('users')
    .values({ email: `admin${++seq}@example.test`, user_code: `admin${seq}`, display_name: 'Admin', role: 'admin', password_hash: null, time_zone: 'America/New_York', created_at: now(), updated_at: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const admin: Actor = { userId: adminRow.id, role: 'admin', email: `admin${seq}@example.test`, via: 'session' };

  async function run(ms: number): Promise<void> {
    const target = time.nowMs() + ms;
    await runtime.settle();
    for (;;) {
      const next = time.nextEventAt();
      if (!next || next.getTime() > target) break;
      time.runNext();
      await runtime.settleTasks();
    }
    time.runUntil(Math.max(target, time.nowMs())); // an event at a fractional millisecond may have moved the clock just past the target
    await runtime.settle();
  }

  async function insertRecords(listId: number, records: RecordSpec[]): Promise<{ importId: number; recordIds: number[] }> {
    const imp = await db
      .insertInto('list_imports')
      .values({ list_id: listId, status: 'committed', mapping: JSON.stringify(MAPPING), error: null, started_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (records.length === 0) return { importId: imp.id, recordIds: [] };
    const rows = await db
      .insertInto('contact_records')
      .values(
        records.map((r, i) => ({
          list_id: listId,
          import_id: imp.id,
          row_number: i + 2,
          name: r.name ?? `Contact ${i + 1}`,
          time_zone: r.timeZone === undefined ? 'America/New_York' : r.timeZone,
          region: r.region === undefined ? 'US' : r.region,
          owner_ref: r.owner ?? null,
          phones: JSON.stringify(r.phones.map((number, k) => ({ number, type: k === 0 ? 'home' : 'mobile', column: k === 0 ? 'phone' : 'mobile' }))),
          custom: JSON.stringify(r.custom ?? {}),
        })),
      )
      .returning('id')
      .execute();
    return { importId: imp.id, recordIds: rows.map((r) => Number(r.id)) };
  }

  return {
    storage,
    time,
    carrier,
    dnc,
    runtime,
    admin,
    run,
    async makeQueue(name) {
      const row = await db.insertInto('queues').values({ name: `${name} ${++seq}`, created_at: now() }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
    async makeAgent(queueId, email, opts = {}) {
      const unique = `${email.split('@')[0]}.${++seq}@${email.split('@')[1] ?? 'example.test'}`;
      const row = await db
        .insertInto('users')
        .values({ email: unique, user_code: `u${seq}`, display_name: email.split('@')[0]!, role: 'agent', password_hash: null, disabled: opts.disabled ?? false, created_at: now(), updated_at: now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (queueId !== null) await db.insertInto('queue_members').values({ queue_id: queueId, user_id: row.id, added_at: now() }).execute();
      return { userId: row.id, role: 'agent', email: unique, via: 'session' };
    },
    async makeList(name, records) {
      const list = await db.insertInto('contact_lists').values({ name: `${name} ${++seq}`, created_at: now() }).returning('id').executeTakeFirstOrThrow();
      const imported = await insertRecords(list.id, records);
      return { listId: list.id, ...imported };
    },
    appendRecords: insertRecords,
    async makeCampaign(input) {
      const view = await createCampaign(db, time, admin, {
        callerId: '+12025550143',
        contactableTimes: { defaultTimeZone: 'America/New_York' },
        ...input,
        name: input.name ?? `Campaign ${++seq}`,
      } as CreateCampaignInput);
      return view.id;
    },
    async start(campaignId) {
      await changeCampaignStatus(db, time, admin, campaignId, 'start');
    },
    async close() {
      await runtime.stop();
      await carrier.close();
      if (!options.storage) await storage.close();
    },
  };
}

/**
 * Harnesses opened by a test and closed after it, each checked for background failures first;
 * `defaults` apply to each (options given to one call go over them).
 */
export function harnessPerTest(engine: Engine, defaults: Parameters<typeof startHarness>[1] = {}): (options?: Parameters<typeof startHarness>[1]) => Promise<Harness> {
  const open: Harness[] = [];
  afterEach(async () => {
    for (const h of open.splice(0).reverse()) {
      expect(h.runtime.takeFailures()).toEqual([]);
      await h.close();
    }
  });
  return async (options = {}) => {
    const h = await startHarness(engine, { ...defaults, ...options, dialer: { ...defaults.dialer, ...options.dialer } });
    open.push(h);
    return h;
  };
}

/** A US number in the 202 area, distinct per n. */
export const usNumber = (n: number): string => `+1202555${String(1000 + n).padStart(4, '0')}`;
