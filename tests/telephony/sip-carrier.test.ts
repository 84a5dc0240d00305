import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AmdFrameDecision } from '../../src/telephony/amd/create-amd-detector.js';
import { RealTimers } from '../../src/engine/real-time.js';
import { seededRandom } from '../../src/engine/random.js';
import { systemClock } from '../../src/shared/clock.js';
import { readWav8k, rms } from '../../src/telephony/adapters/sip/audio.js';
import { type FrameDetector, SipCarrier, type SipCarrierDeps } from '../../src/telephony/adapters/sip/sip-carrier.js';
import type { SipCarrierConfigInput } from '../../src/telephony/adapters/sip/sip-config.js';
import sip, { type SipRequest, type SipResponse } from 'sip';
import type { CarrierEvent, CarrierEventType, PlaceCallRequest } from '../../src/telephony/carrier.js';
import { bestCorrelation, concat, envelope, toneLevel } from '../support/audio-check.js';
import { BaresipPeer, freePort, sipPeersAvailable, speak, withSilence } from '../support/sip-peer.js';
import { SippPeer, digestScenario, recordRouteScenario, rejectScenario } from '../support/sipp-peer.js';

/**
 * The SIP carrier (T2) against real SIP software on loopback (issue 8 point 4): the far ends a
 * dialer meets — a person, a voicemail greeting, busy, no answer, a contact who hangs up first —
 * and an agent's phone that receives the bridged call, all baresip; SIPp for the final statuses
 * baresip cannot send and for a trunk that asks for digest authentication.
 */
const available = sipPeersAvailable();

const line = { person: '+12025550111', voicemail: '+12025550112', busy: '+12025550113', never: '+12025550114', hangsUp: '+12025550115', message: '+12025550116' };
const STATUSES = [403, 404, 408, 480, 484, 486, 487, 503, 600, 604] as const;

let customers: BaresipPeer;
let agents: BaresipPeer;
let rejecter: SippPeer;
let authTrunk: SippPeer;
let routed: SippPeer;
let dir: string;
let greetingFile: string;
let message: Int16Array;

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'pacer-sip-'));
  greetingFile = speak(dir, 'greeting', 'Hello. You have reached the voicemail of Alex Morgan. I am away from my desk. Please leave your name and number after the tone.');
  message = readWav8k(speak(dir, 'message', 'This is Pacer. Please call us back.'));
  [customers, agents, rejecter, authTrunk, routed] = await Promise.all([
    BaresipPeer.start('issue4-customers', [
      { user: line.person, answerAfterMs: 300 },
      { user: line.voicemail, answerAfterMs: 500, audio: withSilence(dir, 'greeting-padded', greetingFile, 20_000) },
      { user: line.busy, rejectAfterMs: 300 },
      { user: line.never },
      { user: line.hangsUp, answerAfterMs: 200, hangUpAfterMs: 800 },
      { user: line.message, answerAfterMs: 200 },
    ]),
    BaresipPeer.start('issue4-agents', [{ user: 'agent5', autoAnswer: true }, { user: 'agent9' }]), // agent 9's phone rings and is never picked up
    SippPeer.start('reject', rejectScenario(STATUSES)),
    SippPeer.start('digest', digestScenario('pacer', 's3cret', 'pacer.test')),
    SippPeer.start('record-route', recordRouteScenario()),
  ]);
});

afterAll(async () => {
  await Promise.all([customers?.stop(), agents?.stop(), rejecter?.stop(), authTrunk?.stop(), routed?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Placed {
  events: CarrierEvent[];
  frames: Int16Array[];
  hangUp(): void;
  call: ReturnType<SipCarrier['placeCall']>;
  until(type: CarrierEventType, withinMs: number): Promise<CarrierEvent>;
}

const open: Array<{ carrier: SipCarrier; timers: RealTimers }> = [];
afterEach(async () => {
  for (const { carrier, timers } of open.splice(0)) {
    await carrier.close();
    timers.close();
  }
});

let seeds = 0;
const sent: Array<{ method: string; protocol: string; address: string; port: number; message: SipRequest }> = [];
const received: SipResponse[] = [];
async function carrierTo(trunk: { host: string; sipPort: number }, over: Partial<SipCarrierConfigInput> = {}, deps: Partial<SipCarrierDeps> = {}) {
  const timers = new RealTimers(systemClock);
  const frames = new Map<string, Int16Array[]>();
  const carrier = await SipCarrier.start(
    {
      clock: systemClock,
      timers,
      random: seededRandom(`sip-carrier-${++seeds}`),
      agentUri: (agentId) => agents.uri(`agent${agentId}`),
      messageAudio: () => message,
      onAudio: (callId, frame) => frames.get(callId)?.push(frame),
      trace: (direction, m, remote) => {
        if (direction === 'sent' && 'method' in m) sent.push({ method: m.method, protocol: remote.protocol, address: remote.address, port: remote.port, message: structuredClone(m) });
        if (direction === 'received' && 'status' in m) received.push(m);
      },
      ...deps,
    },
    {
      trunk: { host: trunk.host, port: trunk.sipPort },
      from: { user: '+12025550199', domain: 'pacer.test' },
      local: { address: '127.0.0.1', sipPort: await freePort('127.0.0.1'), rtpPorts: { min: 30000, max: 39999 } },
      ...over,
    },
  );
  open.push({ carrier, timers });
  let n = 0;
  const place = (to: string, request: Partial<PlaceCallRequest> = {}): Placed => {
    const callId = `sip-${seeds}-${++n}`;
    const events: CarrierEvent[] = [];
    const heard: Int16Array[] = [];
    frames.set(callId, heard);
    const call = carrier.placeCall({ callId, to, callerId: null, ringTimeoutSeconds: 5, detectMachine: false, ...request }, (e) => events.push(e));
    return {
      events,
      frames: heard,
      call,
      hangUp: () => call.hangUp(),
      until: async (type, withinMs) => {
        const end = Date.now() + withinMs;
        for (;;) {
          const found = events.find((e) => e.type === type);
          if (found) return found;
          if (Date.now() > end) throw new Error(`no "${type}" within ${withinMs} ms; got ${JSON.stringify(events.map(({ type: t, ...rest }) => ({ t, ...rest })))}`);
          await sleep(20);
        }
      },
    };
  };
  return { carrier, place };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const types = (p: Placed) => p.events.map((e) => e.type);

describe.skipIf(!available)('SIP carrier against baresip and SIPp (T2, issue 8)', () => {
  for (const transport of ['udp', 'tcp'] as const) {
    it(`T2 a person answers (${transport}): ringing, answered, and their voice reaches the answered-call audio seam`, async () => {
      const { place } = await carrierTo(customers, { trunk: { host: customers.host, port: customers.sipPort, transport } });
      const before = sent.length;
      const p = place(line.person);
      await p.until('answered', 3000);
      expect(types(p)).toEqual(['ringing', 'answered']);
      await sleep(1000);
      const heard = concat(p.frames);
      expect(heard.length).toBeGreaterThan(8000 * 0.7); // at least 0.7 s of the 1 s since answering
      expect(p.frames.every((f) => f.length === 160)).toBe(true);
      expect(toneLevel(heard, 300)).toBeGreaterThan(10 * toneLevel(heard, 1000)); // baresip's "voice" is a 300 Hz tone
      expect(sent.slice(before).find((m) => m.method === 'INVITE')?.protocol.toLowerCase()).toBe(transport);
      p.hangUp();
      expect(await p.until('ended', 1000)).toMatchObject({ cause: 'local_hang_up' });
      const incoming = customers.eventsFor(line.person).at(-1)!;
      await customers.waitFor((e) => e.type === 'CALL_CLOSED' && e.sipCallId === incoming.sipCallId, 2000); // the BYE reached the phone
    });
  }

  it('T2 a voicemail answers with a spoken greeting: the audio seam hears that greeting (what the detector will classify)', async () => {
    const { place } = await carrierTo(customers);
    const p = place(line.voicemail, { detectMachine: true });
    await p.until('answered', 3000);
    // No detector is plugged in: the decision is `unknown` at once, and the engine treats it as a person.
    expect(await p.until('amd', 500)).toMatchObject({ decision: 'unknown', decisionMs: 0 });
    await sleep(3000);
    const heard = envelope(concat(p.frames)).slice(5, 130); // 2.5 s of it
    const greeting = envelope(readWav8k(greetingFile));
    expect(Math.max(...heard)).toBeGreaterThan(500); // speech, not silence
    expect(bestCorrelation(heard, greeting)).toBeGreaterThan(0.95); // and it is the greeting that was played
    p.hangUp();
    await p.until('ended', 1000);
  });

  it('T2 a busy line (baresip refuses with 486) ends busy without an answer', async () => {
    const { place } = await carrierTo(customers);
    const p = place(line.busy);
    expect(await p.until('ended', 3000)).toMatchObject({ cause: 'busy', detail: expect.stringContaining('486') });
    expect(types(p)).toEqual(['ringing', 'ended']);
  });

  it('T2 a line that never answers rings for the whole ring timeout, then the carrier CANCELs it: no_answer', async () => {
    const { place } = await carrierTo(customers);
    const started = Date.now();
    const p = place(line.never, { ringTimeoutSeconds: 1.5 });
    const ended = await p.until('ended', 3000);
    expect(ended).toMatchObject({ cause: 'no_answer' });
    expect(ended.at.getTime() - started).toBeGreaterThanOrEqual(1500 - 1);
    expect(types(p)).toEqual(['ringing', 'ended']);
    const incoming = customers.eventsFor(line.never).at(-1)!;
    await customers.waitFor((e) => e.type === 'CALL_CLOSED' && e.sipCallId === incoming.sipCallId, 2000); // the phone stopped ringing
  });

  it('T2 a contact who hangs up first (BYE from the phone) ends the call remote_hang_up', async () => {
    const { carrier, place } = await carrierTo(customers);
    const p = place(line.hangsUp);
    await p.until('answered', 3000);
    expect(await p.until('ended', 3000)).toMatchObject({ cause: 'remote_hang_up' });
    expect(carrier.liveCalls).toBe(0);
  });

  it('D1 T2 bridging rings the agent’s phone, which hears the zip tone and then the contact; hold and resume are re-INVITEs', async () => {
    const { place } = await carrierTo(customers);
    const p = place(line.person);
    await p.until('answered', 3000);
    p.call.bridge(5);
    expect(await p.until('bridged', 2000)).toMatchObject({ agentId: 5 });
    const ringing = await agents.waitFor((e) => e.user === 'agent5' && e.type === 'CALL_ESTABLISHED', 2000);
    // The agent's phone is asked to answer by itself, as desk phones and softphones do on Call-Info answer-after=0.
    const toAgent = sent.filter((m) => m.method === 'INVITE' && m.message.uri === agents.uri('agent5')).at(-1);
    expect(toAgent?.message.headers['call-info']).toMatch(/^<sip:pacer@127\.0\.0\.1:\d+>;answer-after=0$/);
    await sleep(1200);
    const reinvitesBefore = customers.events.filter((e) => e.type === 'CALL_REMOTE_SDP').length;
    p.call.hold();
    await p.until('held', 2000);
    p.call.resume();
    await p.until('resumed', 2000);
    expect(customers.events.filter((e) => e.type === 'CALL_REMOTE_SDP').length).toBe(reinvitesBefore + 2);
    p.hangUp();
    await p.until('ended', 1000);
    await agents.waitFor((e) => e.type === 'CALL_CLOSED' && e.sipCallId === ringing.sipCallId, 2000); // the agent's leg is hung up too
    await sleep(200);
    const recordings = agents.receivedRecordings().map((f) => readWav8k(f)).filter((r) => r.length > 0);
    expect(recordings).toHaveLength(1);
    const heard = recordings[0]!;
    const start = heard.findIndex((s) => Math.abs(s) > 500);
    const zip = heard.subarray(start, start + 1200); // the first 150 ms of sound
    expect(toneLevel(zip, 440)).toBeGreaterThan(10 * toneLevel(zip, 300));
    const contact = heard.subarray(start + 4000, start + 8000); // 0.5 s to 1 s after the tone started
    expect(rms(contact)).toBeGreaterThan(1000);
    expect(toneLevel(contact, 300)).toBeGreaterThan(10 * toneLevel(contact, 440));
  });

  it('D1 D6 T2 an agent phone that does not pick up the bridge fails it, saying why, and stops ringing; the contact stays on the line for another agent', async () => {
    const { place } = await carrierTo(customers, { agentAnswerTimeoutMs: 1000 });
    const p = place(line.person);
    await p.until('answered', 3000);
    p.call.bridge(9);
    expect(await p.until('bridge_failed', 3000)).toMatchObject({ agentId: 9, reason: expect.stringMatching(/agent 9's line .* did not answer within 1000 ms/) });
    const ringing = agents.eventsFor('agent9').at(-1)!;
    await agents.waitFor((e) => e.type === 'CALL_CLOSED' && e.sipCallId === ringing.sipCallId, 2000); // CANCEL reached the agent's phone
    expect(types(p)).toEqual(['ringing', 'answered', 'bridge_failed']); // still up
    p.call.playMessage('Please call us back.', { hangUpAfter: true }); // what the engine does when no other agent is free (D6)
    await p.until('message_played', 8000);
    expect(await p.until('ended', 1000)).toMatchObject({ cause: 'local_hang_up' });
  });

  it('D5 T2 a played message reaches the contact and the carrier hangs up after it', async () => {
    const { place } = await carrierTo(customers);
    const p = place(line.message);
    await p.until('answered', 3000);
    const started = Date.now();
    p.call.playMessage('Please call us back.', { hangUpAfter: true });
    await p.until('message_played', 5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual((message.length / 8000) * 1000 - 100); // played in real time
    expect(await p.until('ended', 1000)).toMatchObject({ cause: 'local_hang_up' });
    const incoming = customers.eventsFor(line.message).at(-1)!;
    await customers.waitFor((e) => e.type === 'CALL_CLOSED' && e.sipCallId === incoming.sipCallId, 2000);
  });

  it('D5 D6 T2 a detector plugged into the seam is fed the answer’s frames and its decision is reported with the time it took and when the greeting ended', async () => {
    let fed = 0;
    // Decides after 0.5 s of audio, the greeting having ended 0.3 s before.
    const detector = (): FrameDetector => ({ push: (): AmdFrameDecision | null => (++fed >= 25 ? { decision: 'machine', afterGreetingMs: 300 } : null) });
    const { place } = await carrierTo(customers, {}, { detector });
    const p = place(line.voicemail, { detectMachine: true });
    const amd = await p.until('amd', 4000);
    expect(amd).toMatchObject({ decision: 'machine', afterGreetingMs: 300 });
    expect((amd as Extract<CarrierEvent, { type: 'amd' }>).decisionMs).toBeGreaterThanOrEqual(400);
    expect(types(p)).toEqual(['ringing', 'answered', 'amd']);
    p.hangUp();
    await p.until('ended', 1000);
  });

  it('T2 every final status is mapped: 486/600 busy, 404/484/604 bad number, 408/480/487 no answer, 503 and others failed', async () => {
    const expected: Record<(typeof STATUSES)[number], string> = { 403: 'failed', 404: 'bad_number', 408: 'no_answer', 480: 'no_answer', 484: 'bad_number', 486: 'busy', 487: 'no_answer', 503: 'failed', 600: 'busy', 604: 'bad_number' };
    const { place } = await carrierTo(rejecter);
    const placed = STATUSES.map((status) => ({ status, p: place(`+1${status}5550100`) }));
    for (const { status, p } of placed) {
      expect(await p.until('ended', 3000), `status ${status}`).toMatchObject({ cause: expected[status], detail: `${status} Scripted by SIPp` });
      expect(types(p)).toEqual(['ringing', 'ended']);
    }
  });

  it('T2 a trunk that challenges (401) gets the INVITE again with digest credentials; wrong or missing credentials fail clearly', async () => {
    const right = await carrierTo(authTrunk, { auth: { username: 'pacer', password: 's3cret' } });
    const ok = right.place('+12025550177');
    expect(await ok.until('ended', 3000)).toMatchObject({ cause: 'busy' }); // SIPp answers 486 only to a correctly signed INVITE
    const wrong = await carrierTo(authTrunk, { auth: { username: 'pacer', password: 'wrong' } });
    const refused = wrong.place('+12025550178');
    expect(await refused.until('ended', 3000)).toMatchObject({ cause: 'failed', detail: '403 Forbidden' });
    const none = await carrierTo(authTrunk);
    const unsigned = none.place('+12025550179');
    expect(await unsigned.until('ended', 3000)).toMatchObject({ cause: 'failed', detail: '401 Unauthorized' });
  });

  it('T2 a trunk that cannot be reached over TCP fails at once (503), without ringing', async () => {
    const closedPort = await freePort('127.0.0.4');
    const { place } = await carrierTo({ host: '127.0.0.4', sipPort: closedPort }, { trunk: { host: '127.0.0.4', port: closedPort, transport: 'tcp' } });
    const p = place('+12025550188');
    expect(await p.until('ended', 3000)).toMatchObject({ cause: 'failed', detail: expect.stringContaining('503') });
    expect(types(p)).toEqual(['ended']);
  });

  it('T2 in-dialog requests follow the route set from Record-Route (ACK and BYE go via the first proxy to the Contact)', async () => {
    const { place } = await carrierTo(routed);
    const p = place('+12025550166');
    await p.until('answered', 3000);
    p.hangUp();
    await p.until('ended', 1000);
    const sipCallId = sent.filter((m) => m.method === 'INVITE').at(-1)!.message.headers['call-id'];
    const byeOk = async () => {
      for (let i = 0; i < 50 && !received.some((r) => r.headers['call-id'] === sipCallId && r.headers.cseq.method === 'BYE' && r.status === 200); i++) await sleep(20);
    };
    await byeOk();
    expect(received.some((r) => r.headers['call-id'] === sipCallId && r.headers.cseq.method === 'BYE' && r.status === 200)).toBe(true); // SIPp got it
    for (const method of ['ACK', 'BYE']) {
      const m = sent.find((s) => s.method === method && s.message.headers['call-id'] === sipCallId)!;
      expect(m.message.uri).toBe('sip:phone@127.0.0.5:5999');
      expect({ address: m.address, port: m.port }).toEqual({ address: routed.host, port: routed.sipPort });
      expect(m.message.headers.route?.map((r) => (typeof r.uri === 'string' ? r.uri : sip.stringifyUri(r.uri)))).toEqual([`sip:${routed.host}:${routed.sipPort};lr`, 'sip:proxy-near-phone.invalid;lr']);
    }
  });

  it('T2 a SIP port already in use is refused with a clear error, not a crash', async () => {
    const busy = createSocket('udp4');
    await new Promise<void>((resolve) => busy.bind(0, '127.0.0.1', () => resolve()));
    const port = busy.address().port;
    try {
      const starting = SipCarrier.start(
        { clock: systemClock, timers: new RealTimers(systemClock), random: seededRandom('busy-port'), agentUri: () => 'sip:agent@127.0.0.9', messageAudio: () => message },
        { trunk: { host: '127.0.0.9' }, from: { user: 'x', domain: 'pacer.test' }, local: { address: '127.0.0.1', sipPort: port } },
      );
      await expect(starting).rejects.toMatchObject({ code: 'invalid_state', message: expect.stringContaining(`SIP port 127.0.0.1:${port}/udp is in use`) });
    } finally {
      busy.close();
    }
  });
});
