/**
 * Issue 4 point 1: a simulated working day of a 50-agent campaign, in virtual time, on a real
 * database — the same engine the server runs, behind a virtual clock and the seeded simulated
 * carrier. Prints the wall-clock time per simulated hour and for the whole day, the calls
 * placed, the abandon rate reached, and how the write queue grouped its writes.
 *
 * Run: node --import tsx bench/dialer-day.ts [--agents 50] [--hours 8] [--mode predictive|progressive|power] [--engine embedded|postgres]
 */
import { parseArgs } from 'node:util';
import { defaultBehaviour, SimulatedAgent } from '../src/dialer/simulated-agents.js';
import { seededRandom } from '../src/engine/random.js';
import { startHarness } from '../tests/dialer/harness.js';
import type { Engine } from '../tests/support/storage.js';
import { seedFloor } from './dialer-floor.js';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '50' },
    hours: { type: 'string', default: '8' },
    mode: { type: 'string', default: 'predictive' },
    engine: { type: 'string', default: 'embedded' },
  },
});
const AGENTS = Number(values.agents);
const HOURS = Number(values.hours);
const MODE = values.mode as 'predictive' | 'progressive' | 'power';
const engine = values.engine as Engine;
// About 70 dials per agent-hour at 30% live answers; records may be dialed up to 3 times.
const RECORDS = Math.ceil(AGENTS * HOURS * 40);

const wall = () => performance.now();
const t0 = wall();
const h = await startHarness(engine, {
  seed: 'bench-dialer-day',
  start: '2026-03-02T14:00:00Z', // 09:00 in New York
  carrier: {
    outcomes: { live: 0.3, machine: 0.15, busy: 0.1, noAnswer: 0.4, badNumber: 0.05 },
    answerDelay: { dist: 'lognormal', median: 8, p90: 20 },
    talk: { dist: 'lognormal', median: 90, p90: 300 },
    amd: { falseMachineRate: 0.02, falseHumanRate: 0.1 },
  },
});
const db = h.storage.db;
const { queueId, agentIds, listId } = await seedFloor(db, h.time.now(), { agents: AGENTS, records: RECORDS });
const id = await h.makeCampaign({
  mode: MODE,
  queueId,
  listIds: [listId],
  ...(MODE === 'power' ? { linesPerAgent: 2 } : {}),
  abandonMessage: 'Sorry we missed you.',
  regulatoryProfile: 'us',
  retryRules: { maxAttemptsPerRecord: 3 },
});
await h.start(id);
const random = seededRandom('bench-day-agents');
const bots = agentIds.map((userId, i) => new SimulatedAgent(h.runtime, userId, random.fork(`agent-${i}`), { ...defaultBehaviour, wrap: { dist: 'lognormal', median: 15, p90: 45 } }));
await h.runtime.ensureEngine(id);
for (const userId of agentIds) h.runtime.desk.apply(userId, { type: 'login', campaignId: id });
process.stdout.write(`setup: ${AGENTS} agents, ${RECORDS.toLocaleString('en')} records on ${engine} in ${((wall() - t0) / 1000).toFixed(1)} s\n`);

const start = wall();
const perHour: number[] = [];
for (let hour = 0; hour < HOURS; hour++) {
  const t = wall();
  await h.run(3_600_000);
  perHour.push((wall() - t) / 1000);
}
const dayS = (wall() - start) / 1000;
const attempts = await db
  .selectFrom('dial_attempts')
  .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when('connected_at', 'is not', null).then(1).else(0).end()).as('connected')])
  .where('campaign_id', '=', id)
  .executeTakeFirstOrThrow();
const busy = await db
  .selectFrom('agent_state_changes')
  .select(['user_id', 'to_state', 'at'])
  .where('user_id', 'in', agentIds)
  .orderBy('user_id')
  .orderBy('id')
  .execute();
const failures = h.runtime.takeFailures();
const rate = h.runtime.engineOf(id).abandons.rate('us', h.time.now());
const q = h.runtime.writes.stats;
for (const b of bots) b.stop();
await h.close();

process.stdout.write(
  `${AGENTS} agents, ${MODE}, ${HOURS} simulated hours on ${engine}: ${dayS.toFixed(1)} s wall clock (${((HOURS * 3600) / dayS).toFixed(0)}× real time); ` +
    `per simulated hour ${perHour.map((s) => s.toFixed(1)).join(' / ')} s\n` +
    `calls placed ${Number(attempts.n).toLocaleString('en')}, connected ${Number(attempts.connected).toLocaleString('en')}, abandoned ${rate.abandoned} of ${rate.liveAnswers} live answers (${rate.ratePercent?.toFixed(2) ?? "–"}%), agent transitions stored ${busy.length.toLocaleString('en')}\n` +
    `write queue: ${q.batches.toLocaleString('en')} transactions for ${q.batchedItems.toLocaleString('en')} batched writes, ${q.singles.toLocaleString('en')} single operations; failures ${failures.length}\n`,
);
process.exit(failures.length > 0 ? 1 : 0);
