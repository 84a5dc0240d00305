import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeQueue } from '../campaigns/helpers.js';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';

/**
 * Issue 6 point 7: wrap-up code sets and contactable-time templates. Administrators keep them,
 * supervisors read them to build campaigns, agents see neither; a campaign takes a copy, checked
 * by the campaign's own rules, and keeps it when the template changes or goes.
 */
describe.each(await availableEngines())('wrap-up code sets and contactable-time templates (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let supervisor: Session;
  let agent: Session;
  let queueId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
    supervisor = await t.signInAs('supervisor');
    agent = await t.signInAs('agent');
    queueId = await makeQueue(t, 'Renewals');
  });
  afterAll(() => t?.close());

  const salesCodes = [
    { code: 'sale', label: '成約', outcome: 'final_success' },
    { code: 'call_back_later', label: 'Call back later', outcome: 'retry_after', retryAfterMinutes: 1440, shortcut: '8' },
    { code: 'not_interested', label: 'Not interested', outcome: 'final_failure', shortcut: '9' },
  ];

  it('D8: an admin keeps a named wrap-up code set; it holds the system codes (relabelled where the set says) and its own; supervisors read it, agents do not', async () => {
    const created = await admin.call('POST', '/api/wrap-up-code-sets', { name: 'Sales outcomes', codes: salesCodes });
    expect(created.status).toBe(201);
    expect(created.json.name).toBe('Sales outcomes');
    expect(created.json.updatedBy).toMatch(/^admin /);
    const codes = created.json.codes as { code: string; label: string; system: boolean; shortcut: string | null }[];
    expect(codes.filter((c) => c.system).map((c) => c.code)).toEqual(['answering_machine', 'busy', 'fax', 'no_answer', 'sale', 'voicemail', 'bad_record']);
    expect(codes.find((c) => c.code === 'sale')).toMatchObject({ label: '成約', shortcut: '5' });
    expect(codes.filter((c) => !c.system).map((c) => `${c.code}:${c.shortcut}`)).toEqual(['call_back_later:8', 'not_interested:9']);

    const read = await supervisor.call('GET', '/api/wrap-up-code-sets');
    expect(read.status).toBe(200);
    expect(read.json.map((s: { name: string }) => s.name)).toContain('Sales outcomes');
    expect((await supervisor.call('GET', `/api/wrap-up-code-sets/${created.json.id}`)).json.codes).toEqual(codes);
    const refused = await supervisor.call('POST', '/api/wrap-up-code-sets', { name: 'Mine', codes: [] });
    expect(refused.status).toBe(403);
    expect((await agent.call('GET', '/api/wrap-up-code-sets')).status).toBe(403);
    expect((await supervisor.call('DELETE', `/api/wrap-up-code-sets/${created.json.id}`)).status).toBe(403);
  });

  it('D8: a set breaking a campaign rule is refused with the code at fault, and nothing is written; names are unique ignoring case', async () => {
    const bad = await admin.call('POST', '/api/wrap-up-code-sets', {
      name: 'Broken',
      codes: [
        { code: 'later', label: 'Later', outcome: 'retry_after' },
        { code: 'no', label: 'Busy', outcome: 'final_failure' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^The wrap-up code set is not valid: codes\.0\.retryAfterMinutes — Code "later" has outcome retry_after; give retryAfterMinutes/);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toEqual(['codes.0.retryAfterMinutes', 'codes']);
    expect(bad.json.error.details[1].problem).toMatch(/label "Busy" is used by both "busy" and "no"/);
    expect((await admin.call('GET', '/api/wrap-up-code-sets')).json.map((s: { name: string }) => s.name)).not.toContain('Broken');

    await admin.call('POST', '/api/wrap-up-code-sets', { name: 'Survey', codes: [] });
    const clash = await admin.call('POST', '/api/wrap-up-code-sets', { name: 'SURVEY', codes: [] });
    expect(clash.status).toBe(409);
    expect(clash.json.error.message).toBe('A wrap-up code set named "SURVEY" already exists; choose another name or edit that one.');
    const unknownField = await admin.call('POST', '/api/wrap-up-code-sets', { name: 'X', codes: [], colour: 'red' });
    expect(unknownField.status).toBe(400);
  });

  it('D8: a campaign built from a set keeps its copy when the set is changed and then deleted', async () => {
    const set = (await admin.call('POST', '/api/wrap-up-code-sets', { name: 'Renewals outcomes', codes: salesCodes })).json;
    const campaign = await supervisor.call('POST', '/api/campaigns', { name: 'Renewals from set', mode: 'preview', queueId, wrapUpCodes: set.codes.map(({ system: _s, ...c }: { system: boolean; retryAfterMinutes: number | null }) => ({ ...c, retryAfterMinutes: c.retryAfterMinutes ?? undefined })) });
    expect(campaign.status).toBe(201);
    expect(campaign.json.wrapUpCodes).toEqual(set.codes);

    const renamed = await admin.call('PUT', `/api/wrap-up-code-sets/${set.id}`, { name: 'Renewals outcomes 2027', codes: [{ code: 'upgrade', label: 'Upgrade', outcome: 'final_success' }] });
    expect(renamed.status).toBe(200);
    expect(renamed.json.codes.map((c: { code: string }) => c.code)).toContain('upgrade');
    expect((await admin.call('DELETE', `/api/wrap-up-code-sets/${set.id}`)).status).toBe(204);
    expect((await admin.call('GET', `/api/wrap-up-code-sets/${set.id}`)).status).toBe(404);
    expect((await admin.call('PUT', `/api/wrap-up-code-sets/${set.id}`, { name: 'Gone', codes: [] })).status).toBe(404);

    const after = await supervisor.call('GET', `/api/campaigns/${campaign.json.id}`);
    expect(after.json.wrapUpCodes).toEqual(set.codes);
  });

  it('L5: an admin keeps named contactable hours with holidays; days left out are closed; a supervisor reads them', async () => {
    const created = await admin.call('POST', '/api/contactable-time-templates', {
      name: 'Japan office hours',
      contactableTimes: {
        weekly: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '20:00' }], tue: [{ start: '09:00', end: '20:00' }] },
        holidays: [{ date: '2027-01-01', country: 'JP', name: '元日' }],
        defaultTimeZone: 'Asia/Tokyo',
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.contactableTimes).toEqual({
      weekly: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '20:00' }], tue: [{ start: '09:00', end: '20:00' }], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [{ date: '2027-01-01', country: 'JP', name: '元日' }],
      defaultTimeZone: 'Asia/Tokyo',
    });
    const read = await supervisor.call('GET', `/api/contactable-time-templates/${created.json.id}`);
    expect(read.json.contactableTimes).toEqual(created.json.contactableTimes);
    expect((await agent.call('GET', '/api/contactable-time-templates')).status).toBe(403);
    expect((await supervisor.call('PUT', `/api/contactable-time-templates/${created.json.id}`, { name: 'x', contactableTimes: {} })).status).toBe(403);
  });

  it('L5: hours that end before they start, a holiday listed twice or an unknown zone are refused with the place; the campaign still checks US hours when it takes a template', async () => {
    const bad = await admin.call('POST', '/api/contactable-time-templates', {
      name: 'Broken hours',
      contactableTimes: { weekly: { wed: [{ start: '18:00', end: '09:00' }] }, holidays: [{ date: '2027-05-03' }, { date: '2027-05-03' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toEqual(['contactableTimes.weekly.wed.0', 'contactableTimes.holidays.1']);
    const zone = await admin.call('POST', '/api/contactable-time-templates', { name: 'Zone', contactableTimes: { defaultTimeZone: 'Mars/Olympus' } });
    expect(zone.status).toBe(400);
    expect(zone.json.error.message).toMatch(/IANA time zone/);

    const early = (await admin.call('POST', '/api/contactable-time-templates', { name: 'Early birds', contactableTimes: { weekly: { mon: [{ start: '07:00', end: '12:00' }] }, defaultTimeZone: 'America/Chicago' } })).json;
    expect(early.contactableTimes.weekly.mon).toEqual([{ start: '07:00', end: '12:00' }]);
    const us = await supervisor.call('POST', '/api/campaigns', { name: 'US early', mode: 'preview', queueId, regulatoryProfile: 'us', contactableTimes: early.contactableTimes });
    expect(us.status).toBe(400);
    expect(us.json.error.details[0].problem).toMatch(/outside 08:00–21:00, the hours US law \(TCPA\) allows/);
  });
});
