/**
 * `npm run bench:sip` (issue 8 point 5): how many call attempts per second, and how many
 * concurrent calls, one Pacer process handles on this machine with answering-machine detection
 * on every answer. The SIP carrier (T2) places calls at increasing rates against SIPp on
 * loopback (bench/sip-load-peer.ts), which answers at once, sends a person's "Hello?" or a
 * voicemail greeting (espeak-ng) in G.711 RTP, holds the call `--hold` seconds and hangs up.
 * Every call is placed with `detectMachine` and Pacer's detector (`amdFrameDetector()`, D5).
 *
 * Each step places calls at its rate for `--step` seconds (open loop: calls late because the
 * event loop was busy are placed as soon as it is free), then waits for them to end. Steady-state
 * figures (concurrency, event-loop lag, CPU, RSS) are taken from `--hold` seconds into the step
 * to its end. Stepping stops after the first step with more than 1 % of attempts failed or an
 * event-loop lag p99 above 100 ms; the last step within both is the sustained rate. Writes the
 * section of docs/BENCHMARKS.md between `<!-- sip:begin -->` and `<!-- sip:end -->`.
 *
 *   npm run bench:sip -- [--rates 5,10,20,40,60,80,100,120,140,160,200] [--step 20] [--hold 8] [--machines 0.5] [--no-write]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { AmdDecision } from '../src/calls/call-results.js';
import { realTimePorts } from '../src/engine/ports.js';
import { readWav8k } from '../src/telephony/adapters/sip/audio.js';
import { encodeG711 } from '../src/telephony/adapters/sip/g711.js';
import { SipCarrier } from '../src/telephony/adapters/sip/sip-carrier.js';
import { amdFrameDetector } from '../src/telephony/amd/create-amd-detector.js';
import type { CarrierCall, CarrierEvent } from '../src/telephony/carrier.js';
import { freePort, speak, withSilence } from '../tests/support/sip-peer.js';
import { SippLoadPeer, loadScenario } from './sip-load-peer.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '5,10,20,40,60,80,100,120,140,160,200' },
    step: { type: 'string', default: '20' },
    hold: { type: 'string', default: '8' },
    machines: { type: 'string', default: '0.5' },
    write: { type: 'boolean', default: true },
    out: { type: 'string', default: path.join(root, 'docs/BENCHMARKS.md') },
  },
  allowNegative: true,
});
const BEGIN = '<!-- sip:begin -->';
const END = '<!-- sip:end -->';
const rates = values.rates.split(',').map(Number);
const stepMs = Number(values.step) * 1000;
const holdMs = Number(values.hold) * 1000;
const machineShare = Number(values.machines);
const RING_TIMEOUT_S = 15;
const MAX_FAILED = 0.01;
const MAX_LAG_MS = 100;
const LAG_RESOLUTION_MS = 10;
const PERSON = '+1555100';
const MACHINE = '+1555200';
if (stepMs < holdMs + 5000) throw new Error(`--step must be at least --hold + 5 s (a steady state to measure); got ${values.step} and ${values.hold}.`);

const missing = ['sipp', 'espeak-ng', 'sox'].filter((p) => !(process.env.PATH ?? '').split(':').some((d) => d && fs.existsSync(path.join(d, p))));
if (missing.length) {
  console.error(`bench:sip needs ${missing.join(', ')} (apt-get install sip-tester espeak-ng sox; .ci/run installs them).`);
  process.exit(1);
}

interface Step {
  rate: number;
  placed: number;
  /** Achieved: calls answered per second of the step. */
  answeredPerS: number;
  answered: number;
  failed: Map<string, number>;
  failedCount: number;
  stuck: number;
  setupMs: number[];
  amd: Map<AmdDecision, number>;
  amdRight: number;
  amdMs: { human: number[]; machine: number[] };
  udpDrops: number;
  peak: number;
  mean: number;
  framesPerS: number;
  lagP99Ms: number;
  cpuPct: number;
  amdCpuPct: number;
  sippCpuPct: number;
  rssMiB: number;
}

const quantile = (xs: number[], q: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
/** Datagrams the kernel dropped because a socket's receive buffer was full (all of this host's UDP sockets). */
const udpRcvbufErrors = (): number => {
  const [names, counts] = fs.readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((l) => l.startsWith('Udp:'));
  const i = names!.split(/\s+/).indexOf('RcvbufErrors');
  return Number(counts!.split(/\s+/)[i]);
};
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const cpuModel = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown CPU';
const machineLine = `${os.availableParallelism()} × ${cpuModel}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, SIPp ${spawnSync('sipp', ['-v'], { encoding: 'utf8' }).stdout.match(/v[\d.]+/)?.[0] ?? '?'}`;
const command = `npm run bench:sip${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;

// The far end's voices: a person says "Hello?" a moment after picking up; a voicemail greeting.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-bench-sip-'));
const ulaw = (wav: string, name: string): string => {
  const file = path.join(dir, `${name}.ulaw`);
  fs.writeFileSync(file, encodeG711('PCMU', readWav8k(wav)));
  return file;
};
const talkMs = holdMs + 2000;
const personAudio = ulaw(withSilence(dir, 'hello-padded', speak(dir, 'hello', 'Hello?'), talkMs, 600), 'person');
const machineAudio = ulaw(withSilence(dir, 'greeting-padded', speak(dir, 'greeting', 'Hi, this is Sam. I can not take your call. Please leave a message after the tone.'), talkMs), 'machine');

const peer = await SippLoadPeer.start(dir, loadScenario({ holdMs, personAudio, machineAudio, machinePrefix: MACHINE }));
process.once('exit', () => peer.kill()); // if anything below throws: never leave SIPp running
const ports = realTimePorts();
let frames = 0;
let amdCpuMs = 0;
const carrier = await SipCarrier.start(
  {
    clock: ports.clock,
    timers: ports.timers,
    random: ports.random,
    agentUri: () => 'sip:agent@127.0.0.9', // never bridged here
    messageAudio: () => new Int16Array(160),
    detector: () => {
      const detector = amdFrameDetector();
      return {
        push: (frame) => {
          const t = performance.now();
          const decision = detector.push(frame);
          amdCpuMs += performance.now() - t;
          return decision;
        },
      };
    },
    onAudio: () => {
      frames++;
    },
  },
  {
    trunk: { host: peer.host, port: peer.sipPort, transport: 'udp' },
    from: { user: '+12025550100', domain: 'pacer.invalid' },
    local: { address: '127.0.0.1', sipPort: await freePort('127.0.0.1'), rtpPorts: { min: 30000, max: 39999 } },
  },
);
let stopping = false;
let sippErrors = 0;
const shutDown = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await carrier.close();
  ports.timers.close();
  await peer.stop();
  sippErrors = peer.errorLines().length;
  if (sippErrors) fs.copyFileSync(path.join(dir, 'errors.log'), path.join(os.tmpdir(), 'pacer-bench-sip-errors.log'));
  fs.rmSync(dir, { recursive: true, force: true });
};
process.once('SIGINT', () => void shutDown().then(() => process.exit(130)));

let seq = 0;
async function runStep(rate: number): Promise<Step> {
  const s: Step = {
    rate, placed: 0, answeredPerS: 0, answered: 0, failed: new Map(), failedCount: 0, stuck: 0, setupMs: [], amd: new Map(), amdRight: 0, amdMs: { human: [], machine: [] }, udpDrops: 0,
    peak: 0, mean: 0, framesPerS: 0, lagP99Ms: 0, cpuPct: 0, amdCpuPct: 0, sippCpuPct: 0, rssMiB: 0,
  };
  const open = new Map<string, CarrierCall>();
  const leftUp = new Set<string>();
  const start = performance.now();
  const drops = udpRcvbufErrors();
  const fail = (why: string) => {
    s.failedCount++;
    s.failed.set(why, (s.failed.get(why) ?? 0) + 1);
  };
  const place = (): void => {
    const n = ++seq;
    const machine = (s.placed * machineShare) % 1 >= 1 - machineShare; // spread evenly, `machineShare` of the calls
    const callId = `bench-${n}`;
    const placedAt = performance.now();
    s.placed++;
    let answered = false;
    let ringing = false;
    const listener = (e: CarrierEvent): void => {
      if (e.type === 'ringing') ringing = true;
      else if (e.type === 'answered') {
        answered = true;
        s.answered++;
        s.setupMs.push(performance.now() - placedAt);
      } else if (e.type === 'amd') {
        s.amd.set(e.decision, (s.amd.get(e.decision) ?? 0) + 1);
        if (e.decision === (machine ? 'machine' : 'human')) s.amdRight++;
        if (e.decision === 'human' || e.decision === 'machine') s.amdMs[e.decision].push(e.decisionMs);
      } else if (e.type === 'ended') {
        open.delete(callId);
        if (leftUp.has(callId)) fail('still up when the step was over (the bench hung up)');
        else if (e.cause !== 'remote_hang_up' || !answered) {
          fail(`${e.cause}${e.detail ? ` (${e.detail.replace(/ \(.*$/, '')})` : ''}${answered ? ', after the answer' : ringing ? ', after 180 Ringing' : ', no provisional response'}`);
        }
      }
    };
    const to = `${machine ? MACHINE : PERSON}${String(n % 10_000).padStart(4, '0')}`;
    open.set(callId, carrier.placeCall({ callId, to, callerId: null, ringTimeoutSeconds: RING_TIMEOUT_S, detectMachine: true }, listener));
  };

  // Steady-state window: from `hold` into the step to its end.
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  const steady: { from: { at: number; cpu: NodeJS.CpuUsage; sipp: number; frames: number; amdMs: number } | null } = { from: null };
  let samples = 0;
  let liveSum = 0;
  const sampler = setInterval(() => {
    const live = carrier.liveCalls;
    s.peak = Math.max(s.peak, live);
    if (steady.from) {
      samples++;
      liveSum += live;
    }
  }, 100);
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const elapsed = performance.now() - start;
      if (!steady.from && elapsed >= holdMs) {
        lag.enable();
        steady.from = { at: performance.now(), cpu: process.cpuUsage(), sipp: peer.cpuSeconds(), frames, amdMs: amdCpuMs };
      }
      const due = Math.min(Math.floor((rate * Math.min(elapsed, stepMs)) / 1000), Math.round((rate * stepMs) / 1000));
      while (s.placed < due) place();
      if (elapsed >= stepMs) return resolve();
      setTimeout(tick, 5);
    };
    tick();
  });
  const w = steady.from!;
  const wallMs = performance.now() - w.at;
  const cpu = process.cpuUsage(w.cpu);
  lag.disable();
  s.lagP99Ms = Math.max(0, lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS); // the histogram's samples are the timer's period plus the lag
  s.cpuPct = (100 * (cpu.user + cpu.system)) / 1000 / wallMs;
  s.amdCpuPct = (100 * (amdCpuMs - w.amdMs)) / wallMs;
  s.sippCpuPct = (100 * 1000 * (peer.cpuSeconds() - w.sipp)) / wallMs;
  s.framesPerS = ((frames - w.frames) * 1000) / wallMs;
  s.rssMiB = process.memoryUsage.rss() / 2 ** 20;
  s.mean = samples ? liveSum / samples : 0;
  clearInterval(sampler);

  // Let the step's calls end (the far end hangs up after `hold`); anything left is stuck.
  const until = performance.now() + holdMs + RING_TIMEOUT_S * 1000 + 10_000;
  while (open.size > 0 && performance.now() < until) await sleep(100);
  s.answeredPerS = s.answered / (stepMs / 1000);
  s.udpDrops = udpRcvbufErrors() - drops;
  s.stuck = open.size;
  for (const [callId, call] of open) {
    leftUp.add(callId);
    call.hangUp();
  }
  await sleep(2000); // the hang-ups' events, and a pause between steps
  return s;
}

console.log(`SIP carrier throughput: ${machineLine}`);
console.log(`steps ${rates.join(', ')} call attempts/s, ${values.step} s each; the far end answers at once, talks and hangs up after ${values.hold} s; AMD on every answer; ${Math.round(machineShare * 100)} % voicemail greetings\n`);

const header = ['CAPS offered', 'placed', 'answered/s', 'failed', 'concurrent peak / mean', 'setup p50 / p95', 'AMD decided (right)', 'AMD p50 human / machine', 'RTP frames/s', 'UDP drops', 'loop lag p99', 'Pacer CPU (AMD)', 'SIPp CPU', 'RSS'];
const row = (s: Step): string[] => {
  const decided = [...s.amd.values()].reduce((a, b) => a + b, 0);
  return [
    String(s.rate),
    String(s.placed),
    s.answeredPerS.toFixed(1),
    `${s.failedCount} (${((100 * s.failedCount) / Math.max(1, s.placed)).toFixed(1)} %)`,
    `${s.peak} / ${s.mean.toFixed(0)}`,
    `${quantile(s.setupMs, 0.5).toFixed(1)} / ${quantile(s.setupMs, 0.95).toFixed(1)} ms`,
    `${decided} (${s.amdRight})`,
    `${(quantile(s.amdMs.human, 0.5) / 1000).toFixed(2)} / ${(quantile(s.amdMs.machine, 0.5) / 1000).toFixed(2)} s`,
    s.framesPerS.toFixed(0),
    String(s.udpDrops),
    `${s.lagP99Ms.toFixed(1)} ms`,
    `${s.cpuPct.toFixed(0)} % (${s.amdCpuPct.toFixed(0)} %)`,
    `${s.sippCpuPct.toFixed(0)} %`,
    `${s.rssMiB.toFixed(0)} MiB`,
  ];
};
console.log(header.join(' | '));
const steps: Step[] = [];
let over: { step: Step; why: string } | null = null;
try {
  for (const rate of rates) {
    const s = await runStep(rate);
    steps.push(s);
    console.log(row(s).join(' | '));
    for (const [why, n] of s.failed) console.log(`    failed: ${n} × ${why}`);
    const reasons = [
      ...(s.failedCount / Math.max(1, s.placed) > MAX_FAILED ? [`${((100 * s.failedCount) / s.placed).toFixed(1)} % of attempts failed`] : []),
      ...(s.lagP99Ms > MAX_LAG_MS ? [`event-loop lag p99 ${s.lagP99Ms.toFixed(0)} ms`] : []),
    ];
    if (reasons.length) {
      over = { step: s, why: reasons.join(' and ') };
      break;
    }
  }
} finally {
  await shutDown();
}

const sustained = over ? steps[steps.indexOf(over.step) - 1] : steps.at(-1);
const headline = sustained
  ? `**Sustained: ${sustained.rate} call attempts/s with ${sustained.mean.toFixed(0)} concurrent calls (peak ${sustained.peak})**, AMD on every answer, ` +
    `Pacer's process at ${sustained.cpuPct.toFixed(0)} % of one core and event-loop lag p99 ${sustained.lagP99Ms.toFixed(1)} ms.`
  : '**No step stayed within the limits.**';
const stop = over
  ? `At ${over.step.rate} attempts/s: ${over.why} (Pacer ${over.step.cpuPct.toFixed(0)} % of one core, of which AMD ${over.step.amdCpuPct.toFixed(0)} %; SIPp ${over.step.sippCpuPct.toFixed(0)} % of a core).`
  : `Every step stayed within the limits (the highest, ${steps.at(-1)?.rate} attempts/s, is a floor, not the ceiling: add higher --rates).`;
const limit = !over
  ? ''
  : over.step.cpuPct >= 90
    ? `What limits it: Pacer's one event loop, busy all the time at ${over.step.rate} attempts/s while SIPp, the load, used ${over.step.sippCpuPct.toFixed(0)} % of the other core. ` +
      `Each call brings 50 RTP packets a second to receive, parse and decode (${Math.round(over.step.framesPerS).toLocaleString('en')} a second here) and AMD on them until it decides ` +
      `(${over.step.amdCpuPct.toFixed(0)} % of a core); SIP signalling in the npm sip package is a small share (docs/SIP.md, Throughput, has a profile).`
    : over.step.sippCpuPct >= 90
      ? `What limits it: SIPp, the load generator (${over.step.sippCpuPct.toFixed(0)} % of a core), not Pacer (${over.step.cpuPct.toFixed(0)} % of one core): the figure is a floor.`
      : `What limits it: neither process used a whole core (Pacer ${over.step.cpuPct.toFixed(0)} %, SIPp ${over.step.sippCpuPct.toFixed(0)} %); the two share ${os.availableParallelism()} cores, and the failures above say where it broke.`;
console.log(`\n${headline.replace(/\*\*/g, '')}\n${stop}${limit ? `\n${limit}` : ''}${sippErrors ? `\nSIPp logged ${sippErrors} error lines (copied to ${path.join(os.tmpdir(), 'pacer-bench-sip-errors.log')}).` : ''}`);

if (values.write) {
  const failures = steps.flatMap((s) => [...s.failed].map(([why, n]) => `- ${s.rate} attempts/s: ${n} × ${why}`));
  const section = [
    '## SIP carrier throughput (T2, issue 8 point 5)',
    '',
    `Generated by \`${command}\` on ${new Date().toISOString().slice(0, 10)} — ${machineLine}.`,
    `One Pacer process (the SIP carrier, UDP, on 127.0.0.1) places calls at each rate for ${values.step} s against SIPp on 127.0.0.3 (bench/sip-load-peer.ts), which answers at once, ` +
      `streams a recording in G.711 μ-law RTP (${Math.round(machineShare * 100)} % a voicemail greeting, the rest a person's "Hello?", espeak-ng) and hangs up after ${values.hold} s. ` +
      "Every call has `detectMachine` and Pacer's detector (`amdFrameDetector()`, D5) on its own RTP. Both processes share the machine's cores.",
    `"Answered/s" is the achieved rate. "Failed" is any call not answered and ended by the far end's BYE. Setup is placeCall to the \`answered\` event. Concurrency, event-loop lag (monitorEventLoopDelay, its 10 ms sampling period taken off), CPU ` +
      `(process.cpuUsage; 100 % = one core; AMD is the time inside the detector) and RSS are over the steady state, from ${values.hold} s into the step to its end. ` +
      '"UDP drops" are datagrams the kernel dropped on this host over the step because a socket\'s receive buffer was full (RcvbufErrors in /proc/net/snmp). ' +
      `Stepping stops after the first step with more than 1 % failed or lag p99 above ${MAX_LAG_MS} ms.`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...steps.map((s) => `| ${row(s).join(' | ')} |`),
    '',
    headline,
    stop,
    ...(limit ? [limit] : []),
    ...(failures.length ? ['', 'Failures:', '', ...failures] : []),
    ...(sippErrors ? ['', `SIPp logged ${sippErrors} error lines (unexpected messages or retransmission timeouts on its side).`] : []),
  ].join('\n');
  const doc = fs.readFileSync(values.out, 'utf8');
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  const block = `${BEGIN}\n${section}\n${END}`;
  fs.writeFileSync(values.out, a >= 0 && b > a ? doc.slice(0, a) + block + doc.slice(b + END.length) : `${doc.trimEnd()}\n\n${block}\n`);
  console.log(`\nwrote its section of ${path.relative(root, values.out)}`);
}
