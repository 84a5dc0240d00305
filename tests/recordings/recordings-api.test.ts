import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeQueue } from '../campaigns/helpers.js';
import { multipartBody } from '../lists/support.js';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { soxInstalled, toneWav } from '../support/recordings.js';
import { availableEngines } from '../support/storage.js';

/**
 * D5, D6, T2: recorded messages — uploaded by supervisors (any common audio format, kept as the
 * 8 kHz mono a phone line carries), listed with who plays them, heard as WAV, named by
 * campaigns' abandon and machine messages. Needs sox, as the server does (CI installs it).
 */

describe.skipIf(!soxInstalled()).each(await availableEngines())('recorded messages (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let supervisor: Session;
  let queueId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
    supervisor = await t.signInAs('supervisor');
    queueId = await makeQueue(t, 'Recordings');
  });
  afterAll(() => t?.close());

  async function upload(who: Session, file: Buffer | undefined, fileName: string, name?: string) {
    const { body, contentType } = multipartBody({ name }, file, fileName);
    const res = await t.app.inject({ method: 'POST', url: '/api/recordings', headers: { cookie: who.cookie, 'content-type': contentType }, payload: body });
    return { status: res.statusCode, json: res.json() };
  }
  const problems = (json: any): string[] => (json.error.details ?? []).map((d: any) => `${d.path}: ${d.problem}`);

  it('D6, T2: a supervisor uploads a CD-quality stereo WAV; it is kept as 8 kHz mono, named after the file, listed with its length, and heard back as WAV', async () => {
    const res = await upload(supervisor, toneWav(1.5), 'Sorry (EN).wav');
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: 'Sorry EN.wav', usedBy: [] });
    expect(res.json.durationMs).toBeGreaterThanOrEqual(1480);
    expect(res.json.durationMs).toBeLessThanOrEqual(1520);
    expect((await supervisor.call('GET', '/api/recordings')).json.map((r: any) => r.name)).toContain('Sorry EN.wav');

    const audio = await t.app.inject({ method: 'GET', url: `/api/recordings/${res.json.id}/audio`, headers: { cookie: supervisor.cookie } });
    expect(audio.statusCode).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/wav');
    const wav = audio.rawPayload;
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt16LE(22)).toBe(1); // mono
    expect(wav.readUInt32LE(24)).toBe(8000); // what a phone line carries
    expect(wav.readUInt16LE(34)).toBe(16);
    const samples = (wav.length - 44) / 2;
    expect(samples).toBeGreaterThanOrEqual(8000 * 1.48);
    let peak = 0;
    for (let i = 44; i < wav.length; i += 2) peak = Math.max(peak, Math.abs(wav.readInt16LE(i)));
    expect(peak).toBeGreaterThan(5000); // the tone, not silence
  });

  it('D6, A1: what is not a usable recording is refused, naming the field and how to fix it, and nothing is stored; agents cannot upload', async () => {
    const before = (await admin.call('GET', '/api/recordings')).json.length;
    const text = await upload(admin, Buffer.from('name,phone\nAnna,+48221234567\n'), 'contacts.wav');
    expect(text.status).toBe(400);
    expect(problems(text.json)).toEqual([expect.stringMatching(/^file: This is not a WAV, FLAC, OGG or AIFF audio file\. Export the recording/)]);
    const broken = await upload(admin, toneWav(1).subarray(0, 30), 'cut.wav');
    expect(broken.status).toBe(400);
    expect(problems(broken.json)[0]).toMatch(/^file: /);
    const silent = await upload(admin, toneWav(2, 8000, 1, 0), 'silence.wav');
    expect(problems(silent.json)).toEqual([expect.stringMatching(/^file: The recording is silent/)]);
    const short = await upload(admin, toneWav(0.1, 8000, 1), 'blip.wav');
    expect(problems(short.json)).toEqual([expect.stringMatching(/^file: The recording lasts 100 ms; a message needs at least 0\.3 s/)]);
    const long = await upload(admin, toneWav(121, 8000, 1), 'speech.wav');
    expect(problems(long.json)).toEqual([expect.stringMatching(/^file: The recording lasts 121\.0 s; a message may last at most 120 s/)]);
    const badName = await upload(admin, toneWav(1), 'x.wav', 'sorry.mp3');
    expect(problems(badName.json)).toEqual([expect.stringMatching(/^name: "sorry\.mp3" is not a recording name: .* ending in \.wav/)]);
    const none = await upload(admin, undefined, 'x.wav', 'nothing.wav');
    expect(none.status).toBe(400);
    expect(problems(none.json)).toEqual(['file: Choose an audio file to upload.']);
    const agent = await t.signInAs('agent');
    expect((await upload(agent, toneWav(1), 'mine.wav')).status).toBe(403);
    expect((await agent.call('GET', '/api/recordings')).status).toBe(403);
    expect((await admin.call('GET', '/api/recordings')).json.length).toBe(before);
  });

  it('D6: a second recording with a name already taken (any case) is refused with 409 on the name', async () => {
    expect((await upload(admin, toneWav(1), 'welcome.wav')).status).toBe(201);
    const again = await upload(supervisor, toneWav(1), 'x.wav', 'WELCOME.wav');
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'conflict', details: { field: 'name' } });
    expect(again.json.error.message).toMatch(/A recording named "WELCOME\.wav" already exists/);
  });

  it('D5, D6: a campaign message naming a recording must name an uploaded one; one a campaign plays lists the campaign and cannot be deleted until the campaign stops naming it', async () => {
    const made = await upload(admin, toneWav(2), 'busy.wav');
    const create = (body: Record<string, unknown>) => admin.call('POST', '/api/campaigns', { name: `Win-back ${Math.random()}`, queueId, mode: 'predictive', ...body });
    const typo = await create({ abandonMessage: 'bussy.wav', amd: { onMachine: 'leave_message', message: 'gone.wav' } });
    expect(typo.status).toBe(400);
    expect(problems(typo.json)).toEqual([
      'abandonMessage: There is no recording named "bussy.wav": upload it under Recordings first, or write the message as text to be spoken.',
      'amd.message: There is no recording named "gone.wav": upload it under Recordings first, or write the message as text to be spoken.',
    ]);
    const campaign = await create({ name: 'Win-back', abandonMessage: 'Busy.wav', amd: { onMachine: 'leave_message', message: 'Please call us back.' } });
    expect(campaign.status).toBe(201);
    const listed = (await admin.call('GET', '/api/recordings')).json.find((r: any) => r.id === made.json.id);
    expect(listed.usedBy).toEqual([{ id: campaign.json.id, name: 'Win-back' }]);

    const refused = await admin.call('DELETE', `/api/recordings/${made.json.id}`);
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(/"busy\.wav" is played by campaign "Win-back"; change their messages first/);
    expect(refused.json.error.details).toEqual({ usedBy: [{ id: campaign.json.id, name: 'Win-back' }] });
    // Editing the campaign to another message frees it.
    const edited = await admin.call('PATCH', `/api/campaigns/${campaign.json.id}`, { abandonMessage: 'Sorry, all our advisers are busy.' });
    expect(edited.status).toBe(200);
    expect((await admin.call('DELETE', `/api/recordings/${made.json.id}`)).status).toBe(204);
    expect((await admin.call('GET', '/api/recordings')).json.map((r: any) => r.name)).not.toContain('busy.wav');
    expect((await admin.call('DELETE', `/api/recordings/${made.json.id}`)).status).toBe(404);
    // And a campaign cannot be edited to name a recording that is gone.
    expect(problems((await admin.call('PATCH', `/api/campaigns/${campaign.json.id}`, { abandonMessage: 'busy.wav' })).json)[0]).toMatch(/^abandonMessage: There is no recording named "busy\.wav"/);
  });
});
