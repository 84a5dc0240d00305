import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { type Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tone, wavBytes } from '../../src/telephony/adapters/sip/audio.js';

/**
 * Real SIP far ends for the telephony tests (issue 8 point 4): baresip (Debian `baresip-core`)
 * scripted over its ctrl_tcp module, and SIPp (Debian `sip-tester`) for what baresip cannot do
 * (reject with a chosen status, challenge for digest authentication). Each peer gets its own
 * temporary config directory and ports the OS says are free, so test files run in parallel; it
 * is stopped by its own process ID, never by name.
 *
 * Without the programs the SIP tests are skipped with a loud notice — and fail under CI=true
 * (.ci/run installs them).
 */
const PROGRAMS = { baresip: 'baresip-core', sipp: 'sip-tester', 'espeak-ng': 'espeak-ng', sox: 'sox' } as const;

export function sipPeersAvailable(): boolean {
  const missing = Object.entries(PROGRAMS).filter(([program]) => !onPath(program));
  if (missing.length === 0) return true;
  const message = `The SIP peers are not installed (missing: ${missing.map(([p]) => p).join(', ')}).`;
  const install = `apt-get install ${missing.map(([, pkg]) => pkg).join(' ')}`;
  if (process.env.CI) throw new Error(`${message} CI needs them for the SIP carrier tests: ${install} (.ci/run does).`);
  process.stderr.write(`\n*** WARNING: ${message} The SIP carrier tests (T2) are SKIPPED. Install them: ${install} ***\n\n`);
  return false;
}

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, program)));
}

/** A port that is free for both UDP and TCP on `host` right now (the OS picks it). */
export async function freePort(host: string): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const server = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve((server.address() as { port: number }).port));
    });
    const udp = createSocket('udp4');
    const udpFree = await new Promise<boolean>((resolve) => {
      udp.once('error', () => resolve(false));
      udp.bind(port, host, () => resolve(true));
    });
    await new Promise<void>((resolve) => udp.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (udpFree) return port;
  }
  throw new Error(`No port free for both UDP and TCP on ${host} after 20 tries.`);
}

/** How one number (a baresip account) behaves when called. Times from the INVITE's arrival. */
export interface PeerLine {
  user: string;
  /** Answer this long after the call arrives (it rings meanwhile); omit to never answer. */
  answerAfterMs?: number;
  /** Refuse the ringing call this long after it arrives (baresip answers 486 Busy Here). */
  rejectAfterMs?: number;
  /** Hang up (BYE) this long after answering. */
  hangUpAfterMs?: number;
  /** An 8 kHz mono WAV to send as this line's voice once answered (a greeting); default a 300 Hz tone for 60 s. */
  audio?: string;
  /** Answer at once, without ringing first (an agent's phone set to auto-answer). */
  autoAnswer?: boolean;
}

export interface PeerEvent {
  type: string;
  /** The called line (account) and the SIP Call-ID. */
  user: string;
  sipCallId: string;
  param: string;
  atMs: number;
}

interface Pending {
  resolve: (data: string) => void;
  reject: (error: Error) => void;
}

/** One baresip process with several lines (accounts) on one SIP port. */
export class BaresipPeer {
  readonly events: PeerEvent[] = [];
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Scripted commands still to run, by the SIP Call-ID of the call they are for. */
  private readonly callTimers = new Map<string, Set<NodeJS.Timeout>>();
  private stopped = false;

  private constructor(
    readonly name: string,
    readonly host: string,
    readonly sipPort: number,
    readonly dir: string,
    private readonly lines: Map<string, PeerLine>,
    private readonly child: ChildProcess,
    private readonly control: Socket,
  ) {
    let buffer = '';
    control.setEncoding('utf8');
    control.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        const colon = buffer.indexOf(':');
        if (colon < 0) break;
        const length = Number(buffer.slice(0, colon));
        if (buffer.length < colon + 1 + length + 1) break;
        const body = buffer.slice(colon + 1, colon + 1 + length);
        buffer = buffer.slice(colon + 1 + length + 1);
        this.onMessage(JSON.parse(body) as Record<string, unknown>);
      }
    });
  }

  /** Starts baresip with these lines on a free port of `host` and waits until it takes commands. */
  static async start(name: string, lines: PeerLine[], host = '127.0.0.2'): Promise<BaresipPeer> {
    const dir = mkdtempSync(join(tmpdir(), `pacer-baresip-${name}-`));
    const sipPort = await freePort(host);
    const ctrlPort = await freePort('127.0.0.1');
    const voice = join(dir, 'voice.wav');
    writeFileSync(voice, wavBytes(tone(300, 60_000, 6000)));
    writeFileSync(
      join(dir, 'config'),
      [
        'poll_method epoll',
        `sip_listen ${host}:${sipPort}`,
        `net_interface ${host}`,
        'call_max_calls 64',
        'module_path /usr/lib/baresip/modules',
        'module g711.so',
        'module aufile.so',
        'module aubridge.so',
        'module sndfile.so',
        'module_app account.so',
        'module_app menu.so',
        'module ctrl_tcp.so',
        `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
        `audio_source aufile,${voice}`,
        'audio_player aubridge,nil',
        'audio_alert aubridge,nil',
        'rtp_ports 40000-59999',
        `snd_path ${dir}`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'accounts'),
      lines.map((l) => `<sip:${l.user}@${host}>;regint=0;answermode=${l.autoAnswer ? 'auto' : 'manual'};audio_source=aufile,${l.audio ?? voice}\n`).join(''),
    );
    const log = join(dir, 'baresip.log');
    const fd = openSync(log, 'w');
    const child = spawn('baresip', ['-f', dir], { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const control = await connectWhenUp(ctrlPort, child, () => readFileSync(log, 'utf8').slice(-2000)).catch((error: unknown) => {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    });
    return new BaresipPeer(name, host, sipPort, dir, new Map(lines.map((l) => [l.user, l])), child, control);
  }

  /** The SIP URI of one of this peer's lines. */
  uri(user: string): string {
    return `sip:${user}@${this.host}:${this.sipPort}`;
  }

  eventsFor(user: string): PeerEvent[] {
    return this.events.filter((e) => e.user === user);
  }

  async waitFor(predicate: (e: PeerEvent) => boolean, withinMs: number): Promise<PeerEvent> {
    const until = Date.now() + withinMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      if (Date.now() > until) throw new Error(`${this.name}: no such baresip event within ${withinMs} ms; got ${this.events.map((e) => `${e.user}:${e.type}`).join(', ') || 'nothing'}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The audio this peer received on its calls, as baresip's sndfile module recorded it (8 kHz WAV files). */
  receivedRecordings(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.startsWith('dump-') && f.endsWith('-dec.wav'))
      .map((f) => join(this.dir, f));
  }

  /** Runs a ctrl_tcp command (one at a time, in order) on a given call of a given line. */
  onCall(user: string, sipCallId: string, command: string): Promise<void> {
    const run = async (): Promise<void> => {
      await this.command('uafind', `sip:${user}@${this.host}`);
      await this.command('callfind', sipCallId);
      await this.command(command, '');
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  command(command: string, params: string): Promise<string> {
    const token = `t${++this.seq}`;
    const body = JSON.stringify({ command, params, token });
    return new Promise((resolve, reject) => {
      this.pending.set(token, { resolve, reject });
      this.control.write(`${Buffer.byteLength(body)}:${body},`);
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.control.destroy();
    await stopProcess(this.child);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private onMessage(m: Record<string, unknown>): void {
    if (m.response) {
      const p = this.pending.get(String(m.token));
      this.pending.delete(String(m.token));
      if (m.ok) p?.resolve(String(m.data ?? ''));
      else p?.reject(new Error(`${this.name}: baresip refused a command: ${String(m.data)}`));
      return;
    }
    if (!m.event) return;
    const user = /^sip:([^@]+)@/.exec(String(m.accountaor ?? ''))?.[1] ?? '';
    const event: PeerEvent = { type: String(m.type), user, sipCallId: String(m.id ?? ''), param: String(m.param ?? ''), atMs: Date.now() };
    this.events.push(event);
    const line = this.lines.get(user);
    if (!line || this.stopped) return;
    if (event.type === 'CALL_CLOSED') {
      // A closed call's scripted commands must not run: baresip's callfind leaves the current call
      // selected when the call is gone, so a late "hangup" would end the line's next call.
      for (const t of this.callTimers.get(event.sipCallId) ?? []) {
        clearTimeout(t);
        this.timers.delete(t);
      }
      this.callTimers.delete(event.sipCallId);
      return;
    }
    const later = (ms: number, command: string): void => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.callTimers.get(event.sipCallId)?.delete(t);
        if (!this.stopped) this.onCall(user, event.sipCallId, command).catch(() => undefined); // the call may be gone meanwhile
      }, ms);
      this.timers.add(t);
      const mine = this.callTimers.get(event.sipCallId) ?? new Set();
      mine.add(t);
      this.callTimers.set(event.sipCallId, mine);
    };
    if (event.type === 'CALL_INCOMING') {
      if (line.rejectAfterMs !== undefined) later(line.rejectAfterMs, 'hangup');
      else if (line.answerAfterMs !== undefined && !line.autoAnswer) later(line.answerAfterMs, 'accept');
    } else if (event.type === 'CALL_ESTABLISHED' && line.hangUpAfterMs !== undefined) {
      later(line.hangUpAfterMs, 'hangup');
    }
  }
}

async function connectWhenUp(port: number, child: ChildProcess, stderr: () => string): Promise<Socket> {
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`baresip exited (code ${child.exitCode}) before taking commands: ${stderr()}`);
    const socket = await new Promise<Socket | null>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => resolve(s));
      s.once('error', () => resolve(null));
    });
    if (socket) return socket;
    if (Date.now() > until) {
      await stopProcess(child);
      throw new Error(`baresip did not open its ctrl_tcp port ${port} within 10 s: ${stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGTERM the process by its own PID, SIGKILL it if it lingers. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const killer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 3000);
  await exited;
  clearTimeout(killer);
}

/**
 * A voicemail greeting spoken by espeak-ng, as an 8 kHz mono WAV (sox converts it), followed by
 * `silenceMs` of silence (the machine waiting for the caller's message).
 */
export function speak(dir: string, name: string, text: string): string {
  const raw = join(dir, `${name}-22k.wav`);
  const out = join(dir, `${name}.wav`);
  execFileSync('espeak-ng', ['-w', raw, text]);
  execFileSync('sox', [raw, '-r', '8000', '-c', '1', '-b', '16', out]);
  return out;
}

export function withSilence(dir: string, name: string, wav: string, silenceMs: number, leadMs = 0): string {
  const out = join(dir, `${name}.wav`);
  execFileSync('sox', [wav, out, 'pad', String(leadMs / 1000), String(silenceMs / 1000)]);
  return out;
}
