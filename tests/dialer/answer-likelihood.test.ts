import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.js';
import { goReady } from '../../src/agents/change-readiness.js';
import { joinCampaign } from '../../src/agents/join-campaign.js';
import type { RecordOrdering } from '../../src/campaigns/campaign-schemas.js';
import { changeCampaignStatus } from '../../src/campaigns/change-campaign-status.js';
import { zoneTable } from '../../src/compliance/zone-table.js';
import { slotIndex } from '../../src/dialer/answer-likelihood.js';
import { AnswerStats } from '../../src/dialer/answer-stats.js';
import { defaultBehaviour, SimulatedAgent } from '../../src/dialer/simulated-agents.js';
import { seededRandom } from '../../src/engine/random.js';
import type { ScriptedCall } from '../../src/telephony/adapters/simulated/simulated-config.js';
import { availableEngines, type Engine } from '../support/storage.js';
import { type Harness, type RecordSpec, startHarness, usNumber } from './harness.js';

/**
 * D4 in the running engine: a campaign ordered by answer likelihood dials first the contacts
 * likeliest to answer now — by the local hour of day its stored calls say answers, and by each
 * record's own tries — while one ordered by its sort follows the sort; contactable hours still
 * decide what may be dialed.
 */
const MINUTE = 60_000;
/** Monday 5 January 2026, 17:00 UTC: 12:00 in New York, 09:00 in Los Angeles, 02:00 (Tuesday) in Tokyo. */
const NOON_NEW_YORK = '2026-01-05T17:00:00Z';
const NY = 'America/New_York';
const LA = 'America/Los_Angeles';
const TOKYO = 'Asia/Tokyo';

const live: ScriptedCall = { outcome: 'live', answerAfterSeconds: 5, talkSeconds: 60 };
const noAnswer: ScriptedCall = { outcome: 'noAnswer', delaySeconds: 20 };
const localHour = (tz: string, at: Date): number => new Date(zoneTable(tz)!.wallAt(at.getTime())).getUTCHours();

interface Floor {
  h: Harness;
  /** How the simulated carrier answers a number now (its contacts' zone is known to the test). */
  fate: Map<string, (now: Date) => ScriptedCall>;
  setUp(label: string, ordering: RecordOrdering, records: RecordSpec[]): Promise<{ id: number; agent: Actor; recordIds: number[] }>;
  join(id: number, agent: Actor): Promise<void>;
  ready(agent: Actor): Promise<void>;
  dialed(id: number): Promise<Array<{ number: string; result: string | null; answeredAt: Date | null }>>;
  /** Stored attempts of earlier days, as if the campaign had made them. */
  addTries(id: number, tries: Array<{ recordId: number; number: string; at: Date; result: string }>): Promise<void>;
  close(): Promise<void>;
}

async function floor(engine: Engine): Promise<Floor> {
  const h = await startHarness(engine, { start: NOON_NEW_YORK, seed: 'd4', dialer: { tickMs: 30_000, leaseTtlMs: 120_000 }, carrier: { outcomes: { live: 1 }, answerDelay: { dist: 'fixed', mean: 5 }, talk: { dist: 'fixed', mean: 60 } } });
  const fate = new Map<string, (now: Date) => ScriptedCall>();
  h.carrier.config.script = new Proxy({} as Record<string, ScriptedCall>, { get: (_target, number) => (typeof number === 'string' ? fate.get(number)?.(h.time.now()) : undefined) });
  const deps = { runtime: h.runtime, db: h.storage.db };
  const random = seededRandom('d4-agents');
  const bots: SimulatedAgent[] = [];
  let seq = 0;
  return {
    h,
    fate,
    async setUp(label, ordering, records) {
      const queueId = await h.makeQueue(label);
      const agent = await h.makeAgent(queueId, `${label}@example.test`);
      const list = await h.makeList(label, records.map((r, i) => ({ ...r, custom: { Rank: String(i + 1) } })));
      const id = await h.makeCampaign({
        mode: 'progressive',
        queueId,
        listIds: [list.listId],
        sortOrder: [{ column: 'Rank', direction: 'asc', compareAs: 'number' }],
        ordering,
        wrapUpCodes: [{ code: 'call_again', label: 'Call again', outcome: 'retry_after', retryAfterMinutes: 60 }],
      });
      await h.start(id);
      return { id, agent, recordIds: list.recordIds };
    },
    async join(id, agent) {
      await joinCampaign(deps, agent, id);
      bots.push(new SimulatedAgent(h.runtime, agent.userId, random.fork(`agent-${agent.userId}`), { ...defaultBehaviour, codes: { call_again: 1 }, breakChance: 0, wrap: { dist: 'fixed', mean: 2 } }));
    },
    async ready(agent) {
      await goReady(deps, agent);
    },
    async dialed(id) {
      const rows = await h.storage.db
        .selectFrom('dial_attempts')
        .select(['number_dialed', 'system_result', 'answered_at'])
        .where('campaign_id', '=', id)
        .where('number_dialed', 'is not', null)
        .where('node_id', '=', 'node-a')
        .orderBy('queued_at')
        .execute();
      return rows.map((r) => ({ number: r.number_dialed!, result: r.system_result, answeredAt: r.answered_at }));
    },
    async addTries(id, tries) {
      const rows = tries.map((t) => ({
        id: `history-${++seq}`,
        campaign_id: id,
        batch: 1,
        record_id: t.recordId,
        number_dialed: t.number,
        origin: 'dialer' as const,
        node_id: 'last-week',
        queued_at: t.at,
        dialed_at: t.at,
        ended_at: new Date(t.at.getTime() + 30_000),
        system_result: t.result,
      }));
      await h.storage.db.insertInto('dial_attempts').values(rows).execute();
    },
    async close() {
      for (const b of bots) b.stop();
      expect(h.runtime.takeFailures()).toEqual([]);
      await h.close();
    },
  };
}

/** Winter offsets from UTC: New York −5, Los Angeles −8. */
const lastWeek = (day: number, localHour: number, offset: number): Date => new Date(Date.UTC(2025, 11, 29 + day, localHour - offset));

describe.each(await availableEngines())('D4 answer-likelihood ordering in the engine (%s)', (engine) => {
  it('D4, L5: by answer likelihood the contacts at the hour people answer are dialed first (by sort, the sort order); a closed zone is never dialed, whatever its score', async () => {
    const f = await floor(engine);
    try {
      let n = 0;
      const contacts = (tz: string, count: number, number: () => string) => Array.from({ length: count }, () => ({ phones: [number()], timeZone: tz, region: tz === TOKYO ? 'JP' : 'US' }));
      const campaigns: Record<RecordOrdering, { id: number; agent: Actor; la: string[]; ny: string[]; tokyoDue: number }> = {} as never;
      for (const ordering of ['sort', 'answer_likelihood'] as const) {
        // Sorted: Tokyo first (asleep), then Los Angeles (09:00, few answer), then New York (noon, most answer).
        const records = [...contacts(TOKYO, 3, () => `+8131234${String(5000 + ++n)}`), ...contacts(LA, 6, () => usNumber(++n)), ...contacts(NY, 6, () => usNumber(++n))];
        for (const r of records) f.fate.set(r.phones[0]!, (now) => (localHour(r.timeZone, now) >= 11 && localHour(r.timeZone, now) < 18 ? live : noAnswer));
        const c = await f.setUp(`d4-zone-${ordering}`, ordering, records);
        // Last week's calls of this campaign (to other contacts): at noon 60% answered, at 09:00 10%.
        const past = await f.h.makeList(`last week ${ordering}`, [...contacts(NY, 10, () => usNumber(++n)), ...contacts(LA, 10, () => usNumber(++n))]);
        await f.addTries(
          c.id,
          [0, 1, 2, 3, 4].flatMap((day) =>
            past.recordIds.flatMap((recordId, i) => {
              const offset = i < 10 ? -5 : -8;
              return [
                { recordId, number: `+1000${i}`, at: lastWeek(day, 9, offset), result: i % 10 === day % 2 ? 'connected' : 'no_answer' },
                { recordId, number: `+1000${i}`, at: lastWeek(day, 12, offset), result: i % 5 < 3 ? 'connected' : 'no_answer' },
              ];
            }),
          ),
        );
        // A Tokyo contact who answered six times before: the best score of all, but it is 02:00 there.
        const tokyoDue = c.recordIds[2]!;
        await f.addTries(c.id, [1, 2, 3, 4, 5, 6].map((k) => ({ recordId: tokyoDue, number: records[2]!.phones[0]!, at: new Date(Date.UTC(2025, 11, 29, k)), result: 'connected' })));
        await f.join(c.id, c.agent);
        await f.h.runtime.settle(); // seeded
        await f.h.storage.db.updateTable('campaign_records').set({ next_attempt_at: new Date(Date.parse(NOON_NEW_YORK) - 60 * MINUTE), attempts: 6 }).where('campaign_id', '=', c.id).where('record_id', '=', tokyoDue).execute();
        await f.ready(c.agent);
        campaigns[ordering] = { ...c, la: records.slice(3, 9).map((r) => r.phones[0]!), ny: records.slice(9).map((r) => r.phones[0]!), tokyoDue };
      }
      await f.h.run(5 * MINUTE);
      const early = { sort: await f.dialed(campaigns.sort.id), answer_likelihood: await f.dialed(campaigns.answer_likelihood.id) };
      await f.h.run(10 * MINUTE);

      const byLikelihood = await f.dialed(campaigns.answer_likelihood.id);
      const bySort = await f.dialed(campaigns.sort.id);
      expect(byLikelihood.slice(0, 12).map((d) => d.number)).toEqual([...campaigns.answer_likelihood.ny, ...campaigns.answer_likelihood.la]);
      expect(bySort.slice(0, 12).map((d) => d.number)).toEqual([...campaigns.sort.la, ...campaigns.sort.ny]);
      const answered = (ds: Array<{ result: string | null }>) => ds.filter((d) => d.result === 'connected').length;
      expect(answered(byLikelihood.slice(0, 6))).toBe(6);
      expect(answered(bySort.slice(0, 6))).toBe(0);
      // After five minutes the likelihood order had more conversations than the sort order.
      expect([answered(early.answer_likelihood), answered(early.sort)]).toEqual([4, 2]);

      for (const c of Object.values(campaigns)) {
        const all = await f.dialed(c.id);
        expect(all.filter((d) => d.number.startsWith('+81'))).toEqual([]);
        const due = await f.h.storage.db.selectFrom('campaign_records').select(['status', 'next_attempt_at']).where('campaign_id', '=', c.id).where('record_id', '=', c.tokyoDue).executeTakeFirstOrThrow();
        expect(due).toEqual({ status: 'pending', next_attempt_at: new Date('2026-01-06T00:00:00Z') }); // 09:00 Tuesday in Tokyo
      }
    } finally {
      await f.close();
    }
  });

  it("D4: by answer likelihood a record that answered before is retried before records that did not answer; by sort, in the order they fell due", async () => {
    const f = await floor(engine);
    try {
      const switchAt = Date.parse(NOON_NEW_YORK) + 30 * MINUTE;
      const campaigns = {} as Record<RecordOrdering, { id: number; agent: Actor; silent: string[]; answered: string[] }>;
      let n = 100;
      for (const ordering of ['sort', 'answer_likelihood'] as const) {
        // New York at noon: the first three do not answer, the next three do (and ask to be called again).
        const records = Array.from({ length: 6 }, () => ({ phones: [usNumber(++n)], timeZone: NY }));
        records.forEach((r, i) => f.fate.set(r.phones[0]!, (now) => (now.getTime() >= switchAt || i >= 3 ? live : noAnswer)));
        const c = await f.setUp(`d4-history-${ordering}`, ordering, records);
        await f.join(c.id, c.agent);
        await f.ready(c.agent);
        campaigns[ordering] = { ...c, silent: records.slice(0, 3).map((r) => r.phones[0]!), answered: records.slice(3).map((r) => r.phones[0]!) };
      }
      await f.h.run(10 * MINUTE);
      for (const c of Object.values(campaigns)) {
        expect((await f.dialed(c.id)).map((d) => [d.number, d.result])).toEqual([...c.silent.map((x) => [x, 'no_answer']), ...c.answered.map((x) => [x, 'connected'])]);
        await changeCampaignStatus(f.h.storage.db, f.h.time, f.h.admin, c.id, 'pause');
      }
      // Everyone falls due about an hour later (the no-answer retry rule, the agents' "call again"); the campaigns resume after that.
      await f.h.run(70 * MINUTE);
      for (const c of Object.values(campaigns)) await f.h.start(c.id);
      await f.h.run(10 * MINUTE);

      const retried = async (c: (typeof campaigns)[RecordOrdering]) => (await f.dialed(c.id)).slice(6, 12).map((d) => d.number);
      expect(await retried(campaigns.answer_likelihood)).toEqual([...campaigns.answer_likelihood.answered, ...campaigns.answer_likelihood.silent]);
      expect(await retried(campaigns.sort)).toEqual([...campaigns.sort.silent, ...campaigns.sort.answered]);
    } finally {
      await f.close();
    }
  });
});

describe.each(await availableEngines())('D4 answer statistics from the stored attempts (%s)', (engine) => {
  it('D4: learned per local hour (weekday/weekend) over 28 days, then topped up every few minutes with only the calls that ended since', async () => {
    const f = await floor(engine);
    try {
      const { h } = f;
      const queueId = await h.makeQueue('stats');
      const list = await h.makeList('stats', [{ phones: [usNumber(1)], timeZone: NY }, { phones: [usNumber(2)], timeZone: null }, { phones: [usNumber(3)], timeZone: 'Not/AZone' }]);
      const id = await h.makeCampaign({ queueId, mode: 'progressive', listIds: [list.listId], ordering: 'answer_likelihood' });
      const [ny, noZone, badZone] = list.recordIds as [number, number, number];
      const now = new Date(NOON_NEW_YORK);
      const ago = (ms: number) => new Date(now.getTime() - ms);
      await f.addTries(id, [
        { recordId: ny, number: usNumber(1), at: new Date('2026-01-02T17:10:00Z'), result: 'connected' }, // Friday 12:10 in New York
        { recordId: ny, number: usNumber(1), at: new Date('2026-01-02T17:20:00Z'), result: 'busy' }, // half a try
        { recordId: ny, number: usNumber(1), at: new Date('2026-01-02T17:30:00Z'), result: 'fax' }, // not a try
        { recordId: noZone, number: usNumber(2), at: new Date('2026-01-03T17:00:00Z'), result: 'no_answer' }, // Saturday noon in the campaign's zone
        { recordId: badZone, number: usNumber(3), at: new Date('2026-01-02T17:00:00Z'), result: 'connected' }, // no zone to place it in
        { recordId: ny, number: usNumber(1), at: ago(29 * 86_400_000), result: 'connected' }, // outside the window
        { recordId: ny, number: usNumber(1), at: new Date('2025-12-09T14:30:00Z'), result: 'machine' }, // Tuesday 09:30, 27 days ago: leaves the window in a day
      ]);
      const stats = new AnswerStats();
      await stats.refresh(h.storage.db, id, NY, now, true);
      const weekdayNoon = slotIndex({ hour: 12, weekend: false });
      const weekendNoon = slotIndex({ hour: 12, weekend: true });
      const tuesdayMorning = slotIndex({ hour: 9, weekend: false });
      expect(stats.tallies[weekdayNoon]).toEqual({ tries: 1.5, live: 1 });
      expect(stats.tallies[weekendNoon]).toEqual({ tries: 1, live: 0 });
      expect(stats.tallies[tuesdayMorning]).toEqual({ tries: 1, live: 0 });
      expect(stats.tallies.reduce((n, t) => n + t.tries, 0)).toBe(3.5);

      // A refresh is due every five minutes; it counts the calls that ended since the last one, except the last two minutes' (maybe not stored yet).
      const later = (ms: number) => new Date(now.getTime() + ms);
      await f.addTries(id, [
        { recordId: ny, number: usNumber(1), at: later(0), result: 'connected' },
        { recordId: ny, number: usNumber(1), at: later(1.5 * MINUTE), result: 'no_answer' },
        { recordId: ny, number: usNumber(1), at: later(3.5 * MINUTE), result: 'connected' }, // ends at +4 min
      ]);
      await stats.refresh(h.storage.db, id, NY, later(MINUTE));
      expect(stats.tallies[weekdayNoon]).toEqual({ tries: 1.5, live: 1 });
      await stats.refresh(h.storage.db, id, NY, later(5 * MINUTE));
      expect(stats.tallies[weekdayNoon]).toEqual({ tries: 3.5, live: 2 });
      await stats.refresh(h.storage.db, id, NY, later(10 * MINUTE));
      expect(stats.tallies[weekdayNoon]).toEqual({ tries: 4.5, live: 3 });
      await stats.refresh(h.storage.db, id, NY, new Date(now.getTime() + 86_400_000));
      expect(stats.tallies[tuesdayMorning]).toEqual({ tries: 0, live: 0 }); // 28 days old now
      expect(stats.tallies[weekdayNoon]).toEqual({ tries: 4.5, live: 3 });
    } finally {
      await f.close();
    }
  });
});
