import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeCampaignStatus } from '../../src/campaigns/change-campaign-status.js';
import { loadCampaignDefinition } from '../../src/campaigns/load-campaign-definition.js';
import { isOpenAt } from '../../src/compliance/contactable-time.js';
import { compileDialPolicy } from '../../src/compliance/dial-policy.js';
import { zoneTable } from '../../src/compliance/zone-table.js';
import { SimulatedAgent } from '../../src/dialer/simulated-agents.js';
import { addDncNumber } from '../../src/dnc/manage-dnc-numbers.js';
import { createDncList } from '../../src/dnc/manage-dnc-lists.js';
import { seededRandom } from '../../src/engine/random.js';
import { availableEngines, type Engine, openTestStorage, type TestStorage } from '../support/storage.js';
import { startHarness } from './harness.js';

/**
 * Issue 4 point 12: invariants over seeded random runs of the whole engine — simulated agents,
 * a random carrier, contacts in five time zones, shared numbers, DNC numbers, a do-not-call
 * wrap-up code — in preview, progressive and power mode under the US, UK and no profile:
 *
 *  - never a call to a do-not-call number (nor to one added by a wrap-up, after it was added);
 *  - never a call outside the contact's contactable hours, nor over the attempt limits;
 *  - under the UK profile, no unguaranteed redial within 72 h of an abandoned call;
 *  - never two live calls to one record;
 *  - every record ends in exactly one state, none left in progress once the campaign pauses;
 *  - every stored agent transition continues from the one before.
 */
const ZONES: Array<[tz: string, region: string, prefix: string]> = [
  ['America/New_York', 'US', '+1212555'],
  ['America/Phoenix', 'US', '+1602555'],
  ['Asia/Tokyo', 'JP', '+8131234'],
  ['Europe/Warsaw', 'PL', '+4822123'],
  ['Europe/London', 'GB', '+4420712'],
];
const MODES = ['preview', 'progressive', 'power', 'predictive'] as const;
const PROFILES = ['us', 'uk', 'none'] as const;
const HOURS = 4;

const engines = await availableEngines();
const runs = engines.flatMap((engine: Engine) => [0, 1, 2, 3].map((i) => ({ engine, seed: `${engine}-${i}`, run: i, mode: MODES[i % 4]!, profile: PROFILES[(i + (engine === 'postgres' ? 1 : 0)) % 3]! })));

describe('dialer invariants over seeded random runs', () => {
  const storages = new Map<Engine, TestStorage>();
  beforeAll(async () => {
    for (const engine of engines) storages.set(engine, await openTestStorage(engine));
  });
  afterAll(async () => {
    for (const s of storages.values()) await s.close();
  });

  it.each(runs)('point 12, L4, L5, L6, D6: $seed ($mode, $profile profile)', async ({ engine, seed, run, mode, profile }) => {
    const random = seededRandom(seed);
    const h = await startHarness(engine, {
      seed,
      // 14:40 in New York: Warsaw closes 20 minutes in and London after 80, Phoenix is open, Tokyo asleep.
      start: '2026-01-05T19:40:00Z',
      storage: storages.get(engine)!,
      nodeId: `node-${seed}`,
      carrier: {
        outcomes: { live: 0.35, machine: 0.15, fax: 0.03, busy: 0.12, noAnswer: 0.3, badNumber: 0.03, failed: 0.02 },
        answerDelay: { dist: 'lognormal', median: 6, p90: 15 },
        talk: { dist: 'lognormal', median: 60, p90: 200 },
        patience: { dist: 'lognormal', median: 4, p90: 10 },
        amd: { falseMachineRate: 0.03, falseHumanRate: 0.1 },
      },
    });
    const db = h.storage.db;
    // Each run has its own numbers: runs share a database, and limits per number count every campaign's calls.
    const pool = Array.from({ length: 60 }, (_, i) => ({ number: `${ZONES[i % 5]![2]}${String(1000 + run * 100 + i).padStart(4, '0')}`, zone: i % 5 }));
    const blocked = pool.filter((_, i) => i % 11 === 3).map((p) => p.number);
    const dncList = await createDncList({ db, dnc: h.dnc, clock: h.time }, { name: `DNC ${seed}` });
    for (const number of blocked) await addDncNumber({ db, dnc: h.dnc, clock: h.time }, dncList.id, { number }, h.admin);

    const records = Array.from({ length: 45 }, (_, i) => {
      const first = pool[random.int(pool.length)]!;
      const sameZone = pool.filter((p) => p.zone === first.zone);
      const phones = random.chance(0.3) ? [first.number, sameZone[random.int(sameZone.length)]!.number] : [first.number];
      return { phones: [...new Set(phones)], timeZone: ZONES[first.zone]![0], region: ZONES[first.zone]![1], custom: { Score: String(random.int(1000)) } };
    });
    const queueId = await h.makeQueue(seed);
    const list = await h.makeList(seed, records);
    const campaignId = await h.makeCampaign({
      mode,
      queueId,
      listIds: [list.listId],
      regulatoryProfile: profile,
      sortOrder: [{ column: 'Score', direction: 'desc', compareAs: 'number' }],
      wrapUpCodes: [{ code: 'stop', label: 'Stop calling', outcome: 'do_not_call' }],
      retryRules: { results: { busy: { action: 'retry', delayMinutes: 5, maxRetries: 4 }, no_answer: { action: 'retry', delayMinutes: 20, maxRetries: 4 }, ...(profile === 'uk' && (mode === 'power' || mode === 'predictive') ? {} : { abandoned: { action: 'retry', delayMinutes: 30, maxRetries: 3 } }) }, maxAttemptsPerRecord: 4, maxAttemptsPerNumberPerDay: 2 },
      ...(mode === 'power' ? { linesPerAgent: 2, abandonMessage: 'Sorry we missed you.' } : {}),
      ...(mode === 'predictive' ? { abandonMessage: 'Sorry we missed you.' } : {}),
    });
    await h.start(campaignId);
    const bots: SimulatedAgent[] = [];
    for (let i = 0; i < 3; i++) {
      const agent = await h.makeAgent(queueId, `bot${i}@example.test`);
      bots.push(new SimulatedAgent(h.runtime, agent.userId, random.fork(`agent-${i}`), { ...defaultCodes(), skipChance: 0.05, breakChance: 0.05, accept: { dist: 'fixed', mean: 2 }, review: { dist: 'fixed', mean: 4 }, wrap: { dist: 'fixed', mean: 6 }, breakLength: { dist: 'fixed', mean: 120 } }));
      await h.runtime.ensureEngine(campaignId);
      h.runtime.desk.apply(agent.userId, { type: 'login', campaignId });
    }
    await h.run(HOURS * 3_600_000);
    await changeCampaignStatus(db, h.time, h.admin, campaignId, 'pause');
    await h.run(30 * 60_000); // the engine sees the pause, calls and wrap-ups finish
    for (const b of bots) b.stop();
    expect(h.runtime.takeFailures()).toEqual([]);

    const attempts = await db.selectFrom('dial_attempts').selectAll().where('campaign_id', '=', campaignId).where('number_dialed', 'is not', null).orderBy('dialed_at').execute();
    expect(attempts.length).toBeGreaterThan(20);
    const { definition } = await loadCampaignDefinition(db, campaignId);
    const policy = compileDialPolicy({ regulatoryProfile: profile, contactableTimes: definition.contactableTimes, maxAttemptsPerRecord: 4, maxAttemptsPerNumberPerDay: 2 });
    const recordOf = new Map(list.recordIds.map((id, i) => [id, records[i]!]));
    const dncAdded = await db.selectFrom('dnc_numbers').select(['number', 'added_at']).execute();
    const addedAt = new Map(dncAdded.map((d) => [`+${d.number}`, d.added_at.getTime()]));
    const perRecord = new Map<number, typeof attempts>();
    const perNumberDay = new Map<string, number>();
    for (const a of attempts) {
      const dialedAt = a.dialed_at!.getTime();
      // Do-not-call: blocked from the start, or added by a wrap-up before this dial.
      const blockedSince = addedAt.get(a.number_dialed!);
      expect(blockedSince === undefined || blockedSince > dialedAt, `${a.id} dialed ${a.number_dialed} on a DNC list`).toBe(true);
      const rec = recordOf.get(Number(a.record_id))!;
      const zone = zoneTable(rec.timeZone)!;
      expect(isOpenAt(policy.hours, zone, dialedAt, rec.region), `${a.id} dialed outside hours in ${rec.timeZone}`).toBe(true);
      perRecord.set(Number(a.record_id), [...(perRecord.get(Number(a.record_id)) ?? []), a]);
      const day = `${a.number_dialed}@${new Date(zone.wallAt(dialedAt)).toISOString().slice(0, 10)}`;
      perNumberDay.set(day, (perNumberDay.get(day) ?? 0) + 1);
    }
    for (const [key, count] of perNumberDay) expect(count, `number per day ${key}`).toBeLessThanOrEqual(2);
    for (const [recordId, list] of perRecord) {
      expect(list.length, `attempts on record ${recordId}`).toBeLessThanOrEqual(4);
      for (let i = 1; i < list.length; i++) {
        expect(list[i]!.dialed_at!.getTime(), `two live calls to record ${recordId}`).toBeGreaterThanOrEqual(list[i - 1]!.ended_at!.getTime());
      }
    }
    if (profile === 'uk' && (mode === 'power' || mode === 'predictive')) {
      for (const a of attempts.filter((x) => x.system_result === 'abandoned')) {
        const again = attempts.find((b) => b.number_dialed === a.number_dialed && b.dialed_at! > a.dialed_at! && b.dialed_at!.getTime() < a.dialed_at!.getTime() + 72 * 3_600_000);
        expect(again, `UK: ${a.number_dialed} redialed within 72 h of an abandoned call`).toBeUndefined();
      }
    }
    // Every record: exactly one state, none left in progress.
    const states = await db.selectFrom('campaign_records').select(['record_id', 'status']).where('campaign_id', '=', campaignId).execute();
    expect(states.map((s) => Number(s.record_id)).sort((a, b) => a - b)).toEqual([...list.recordIds].sort((a, b) => a - b));
    for (const s of states) expect(['pending', 'done', 'set_aside', 'callback']).toContain(s.status);
    expect(states.filter((s) => s.status === 'done').length).toBeGreaterThan(0);
    // Every agent transition continues from the previous one.
    for (const b of bots) {
      const changes = await db.selectFrom('agent_state_changes').select(['from_state', 'to_state', 'event']).where('user_id', '=', b.userId).orderBy('id').execute();
      expect(changes[0]!.from_state).toBe('logged_out');
      for (let i = 1; i < changes.length; i++) expect(changes[i]!.from_state, `agent ${b.userId} transition ${i} (${changes[i]!.event})`).toBe(changes[i - 1]!.to_state);
    }
    await h.close();
  });
});

function defaultCodes() {
  return { codes: { sale: 2, no_answer: 3, voicemail: 1, bad_record: 0.3, stop: 0.3 } };
}
