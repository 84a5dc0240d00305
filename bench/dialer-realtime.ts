/**
 * Issue 4 point 13, real time: the dialer as the server runs it — real-time ports (wall clock,
 * setTimeout), a real database (a fresh PostgreSQL database by default, or embedded PGlite in
 * memory), the seeded simulated carrier with short-ish calls so that the lines fill up, and
 * simulated agents — for `--seconds` of wall-clock time from the moment the agents log in. The
 * agents start ready, so every line is dialed at once (the peak of concurrent calls); then the
 * floor settles into talk, wrap-up and fresh lines.
 *
 * Prints:
 * - answered → offered: from the moment the carrier's live answer was due (AMD "human"; the
 *   event loop's lateness included, see realtime-probes.ts) to the engine bridging the call to
 *   an agent — p50, p99, max — for calls offered at once (an agent was free: the engine's own
 *   latency, target p99 < 20 ms) and for calls that waited for an agent (pacing, D6's 2 s);
 *   and the engine's own figure (CallDesk.offers, from the handler to the bridge);
 * - CPU: this process's user + system seconds per wall-clock second (1.0 = one core), and for
 *   PostgreSQL the server processes serving the bench's database (sampled every second);
 * - event-loop delay (perf_hooks monitorEventLoopDelay, 10 ms resolution);
 * - calls placed, live answers, peak and mean concurrent calls, write-queue backlog, load average.
 *
 * Run: node --import tsx bench/dialer-realtime.ts [--agents 1000] [--lines 3] [--seconds 120] [--engine postgres|embedded]
 * Profile: add --cpu-prof --cpu-prof-dir=/tmp/prof after `node`.
 */
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import type { Actor } from '../src/access/actor.js';
import { changeCampaignStatus } from '../src/campaigns/change-campaign-status.js';
import { createCampaign } from '../src/campaigns/create-campaign.js';
import { weekdays } from '../src/campaigns/campaign-schemas.js';
import { DialerRuntime } from '../src/dialer/dialer-runtime.js';
import { defaultBehaviour, SimulatedAgent } from '../src/dialer/simulated-agents.js';
import { DoNotCall } from '../src/dnc/do-not-call.js';
import { realTimePorts } from '../src/engine/ports.js';
import { SimulatedCarrier } from '../src/telephony/adapters/simulated/simulated-carrier.js';
import { type Engine, openTestStorage } from '../tests/support/storage.js';
import { seedFloor } from './dialer-floor.js';
import { AnswerToBridge, BackendCpu, dueTimers } from './realtime-probes.js';

const { values } = parseArgs({
  options: { agents: { type: 'string', default: '1000' }, lines: { type: 'string', default: '3' }, seconds: { type: 'string', default: '120' }, engine: { type: 'string', default: 'postgres' }, seed: { type: 'string', default: 'bench-dialer-realtime' } },
});
const AGENTS = Number(values.agents);
const LINES = Number(values.lines);
const SECONDS = Number(values.seconds);
const engineName = values.engine as Engine;
if (engineName !== 'postgres' && engineName !== 'embedded') throw new Error('--engine is postgres or embedded');
// Enough records that the lines never run dry (a line finishes a call every ~10 s at most).
const RECORDS = Math.ceil((AGENTS * LINES * SECONDS) / 4);
const out = (line: string): boolean => process.stdout.write(`${line}\n`);
const f1 = (n: number): string => n.toFixed(1);

const t0 = performance.now();
const storage = await openTestStorage(engineName);
const db = storage.db;
const now = new Date();
const floor = await seedFloor(db, now, { agents: AGENTS, records: RECORDS });
const adminRow = await db.insertInto('users').values({ email: 'admin@bench.test', user_code: 'admin', display_name: 'Admin', role: 'admin', password_hash: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
const admin: Actor = { userId: adminRow.id, role: 'admin', email: 'admin@bench.test', via: 'session' };
const clock = { now: () => new Date() };
const allDay = Object.fromEntries(weekdays.map((d) => [d, [{ start: '00:00', end: '24:00' }]]));
const campaign = await createCampaign(db, clock, admin, {
  name: 'Bench', mode: 'power', queueId: floor.queueId, listIds: [floor.listId], linesPerAgent: LINES, callerId: '+12025550143', abandonMessage: 'Sorry we missed you.',
  regulatoryProfile: 'none', contactableTimes: { defaultTimeZone: 'America/New_York', weekly: allDay }, retryRules: { maxAttemptsPerRecord: 1 },
} as Parameters<typeof createCampaign>[3]);
await changeCampaignStatus(db, clock, admin, campaign.id, 'start');

const ports = realTimePorts(values.seed);
const due = dueTimers(ports.timers);
const simulated = new SimulatedCarrier({ clock: ports.clock, timers: due.timers, random: ports.random.fork('carrier') }, {
  outcomes: { live: 0.3, machine: 0.15, fax: 0.02, busy: 0.1, noAnswer: 0.38, badNumber: 0.05 },
  answerDelay: { dist: 'lognormal', median: 5, p90: 12 },
  talk: { dist: 'lognormal', median: 20, p90: 60 },
  patience: { dist: 'lognormal', median: 6, p90: 20 },
  amd: { falseMachineRate: 0.02, falseHumanRate: 0.1 },
});
const carrier = new AnswerToBridge(simulated, due.due);
const runtime = new DialerRuntime({ storage, dnc: await DoNotCall.load(storage), ports, carrier, nodeId: 'bench-realtime', options: { ringTimeoutSeconds: 20 } });
runtime.start();
const engine = await runtime.ensureEngine(campaign.id);
while (!engine.loaded) await new Promise((r) => setTimeout(r, 20));
const bots = floor.agentIds.map((userId, i) => new SimulatedAgent(runtime, userId, ports.random.fork(`agent-${i}`), { ...defaultBehaviour, breakChance: 0, wrap: { dist: 'lognormal', median: 5, p90: 15 } }));
out(`setup: ${AGENTS} agents × ${LINES} lines, ${RECORDS.toLocaleString('en')} records on ${engineName} in ${f1((performance.now() - t0) / 1000)} s; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

// ── the measured window ──────────────────────────────────────────────────────────────
const pool = storage.raw.kind === 'postgres' ? (storage.raw as { pool: pg.Pool }).pool : null;
const backend = pool ? new BackendCpu(pool, new URL(storage.url!).pathname.slice(1)) : null;
await backend?.sample();
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const cpu0 = process.cpuUsage();
const start = performance.now();
const placed0 = simulated.stats.placed;
for (const userId of floor.agentIds) runtime.desk.apply(userId, { type: 'login', campaignId: campaign.id });

let peak = 0;
let concurrencySum = 0;
let samples = 0;
let peakBacklog = 0;
const sampler = setInterval(() => {
  const n = engine.calls.count;
  peak = Math.max(peak, n);
  concurrencySum += n;
  samples++;
  peakBacklog = Math.max(peakBacklog, runtime.writes.pending);
}, 100);
const progress = setInterval(() => {
  void backend?.sample();
  const s = (performance.now() - start) / 1000;
  if (Math.round(s) % 10 !== 0) return;
  out(`  ${Math.round(s)} s: ${engine.calls.count} calls in progress, ${simulated.stats.placed - placed0} placed, ${carrier.liveAnswers} live answers, ${runtime.writes.pending} writes queued; event loop p99 ${f1(loop.percentile(99) / 1e6)} ms`);
}, 1000);
await new Promise((r) => setTimeout(r, SECONDS * 1000));
clearInterval(sampler);
clearInterval(progress);
await backend?.sample();
const wallS = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpu0);
loop.disable();
const backlogAtEnd = runtime.writes.pending;
const placed = simulated.stats.placed - placed0;
const engineOffers = engine.calls.offers.summary();
const load = loadavg();

for (const b of bots) b.stop();
const drainStart = performance.now();
await runtime.stop();
const drainS = (performance.now() - drainStart) / 1000;
await simulated.close();
const attempts = await db.selectFrom('dial_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow();
const failures = runtime.takeFailures();
await storage.close();

// ── report ───────────────────────────────────────────────────────────────────────────
const ms = (h: RecordableHistogram, scale: number): string => {
  if (h.count === 0) return 'none';
  const v = (x: number): string => (x / scale).toFixed(x / scale < 10 ? 2 : 0);
  return `p50 ${v(h.percentile(50))} ms, p99 ${v(h.percentile(99))} ms, max ${v(h.max)} ms (${h.count.toLocaleString('en')})`;
};
const [offeredNow, offeredLater] = [engine.calls.offers.immediate, engine.calls.offers.queued];
const cpuS = (cpu.user + cpu.system) / 1e6;
out(`\n${AGENTS} agents × ${LINES} lines on ${engineName}, ${f1(wallS)} s of wall-clock time (load average at the end ${load.map((l) => l.toFixed(2)).join(' ')}):`);
out(`  calls placed ${placed.toLocaleString('en')} (${f1(placed / wallS)}/s); live answers ${carrier.liveAnswers.toLocaleString('en')}; concurrent calls peak ${peak}, mean ${Math.round(concurrencySum / Math.max(1, samples))}`);
out(`  answered → offered (carrier due time → bridge): offered at once ${ms(carrier.atOnce, 1000)}; after waiting for an agent ${ms(carrier.afterWait, 1000)}`);
out(`  engine's own figure (handler → bridge): offered at once ${ms(offeredNow, 1000)}; after waiting for an agent ${ms(offeredLater, 1000)}; never offered ${engineOffers.lost}`);
out(`  CPU (this process): ${(cpuS / wallS).toFixed(3)} core-seconds per second (user ${f1(cpu.user / 1e6)} s, system ${f1(cpu.system / 1e6)} s)${backend ? `; PostgreSQL server for this database: ${(backend.seconds() / wallS).toFixed(3)} core-seconds per second` : ''}`);
out(`  event-loop delay: p50 ${f1(loop.percentile(50) / 1e6)} ms, p99 ${f1(loop.percentile(99) / 1e6)} ms, max ${f1(loop.max / 1e6)} ms (resolution 10 ms)`);
out(`  write queue: peak backlog ${peakBacklog.toLocaleString('en')}, ${backlogAtEnd.toLocaleString('en')} at the end, drained in ${f1(drainS)} s; attempts stored ${Number(attempts.n).toLocaleString('en')}; failures ${failures.length}`);
process.exit(failures.length > 0 ? 1 : 0);
