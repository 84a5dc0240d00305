import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWav8k, rms, tone, wavBytes } from '../../src/telephony/adapters/sip/audio.js';
import { bestCorrelation, envelope, toneLevel } from '../support/audio-check.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { BaresipPeer, freePort, sipPeersAvailable, speak } from '../support/sip-peer.js';

/**
 * Issue 8 points 3 and 6 end to end: the real server, started with PACER_CARRIER=sip and a
 * config file, dials through a SIP trunk — one baresip whose lines are the customers — with
 * Pacer's answering-machine detector on the call's own audio. A person who says "Hello?" is
 * connected to the agent's own phone (a second baresip, at the SIP URI her admin set) within
 * 2 seconds of her greeting, with the zip tone first; a voicemail greeting gets the campaign's
 * machine message; a person nobody is free for gets the abandon message, then BYE, and so does
 * one whose agent's phone refuses the call (the agent is set not ready). Everything
 * is driven over the HTTP API, as a supervisor and an agent would.
 */
const available = sipPeersAvailable();

const line = { machine: '+12025550131', person: '+12025550132', abandoned: '+12025550133' };
const PASSWORD = 'agent-password-1';
const TRUNK_SECRET = 'trunk-secret-Zq8v';
const MACHINE_MESSAGE = 'This is Pacer Energy calling about your contract. Please call us back.';
const ABANDON_MESSAGE = 'Sorry, all our advisers are busy. We will call you again.';
const allDay = [{ start: '00:00', end: '24:00' }];
const contactable = { weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay])), defaultTimeZone: 'America/New_York' };

let dir: string;
let customers: BaresipPeer;
let phones: BaresipPeer;
let server: ServerProcess;
/** When the person's "Hello?" ends, from the answer (lead silence and speech, not the file's trailing silence). */
let greetingEndMs: number;

beforeAll(async () => {
  if (!available) return;
  dir = mkdtempSync(join(tmpdir(), 'pacer-sip-dialer-'));
  // The person: 200 ms, "Hello?", then silence, then a steady 300 Hz hum the agent must hear once connected.
  const hello = speak(dir, 'hello', 'Hello?');
  const spoken = readWav8k(hello);
  let last = spoken.length - 1;
  while (last > 0 && Math.abs(spoken[last]!) < 300) last--; // espeak-ng ends its files with silence
  greetingEndMs = 200 + (last / 8000) * 1000;
  writeFileSync(join(dir, 'hum.wav'), wavBytes(tone(300, 30_000, 6000)));
  execFileSync('sox', [hello, join(dir, 'gap.wav'), 'pad', '0.2', '2.5']);
  execFileSync('sox', [join(dir, 'gap.wav'), join(dir, 'hum.wav'), join(dir, 'person.wav')]);
  const greeting = speak(dir, 'greeting', 'Hi, you have reached the voicemail of Alex Morgan. I cannot take your call right now. Please leave your name and number after the tone.');
  execFileSync('sox', [greeting, join(dir, 'voicemail.wav'), 'pad', '0.3', '20']);

  [customers, phones] = await Promise.all([
    BaresipPeer.start('dialer-customers', [
      { user: line.machine, answerAfterMs: 400, audio: join(dir, 'voicemail.wav') },
      { user: line.person, answerAfterMs: 400, audio: join(dir, 'person.wav') },
      { user: line.abandoned, answerAfterMs: 2500, audio: join(dir, 'person.wav') },
    ]),
    BaresipPeer.start('dialer-phones', [{ user: 'olga', autoAnswer: true }], '127.0.0.3'),
  ]);
  const config = join(dir, 'sip.json');
  writeFileSync(
    config,
    JSON.stringify({
      trunk: { host: customers.host, port: customers.sipPort, transport: 'udp' },
      from: { user: '+12025550100', domain: 'pacer.test', displayName: 'Pacer Energy' },
      auth: { username: 'pacer-account' },
      local: { address: '127.0.0.1', sipPort: await freePort('127.0.0.1'), rtpPorts: { min: 26000, max: 26999 } },
      messages: { voice: 'en' }, // the voice speak() uses, so what the customer hears can be matched against it
    }),
  );
  server = await startServerProcess({
    PACER_DATA_DIR: join(dir, 'data'),
    PACER_ADMIN_PASSWORD: 'server-admin-password',
    PACER_CARRIER: 'sip',
    PACER_SIP_CONFIG: config,
    PACER_SIP_PASSWORD: TRUNK_SECRET,
    LOG_LEVEL: 'info',
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all([customers?.stop(), phones?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signIn(login: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function api(cookie: string, method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}/api${url}`, { method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function must(cookie: string, method: string, url: string, body?: unknown): Promise<any> {
  const res = await api(cookie, method, url, body);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, withinMs: number): Promise<T> {
  const end = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${withinMs} ms; last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A list of the given customers (name, phone), imported as the console imports it. */
async function makeList(admin: string, name: string, rows: Array<[string, string]>): Promise<number> {
  const list = await must(admin, 'POST', '/lists', { name, defaultRegion: 'US', defaultTimeZone: 'America/New_York' });
  const form = new FormData();
  form.append('mapping', JSON.stringify({ phones: [{ column: 'phone', type: 'home' }], name: 'name' }));
  form.append('file', new Blob([['name,phone', ...rows.map((r) => r.join(','))].join('\n') + '\n'], { type: 'text/csv' }), 'customers.csv');
  const res = await fetch(`${server.url}/api/lists/${list.id}/imports?wait=true`, { method: 'POST', headers: { cookie: admin }, body: form });
  expect(res.status).toBe(200);
  return list.id as number;
}

/** The audio a line received on its last call (baresip's sndfile recording), once the call is over. */
function lastRecording(peer: BaresipPeer): Int16Array {
  const files = peer.receivedRecordings().sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  return readWav8k(files.at(-1)!);
}

/** How closely the loudness contour of what was heard follows a spoken message (1 = the same; other speech scores about 0.3–0.5). */
function matchesMessage(heard: Int16Array, text: string, name: string): number {
  const said = envelope(readWav8k(speak(dir, name, text)));
  const start = heard.findIndex((s) => Math.abs(s) > 300);
  const got = envelope(heard.subarray(Math.max(0, start - 800)));
  return bestCorrelation(said.slice(0, 100), got);
}

describe.skipIf(!available)('the dialer over a SIP trunk, in the server (T2, D1, D5, D6; issue 8 points 3 and 6)', () => {
  let admin: string;
  let queueId: number;
  let olga: { id: number; cookie: string };

  beforeAll(async () => {
    admin = await signIn('admin@pacer.local', 'server-admin-password');
    queueId = (await must(admin, 'POST', '/queues', { name: 'Renewals' })).id;
    const user = await must(admin, 'POST', '/users', { email: 'olga@example.test', displayName: 'Olga Nowak', role: 'agent', password: PASSWORD, sipUri: phones.uri('olga') });
    await must(admin, 'PUT', `/queues/${queueId}/members/${user.id}`);
    olga = { id: user.id, cookie: await signIn('olga@example.test', PASSWORD) };
  });

  it('T2, issue 8.6: the server says it dials through the configured trunk, and the trunk password is never logged', () => {
    const logs = server.output();
    expect(logs).toContain('"carrier":"sip"');
    expect(logs).toContain(`udp:${customers.host}:${customers.sipPort}`);
    expect(logs).toContain('digest as pacer-account');
    expect(logs).not.toContain(TRUNK_SECRET);
  });

  it('T2, D10: an agent without a phone line cannot go ready — a call could not reach her — and is told how to fix it', async () => {
    const user = await must(admin, 'POST', '/users', { email: 'piotr@example.test', displayName: 'Piotr Lis', role: 'agent', password: PASSWORD });
    await must(admin, 'PUT', `/queues/${queueId}/members/${user.id}`);
    const piotr = await signIn('piotr@example.test', PASSWORD);
    const campaign = await must(admin, 'POST', '/campaigns', { name: 'No phone', mode: 'progressive', queueId, callerId: '+12025550100', listIds: [await makeList(admin, 'Nobody', [['Nobody', '+12025550139']])], regulatoryProfile: 'none', contactableTimes: contactable });
    await must(admin, 'POST', `/campaigns/${campaign.id}/start`);
    await must(piotr, 'POST', `/agent/campaigns/${campaign.id}/join`);
    const refused = await api(piotr, 'POST', '/agent/ready');
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(/Your phone line is not set.*ask an administrator to set your phone line \(SIP URI\) under Users/);
    await must(piotr, 'POST', '/agent/leave');
    await must(admin, 'POST', `/campaigns/${campaign.id}/stop`);
  });

  it('D5, D1, T2: a voicemail greeting gets the campaign’s machine message then BYE; a person who says "Hello?" rings the agent’s phone within 2 s of her greeting, zip tone first, then her voice', async () => {
    const listId = await makeList(admin, 'Renewals', [
      ['Alex Morgan', line.machine],
      ['Zofia Kruk', line.person],
    ]);
    const campaign = await must(admin, 'POST', '/campaigns', {
      name: 'Renewals over SIP',
      mode: 'progressive',
      queueId,
      callerId: '+12025550100',
      listIds: [listId],
      regulatoryProfile: 'none',
      contactableTimes: contactable,
      amd: { onMachine: 'leave_message', message: MACHINE_MESSAGE },
      sortOrder: [{ column: 'name', direction: 'asc' }],
    });
    await must(admin, 'POST', `/campaigns/${campaign.id}/start`);
    await must(olga.cookie, 'POST', `/agent/campaigns/${campaign.id}/join`);
    await must(olga.cookie, 'POST', '/agent/ready');

    // Alex's voicemail answers first (sorted by name): the detector hears a long greeting, the message is left, Pacer hangs up.
    const machineCall = await customers.waitFor((e) => e.user === line.machine && e.type === 'CALL_ESTABLISHED', 10_000);
    await customers.waitFor((e) => e.type === 'CALL_CLOSED' && e.sipCallId === machineCall.sipCallId, 20_000);
    expect(matchesMessage(lastRecording(customers), MACHINE_MESSAGE, 'machine-message')).toBeGreaterThan(0.95);
    expect(phones.events.filter((e) => e.type === 'CALL_ESTABLISHED')).toEqual([]); // the agent never heard the machine

    // Zofia answers and says "Hello?": she is a person, and Olga's phone rings and answers.
    const answered = await customers.waitFor((e) => e.user === line.person && e.type === 'CALL_ESTABLISHED', 10_000);
    const bridged = await phones.waitFor((e) => e.user === 'olga' && e.type === 'CALL_ESTABLISHED', 8_000);
    expect(bridged.atMs - (answered.atMs + greetingEndMs)).toBeLessThan(2000);
    const state = (await must(olga.cookie, 'GET', '/agent/state')) as { state: string; work: { call: { number: string } } };
    expect(state.state).toMatch(/^on_call/);
    expect(state.work.call.number).toBe(line.person);

    // She talks: the hum that follows her "Hello?" (2.5 s of silence later, ~3.5 s after the answer) reaches Olga; hang up 5 s after the answer.
    await new Promise((r) => setTimeout(r, Math.max(0, answered.atMs + 5000 - Date.now())));
    await must(olga.cookie, 'POST', '/agent/not-ready', { reason: 'break' });
    await must(olga.cookie, 'POST', '/agent/hang-up');
    await customers.waitFor((e) => e.type === 'CALL_CLOSED' && e.sipCallId === answered.sipCallId, 3000);
    await phones.waitFor((e) => e.type === 'CALL_CLOSED' && e.sipCallId === bridged.sipCallId, 3000);
    await must(olga.cookie, 'POST', '/agent/wrap-up', { code: 'no_answer' });

    const heard = lastRecording(phones);
    const start = heard.findIndex((s) => Math.abs(s) > 500);
    const zip = heard.subarray(start, start + 1200); // the first 150 ms she hears
    expect(toneLevel(zip, 440)).toBeGreaterThan(10 * toneLevel(zip, 300));
    const later = heard.subarray(heard.length - 8000, heard.length - 1600);
    expect(rms(later)).toBeGreaterThan(1000);
    expect(toneLevel(later, 300)).toBeGreaterThan(10 * toneLevel(later, 440)); // Zofia's line, not the tone
    await must(olga.cookie, 'POST', `/agent/campaigns/${campaign.id}/leave`);
    await must(admin, 'POST', `/campaigns/${campaign.id}/stop`);
  }, 90_000);

  it('D6, T2: a person answers while nobody is free — the campaign’s abandon message is played to her 2 s after her greeting, then BYE, and the call counts as abandoned', async () => {
    const campaign = await must(admin, 'POST', '/campaigns', {
      name: 'Win-back over SIP',
      mode: 'predictive',
      queueId,
      callerId: '+12025550100',
      listIds: [await makeList(admin, 'Win-back', [['Ewa Mróz', line.abandoned]])],
      regulatoryProfile: 'none',
      contactableTimes: contactable,
      amd: { onMachine: 'hang_up_retry' },
      abandonMessage: ABANDON_MESSAGE,
    });
    await must(admin, 'POST', `/campaigns/${campaign.id}/start`);
    await must(olga.cookie, 'POST', `/agent/campaigns/${campaign.id}/join`);
    await must(olga.cookie, 'POST', '/agent/ready');
    // The dialer calls Ewa for her; while it rings, Olga takes a break.
    const incoming = await customers.waitFor((e) => e.user === line.abandoned && e.type === 'CALL_INCOMING', 10_000);
    await must(olga.cookie, 'POST', '/agent/not-ready', { reason: 'break' });
    const answered = await customers.waitFor((e) => e.type === 'CALL_ESTABLISHED' && e.sipCallId === incoming.sipCallId, 5000);
    const closed = await customers.waitFor((e) => e.type === 'CALL_CLOSED' && e.sipCallId === incoming.sipCallId, 20_000);
    expect(closed.atMs - answered.atMs).toBeGreaterThan(3000); // her greeting, waiting for an agent, the message
    const heard = lastRecording(customers);
    expect(matchesMessage(heard, ABANDON_MESSAGE, 'abandon-message')).toBeGreaterThan(0.95);
    // The law's 2 seconds run from her completed greeting, not from the detector's decision half a
    // second later: the message starts about 2 s after her "Hello?" ended (2.5 s before that was so).
    // Her line records from the first audio it receives, the message, to the BYE.
    const messageAtMs = closed.atMs - answered.atMs - (heard.length / 8000) * 1000;
    expect(messageAtMs - greetingEndMs).toBeGreaterThan(1700);
    expect(messageAtMs - greetingEndMs).toBeLessThan(2300);
    expect(phones.events.filter((e) => e.type === 'CALL_ESTABLISHED')).toHaveLength(1); // only Zofia's call ever reached Olga
    const rate = await until('the abandoned call counted', () => must(admin, 'GET', `/campaigns/${campaign.id}/abandon-rate`), (r: any) => r.us.liveAnswers === 1, 5000);
    expect(rate.us).toMatchObject({ abandoned: 1, liveAnswers: 1 });
    await must(olga.cookie, 'POST', '/agent/leave');
    await must(admin, 'POST', `/campaigns/${campaign.id}/stop`);
  }, 60_000);

  it('D6, T2: an agent whose phone does not take the call is set not ready, saying why, and the person nobody else can take gets the abandon message — a recording the supervisor uploaded', async () => {
    // Marek's line is a user the phones' baresip does not have: it refuses the call.
    const user = await must(admin, 'POST', '/users', { email: 'marek@example.test', displayName: 'Marek Wolny', role: 'agent', password: PASSWORD, sipUri: phones.uri('marek') });
    await must(admin, 'PUT', `/queues/${queueId}/members/${user.id}`);
    const marek = await signIn('marek@example.test', PASSWORD);
    // The abandon message is a recording the supervisor uploaded (kept in the database, fetched by the dialer when the campaign loads).
    const form = new FormData();
    form.append('file', new Blob([readFileSync(speak(dir, 'recorded-abandon', ABANDON_MESSAGE))], { type: 'audio/wav' }), 'Sorry busy.wav');
    const uploaded = await fetch(`${server.url}/api/recordings`, { method: 'POST', headers: { cookie: admin }, body: form });
    expect(uploaded.status).toBe(201);
    expect(((await uploaded.json()) as { name: string }).name).toBe('Sorry busy.wav');
    const campaign = await must(admin, 'POST', '/campaigns', {
      name: 'Broken phone over SIP',
      mode: 'power',
      linesPerAgent: 1,
      queueId,
      callerId: '+12025550100',
      listIds: [await makeList(admin, 'Broken phone', [['Zofia Kruk', line.person]])],
      regulatoryProfile: 'none',
      contactableTimes: contactable,
      amd: { onMachine: 'hang_up_retry' },
      abandonMessage: 'Sorry busy.wav',
    });
    const before = new Set(customers.events.map((e) => e.sipCallId));
    await must(admin, 'POST', `/campaigns/${campaign.id}/start`);
    await must(marek, 'POST', `/agent/campaigns/${campaign.id}/join`);
    await must(marek, 'POST', '/agent/ready');
    const answered = await customers.waitFor((e) => e.user === line.person && e.type === 'CALL_ESTABLISHED' && !before.has(e.sipCallId), 10_000);
    await customers.waitFor((e) => e.type === 'CALL_CLOSED' && e.sipCallId === answered.sipCallId, 20_000);
    expect(matchesMessage(lastRecording(customers), ABANDON_MESSAGE, 'abandon-message')).toBeGreaterThan(0.95);
    const state = (await must(marek, 'GET', '/agent/state')) as { state: string; reason: string };
    expect(state).toMatchObject({ state: 'not_ready', reason: 'phone_line' }); // the next call would fail the same way
    const logged = server.output().split('\n').find((l) => l.includes("the agent's phone did not take the call"));
    expect(logged).toMatch(/line \(sip:marek@[^)]+\) did not answer: 404/); // the log says whose line, and what it answered
    const rate = await until('the abandoned call counted', () => must(admin, 'GET', `/campaigns/${campaign.id}/abandon-rate`), (r: any) => r.us.liveAnswers === 1, 5000);
    expect(rate.us).toMatchObject({ abandoned: 1, liveAnswers: 1 });
    await must(marek, 'POST', '/agent/leave');
    await must(admin, 'POST', `/campaigns/${campaign.id}/stop`);
  }, 60_000);
});
