/**
 * The far end of bench/sip-throughput.ts: SIPp (Debian `sip-tester`) as a UAS that takes every
 * INVITE, answers it at once (180, then 200 OK with SDP), streams a recording to the caller in
 * G.711 μ-law RTP (`exec rtp_stream`: a person's "Hello?" or a voicemail greeting, chosen by the
 * number dialled), holds the call, then hangs up (BYE). SIPp runs on a port the OS says is free
 * and is stopped by its own PID.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, stopProcess } from '../tests/support/sip-peer.js';
import { pcmuSdp, sippAnswer, sippResponse } from '../tests/support/sipp-peer.js';

export interface LoadScenario {
  /** How long the far end stays on the line after answering, then sends BYE. */
  holdMs: number;
  /** Raw μ-law (PCMU) files: what a person and a voicemail greeting say. */
  personAudio: string;
  machineAudio: string;
  /** Numbers starting with this (e.g. `+1555200`) are answered by the machine's audio, others by the person's. */
  machinePrefix: string;
}

export function loadScenario(s: LoadScenario): string {
  const prefix = s.machinePrefix.replace(/\+/g, '\\+');
  const answer = sippAnswer({ headers: ['Contact: <sip:far@[local_ip]:[local_port]>'], sdp: pcmuSdp('[media_ip]', '[media_port]', ['a=ptime:20']), retransMs: 500 });
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="answer, speak, hold, hang up">
  <recv request="INVITE" rrs="true">
    <action>
      <ereg regexp="^INVITE sip:${prefix}" search_in="msg" check_it="false" assign_to="machine"/>
      <ereg regexp=".*" search_in="hdr" header="From:" check_it="true" assign_to="caller"/>
      <ereg regexp=".*" search_in="hdr" header="To:" check_it="true" assign_to="callee"/>
    </action>
  </recv>
  ${sippResponse('180 Ringing')}${answer}
  <recv request="ACK"/>
  <nop next="machine" test="machine"/>
  <nop><action><exec rtp_stream="${s.personAudio},1,0"/></action></nop>
  <nop next="talk"/>
  <label id="machine"/>
  <nop><action><exec rtp_stream="${s.machineAudio},1,0"/></action></nop>
  <label id="talk"/>
  <pause milliseconds="${s.holdMs}"/>
  <send retrans="500">
    <![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: [$callee];tag=[pid]sipp[call_number]
To: [$caller]
Call-ID: [call_id]
CSeq: 2 BYE
Max-Forwards: 70
Content-Length: 0

    ]]>
  </send>
  <recv response="200"/>
</scenario>`;
}

export class SippLoadPeer {
  private constructor(
    readonly host: string,
    readonly sipPort: number,
    private readonly dir: string,
    private readonly child: ChildProcess,
  ) {}

  /** Starts SIPp with the scenario in `dir` (which the caller owns and removes). */
  static async start(dir: string, scenario: string, host = '127.0.0.3'): Promise<SippLoadPeer> {
    const file = join(dir, 'scenario.xml');
    writeFileSync(file, scenario);
    const sipPort = await freePort(host);
    const mediaPort = await freePort(host);
    const fd = openSync(join(dir, 'sipp.log'), 'w');
    const args = ['-sf', file, '-i', host, '-p', String(sipPort), '-mi', host, '-mp', String(mediaPort), '-nostdin',
      // A caller whose event loop is busy may retransmit its INVITE (timer A, 500 ms) after our 200, and ACK each
      // 200 retransmission: SIPp's default aborts the call on such messages; a phone ignores them.
      '-default_behaviors', 'all,-abortunexp',
      '-trace_err', '-error_file', join(dir, 'errors.log')];
    const child = spawn('sipp', args, { stdio: ['ignore', fd, fd], cwd: dir });
    closeSync(fd);
    await new Promise((r) => setTimeout(r, 500)); // SIPp has no readiness signal; it loads the scenario and binds within this
    if (child.exitCode !== null) throw new Error(`SIPp exited with code ${child.exitCode}: ${readFileSync(join(dir, 'sipp.log'), 'utf8').slice(-1500)}`);
    return new SippLoadPeer(host, sipPort, dir, child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** CPU seconds SIPp has used so far (user + system, all its threads), from /proc. */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  }

  /** Lines SIPp wrote to its error log (unexpected messages, retransmission timeouts). */
  errorLines(): string[] {
    const file = join(this.dir, 'errors.log');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()) : [];
  }

  /** SIGKILL by PID at once, if still running (for a process 'exit' handler, which cannot wait). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    await stopProcess(this.child);
  }
}
