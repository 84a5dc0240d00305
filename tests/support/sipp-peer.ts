import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess } from './sip-peer.js';

/**
 * SIPp (Debian `sip-tester`) as a scripted trunk, for what baresip cannot do: reject a call with
 * a chosen final status (the status is the number dialled: `+1503…` → 503), and challenge the
 * INVITE for digest authentication. The scenarios are written here; SIPp runs them as a UAS on
 * a port the OS says is free, and is stopped by its own PID.
 */
/** A response to the last request, without a body; `extra` is header lines, each ending in a newline. */
export const sippResponse = (status: string, extra = ''): string => `
  <send>
    <![CDATA[
SIP/2.0 ${status}
[last_Via:]
[last_From:]
[last_To:];tag=[pid]sipp[call_number]
[last_Call-ID:]
[last_CSeq:]
${extra}Content-Length: 0

    ]]>
  </send>`;

/** Rings (180), then answers the final status given by the first three digits after a `+1`. */
export function rejectScenario(statuses: readonly number[]): string {
  const matches = statuses.map((s) => `<ereg regexp="^INVITE sip:\\+1${s}" search_in="msg" check_it="false" assign_to="c${s}"/>`).join('\n      ');
  const jumps = statuses.map((s) => `<nop next="r${s}" test="c${s}"/>`).join('\n  ');
  const branches = statuses.map((s) => `<label id="r${s}"/>${sippResponse(`${s} Scripted by SIPp`)}\n  <recv request="ACK" next="end"/>`).join('\n  ');
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="reject with a status chosen by the number">
  <recv request="INVITE">
    <action>
      ${matches}
    </action>
  </recv>
  ${sippResponse('180 Ringing')}
  <pause milliseconds="100"/>
  ${jumps}
  ${sippResponse('500 Unknown scripted status')}
  <recv request="ACK" next="end"/>
  ${branches}
  <label id="end"/>
  <nop/>
</scenario>`;
}

/** Challenges the INVITE with 401; a correctly signed retry is busy (486), a wrong one forbidden (403). */
export function digestScenario(user: string, password: string, realm: string): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="digest challenge">
  <recv request="INVITE"/>
  ${sippResponse('401 Unauthorized', `WWW-Authenticate: Digest realm="${realm}", nonce="n[call_number]x[pid]", algorithm=MD5\n`)}
  <recv request="ACK"/>
  <recv request="INVITE">
    <action>
      <verifyauth assign_to="authvalid" username="${user}" password="${password}"/>
    </action>
  </recv>
  <nop next="good" test="authvalid"/>
  ${sippResponse('403 Forbidden')}
  <recv request="ACK" next="end"/>
  <label id="good"/>
  ${sippResponse('180 Ringing')}
  <pause milliseconds="100"/>
  ${sippResponse('486 Busy Here')}
  <recv request="ACK"/>
  <label id="end"/>
  <nop/>
</scenario>`;
}

/**
 * SDP offering G.711 μ-law (PCMU) only, at `ip` and `port` (SIPp keywords such as `[media_ip]`
 * work), with any further attribute lines.
 */
export function pcmuSdp(ip: string, port: string | number, attributes: readonly string[] = []): string {
  return ['v=0', `o=- 1 1 IN IP4 ${ip}`, 's=-', `c=IN IP4 ${ip}`, 't=0 0', `m=audio ${port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', ...attributes, ''].join('\n');
}

/**
 * The 200 OK answering the INVITE, with `sdp` as its body: `headers` (Contact, Record-Route…)
 * come before the body's own; `retransMs` has SIPp resend it over UDP until the ACK comes.
 */
export function sippAnswer(o: { headers: readonly string[]; sdp: string; retransMs?: number }): string {
  return `
  <send${o.retransMs === undefined ? '' : ` retrans="${o.retransMs}"`}>
    <![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=[pid]sipp[call_number]
[last_Call-ID:]
[last_CSeq:]
${o.headers.map((h) => `${h}\n`).join('')}Content-Type: application/sdp
Content-Length: [len]

${o.sdp}
    ]]>
  </send>`;
}

/**
 * Answers like a phone behind two record-routing proxies: the 200 carries Record-Route (itself,
 * then a proxy nearer the phone) and a Contact nobody listens on, so ACK and BYE reach SIPp only
 * if the caller follows the route set.
 */
export function recordRouteScenario(): string {
  const answer = sippAnswer({
    headers: ['Record-Route: <sip:proxy-near-phone.invalid;lr>, <sip:[local_ip]:[local_port];lr>', 'Contact: <sip:phone@127.0.0.5:5999>'],
    sdp: pcmuSdp('[local_ip]', 6000),
  });
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="answer through a record-routed path">
  <recv request="INVITE"/>
  ${sippResponse('180 Ringing')}${answer}
  <recv request="ACK"/>
  <recv request="BYE"/>
  ${sippResponse('200 OK')}
</scenario>`;
}

export class SippPeer {
  private constructor(
    readonly host: string,
    readonly sipPort: number,
    private readonly dir: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(name: string, scenario: string, host = '127.0.0.3'): Promise<SippPeer> {
    const dir = mkdtempSync(join(tmpdir(), `pacer-sipp-${name}-`));
    const file = join(dir, 'scenario.xml');
    writeFileSync(file, scenario);
    const port = await freePort(host);
    const log = join(dir, 'sipp.log');
    const fd = openSync(log, 'w');
    const child = spawn('sipp', ['-sf', file, '-i', host, '-p', String(port), '-nostdin', '-trace_err', '-error_file', join(dir, 'errors.log')], { stdio: ['ignore', fd, fd], cwd: dir });
    closeSync(fd);
    await new Promise((r) => setTimeout(r, 300)); // SIPp has no readiness signal; it loads the scenario and binds within this
    if (child.exitCode !== null) {
      const why = readFileSync(log, 'utf8').slice(-1500);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`SIPp (${name}) exited with code ${child.exitCode}: ${why}`);
    }
    return new SippPeer(host, port, dir, child);
  }

  async stop(): Promise<void> {
    await stopProcess(this.child);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
