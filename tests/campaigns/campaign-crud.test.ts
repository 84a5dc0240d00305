import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { makeList, makeQueue } from './helpers.js';

/** Campaign administration: create, read, list, change and delete, with every rule checked on the server. */
describe.each(await availableEngines())('campaign administration (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let queueId: number;
  let otherQueueId: number;
  let n = 0;
  const uniqueName = (base: string) => `${base} ${++n}`;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
    queueId = await makeQueue(t, 'Renewals');
    otherQueueId = await makeQueue(t, 'Collections');
  });
  afterAll(() => t?.close());

  const create = (body: Record<string, unknown>, who: Session = admin) => who.call('POST', '/api/campaigns', { name: uniqueName('Campaign'), queueId, ...body });
  const problems = (json: any): string[] => (json.error.details ?? []).map((d: any) => `${d.path}: ${d.problem}`);

  it('L8 a new preview campaign starts in draft with the system defaults filled in and its locked fields shown', async () => {
    const res = await create({ name: 'Spring renewals', mode: 'preview', callerId: '+12025550143' });
    expect(res.status).toBe(201);
    const c = res.json;
    expect(c).toMatchObject({ name: 'Spring renewals', mode: 'preview', status: 'draft', queueId, queueName: 'Renewals', ownerColumn: null, callerId: '+12025550143', regulatoryProfile: 'none' });
    expect(c.lockedFields).toEqual(['mode', 'queueId', 'ownerColumn']);
    expect(c.allowedActions).toEqual(['start']);
    expect(c.canEdit).toBe(true);
    expect(c.wrapUpCodes.map((w: any) => w.label)).toEqual(['Answering machine', 'Busy', 'Fax', 'No answer', 'Sale', 'Voicemail', 'Bad record']);
    expect(c.wrapUpCodes.every((w: any) => w.system)).toBe(true);
    expect(c.previewCompleteCode).toBe('bad_record');
    expect(c.preview).toEqual({ autoAccept: false, reviewTimeoutSeconds: null, skipAllowed: true, maxSkipsPerRecord: null });
    expect(c.amd).toBeNull();
    expect(c.linesPerAgent).toBeNull();
    expect(c.contactableTimes.weekly.mon).toEqual([{ start: '09:00', end: '21:00' }]);
    expect(c.contactableTimes.weekly.sat).toEqual([{ start: '10:00', end: '18:00' }]);
    expect(c.contactableTimes.weekly.sun).toEqual([]);
    expect(c.retryRules.results.fax).toEqual({ action: 'final' });
    expect(c.retryRules.maxAttemptsPerRecord).toBe(10);

    const got = await admin.call('GET', `/api/campaigns/${c.id}`);
    expect(got.status).toBe(200);
    expect(got.json).toEqual(c);
  });

  it('L8 names are unique among live campaigns, ignoring case; a deleted campaign frees its name', async () => {
    const first = await create({ name: 'Winback', mode: 'progressive' });
    expect(first.status).toBe(201);
    const clash = await create({ name: 'WINBACK', mode: 'preview' });
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe('conflict');
    expect(clash.json.error.message).toMatch(/"WINBACK" already exists.*choose another name/);
    expect((await admin.call('DELETE', `/api/campaigns/${first.json.id}`)).status).toBe(204);
    expect((await admin.call('GET', `/api/campaigns/${first.json.id}`)).status).toBe(404);
    expect((await create({ name: 'Winback', mode: 'preview' })).status).toBe(201);
  });

  it('L8 the list is paginated and filters by status, mode, queue and name', async () => {
    const prefix = `Filter ${Date.now()}`;
    for (const [i, mode] of (['preview', 'power', 'power', 'predictive'] as const).entries()) {
      const res = await admin.call('POST', '/api/campaigns', { name: `${prefix} ${i}`, mode, queueId: i === 3 ? otherQueueId : queueId });
      expect(res.status).toBe(201);
    }
    const power = await admin.call('GET', `/api/campaigns?mode=power&search=${encodeURIComponent(prefix)}`);
    expect(power.json.total).toBe(2);
    expect(power.json.items.every((c: any) => c.mode === 'power')).toBe(true);
    const byQueue = await admin.call('GET', `/api/campaigns?queueId=${otherQueueId}&search=${encodeURIComponent(prefix)}`);
    expect(byQueue.json.items.map((c: any) => c.name)).toEqual([`${prefix} 3`]);
    const page = await admin.call('GET', `/api/campaigns?limit=2&offset=2&search=${encodeURIComponent(prefix)}`);
    expect(page.json).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect(page.json.items.map((c: any) => c.name)).toEqual([`${prefix} 2`, `${prefix} 3`]);
    expect((await admin.call('GET', '/api/campaigns?status=running&search=' + encodeURIComponent(prefix))).json.total).toBe(0);
    expect((await admin.call('GET', '/api/campaigns?status=sleeping')).status).toBe(400);
  });

  it('L8 unknown queue, list or do-not-call list answers 400 naming the field', async () => {
    const badQueue = await create({ mode: 'preview', queueId: 99999 });
    expect(badQueue.status).toBe(400);
    expect(problems(badQueue.json)).toEqual([expect.stringMatching(/^queueId: Queue 99999 does not exist/)]);
    const badList = await create({ mode: 'preview', listIds: [99999] });
    expect(badList.status).toBe(400);
    expect(problems(badList.json)[0]).toMatch(/^listIds\.0: Contact list 99999 does not exist/);
    const badDnc = await create({ mode: 'preview', dncListIds: [99999] });
    expect(problems(badDnc.json)[0]).toMatch(/^dncListIds\.0: Do-not-call list 99999 does not exist/);
    const deletedList = await makeList(t, { name: uniqueName('Deleted list') });
    await t.storage.db.updateTable('contact_lists').set({ deleted_at: t.clock.now() }).where('id', '=', deletedList).execute();
    const res = await create({ mode: 'preview', listIds: [deletedList] });
    expect(problems(res.json)[0]).toMatch(/has been deleted/);
    expect((await admin.call('GET', `/api/campaigns?search=Campaign ${n}`)).json.total).toBe(0);
  });

  it('L8 the caller ID must be a valid E.164 number', async () => {
    const res = await create({ mode: 'preview', callerId: '03-1234-5678' });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/callerId.*E\.164/);
    expect((await create({ mode: 'preview', callerId: '+81312345678' })).status).toBe(201);
  });

  it('D2 a power campaign dials 1–3 lines per agent; other modes refuse linesPerAgent', async () => {
    const power = await create({ mode: 'power', linesPerAgent: 3 });
    expect(power.status).toBe(201);
    expect(power.json.linesPerAgent).toBe(3);
    expect(power.json.amd).toEqual({ onMachine: 'hang_up_retry', message: null });
    expect((await create({ mode: 'power' })).json.linesPerAgent).toBe(1);
    expect((await create({ mode: 'power', linesPerAgent: 4 })).status).toBe(400);
    const preview = await create({ mode: 'preview', linesPerAgent: 2 });
    expect(preview.status).toBe(400);
    expect(problems(preview.json)).toEqual(['linesPerAgent: linesPerAgent applies only to power campaigns; this one is preview. Remove it.']);
  });

  it('D3 a predictive campaign caps abandons at 3% by default, over 30 days (US) or 24 hours (UK)', async () => {
    const us = await create({ mode: 'predictive', regulatoryProfile: 'us' });
    expect(us.json).toMatchObject({ abandonTarget: 3, abandonWindow: 'us' });
    const uk = await create({ mode: 'predictive', regulatoryProfile: 'uk' });
    expect(uk.json).toMatchObject({ abandonTarget: 3, abandonWindow: 'uk' });
    expect(uk.json.retryRules.results.abandoned).toEqual({ action: 'retry', delayMinutes: 4320, maxRetries: 3 });
    const over = await create({ mode: 'predictive', regulatoryProfile: 'us', abandonTarget: 5 });
    expect(over.status).toBe(400);
    expect(problems(over.json)[0]).toMatch(/^abandonTarget: Under the US regulatory profile the abandon rate may not exceed 3%/);
    expect((await create({ mode: 'predictive', regulatoryProfile: 'none', abandonTarget: 5 })).json.abandonTarget).toBe(5);
    const ukWindow = await create({ mode: 'predictive', regulatoryProfile: 'uk', abandonWindow: 'us' });
    expect(problems(ukWindow.json)[0]).toMatch(/^abandonWindow: .*rolling 24 hours/);
    expect(problems((await create({ mode: 'progressive', abandonTarget: 2 })).json)[0]).toMatch(/applies only to predictive/);
  });

  it('L5 contactable hours per weekday: HH:MM, start before end, no overlaps, each error names the day', async () => {
    const ok = await create({
      mode: 'preview',
      contactableTimes: {
        weekly: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '21:00' }], sat: [{ start: '10:00', end: '18:00' }] },
        holidays: [{ date: '2026-01-01', name: 'New Year' }, { date: '2026-05-03', country: 'JP', name: 'Constitution Day' }],
        defaultTimeZone: 'Asia/Tokyo',
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.json.contactableTimes.weekly.tue).toEqual([]);
    expect(ok.json.contactableTimes.holidays[1]).toEqual({ date: '2026-05-03', country: 'JP', name: 'Constitution Day' });
    expect(ok.json.contactableTimes.defaultTimeZone).toBe('Asia/Tokyo');

    const badTime = await create({ mode: 'preview', contactableTimes: { weekly: { mon: [{ start: '9:00', end: '25:00' }] } } });
    expect(badTime.status).toBe(400);
    expect(badTime.json.error.message).toMatch(/contactableTimes\.weekly\.mon\.0\.start.*HH:MM/);
    const backwards = await create({ mode: 'preview', contactableTimes: { weekly: { tue: [{ start: '18:00', end: '09:00' }] } } });
    expect(problems(backwards.json)).toEqual([expect.stringMatching(/^contactableTimes\.weekly\.tue\.0: On tue the window 18:00–09:00 ends before it starts/)]);
    const overlap = await create({ mode: 'preview', contactableTimes: { weekly: { wed: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '15:00' }] } } });
    expect(problems(overlap.json)).toEqual([expect.stringMatching(/^contactableTimes\.weekly\.wed\.1: On wed the windows 09:00–13:00 and 12:00–15:00 overlap/)]);
    const dupHoliday = await create({ mode: 'preview', contactableTimes: { holidays: [{ date: '2026-01-01' }, { date: '2026-01-01' }] } });
    expect(problems(dupHoliday.json)[0]).toMatch(/holiday 2026-01-01 is listed twice/);
    const zone = await create({ mode: 'preview', contactableTimes: { defaultTimeZone: 'Mars/Olympus' } });
    expect(zone.json.error.message).toMatch(/IANA time zone/);
  });

  it('L5 under the US profile calls stay within 08:00–21:00; the default time zone is the creator\'s', async () => {
    const late = await create({ mode: 'preview', regulatoryProfile: 'us', contactableTimes: { weekly: { fri: [{ start: '09:00', end: '22:00' }] } } });
    expect(late.status).toBe(400);
    expect(problems(late.json)[0]).toMatch(/outside 08:00–21:00.*TCPA/);
    await t.storage.db.updateTable('users').set({ time_zone: 'America/Chicago' }).where('id', '=', admin.userId).execute();
    const res = await create({ mode: 'preview' });
    expect(res.json.contactableTimes.defaultTimeZone).toBe('America/Chicago');
  });

  it('L6 retry rules per system result: a delay and a maximum, or final; limits per record and per number per day', async () => {
    const res = await create({
      mode: 'progressive',
      retryRules: { results: { busy: { action: 'retry', delayMinutes: 5, maxRetries: 2 }, no_answer: { action: 'final' } }, maxAttemptsPerRecord: 4, maxAttemptsPerNumberPerDay: 2 },
    });
    expect(res.status).toBe(201);
    const r = res.json.retryRules;
    expect(r.results.busy).toEqual({ action: 'retry', delayMinutes: 5, maxRetries: 2 });
    expect(r.results.no_answer).toEqual({ action: 'final' });
    expect(r.results.machine).toEqual({ action: 'retry', delayMinutes: 120, maxRetries: 3 });
    expect(Object.keys(r.results).sort()).toEqual(['abandoned', 'bad_number', 'busy', 'failed', 'fax', 'machine', 'no_answer']);
    expect(r).toMatchObject({ maxAttemptsPerRecord: 4, maxAttemptsPerNumberPerDay: 2 });

    const missingDelay = await create({ mode: 'progressive', retryRules: { results: { busy: { action: 'retry', maxRetries: 2 } } } });
    expect(missingDelay.status).toBe(400);
    expect(missingDelay.json.error.message).toMatch(/retryRules\.results\.busy\.delayMinutes/);
    expect((await create({ mode: 'progressive', retryRules: { results: { connected: { action: 'final' } } } })).status).toBe(400);
    expect((await create({ mode: 'progressive', retryRules: { maxAttemptsPerRecord: 0 } })).status).toBe(400);
  });

  it('L6 under the UK profile an abandoned number waits 72 hours before a power or predictive redial', async () => {
    const soon = await create({ mode: 'power', regulatoryProfile: 'uk', retryRules: { results: { abandoned: { action: 'retry', delayMinutes: 60, maxRetries: 1 } } } });
    expect(soon.status).toBe(400);
    expect(problems(soon.json)).toContainEqual(expect.stringMatching(/^retryRules\.results\.abandoned\.delayMinutes: .*72 hours/));
    expect((await create({ mode: 'power', regulatoryProfile: 'uk', retryRules: { results: { abandoned: { action: 'retry', delayMinutes: 4320, maxRetries: 1 } } } })).status).toBe(201);
    expect((await create({ mode: 'preview', regulatoryProfile: 'uk', retryRules: { results: { abandoned: { action: 'retry', delayMinutes: 60, maxRetries: 1 } } } })).status).toBe(201);
  });

  it('D8 wrap-up codes: the system codes are always there, custom codes follow, each mapped to an outcome', async () => {
    const res = await create({
      mode: 'progressive',
      wrapUpCodes: [
        { code: 'callback_requested', label: 'Callback requested', outcome: 'callback', shortcut: '8' },
        { code: 'not_interested', label: 'Not interested', outcome: 'final_failure' },
        { code: 'call_later', label: 'Call later', outcome: 'retry_after', retryAfterMinutes: 1440 },
        { code: 'stop_calling', label: 'Do not call', outcome: 'do_not_call', shortcut: '9' },
        { code: 'busy', label: '話し中', outcome: 'retry_after', retryAfterMinutes: 15 },
      ],
    });
    expect(res.status).toBe(201);
    const codes = res.json.wrapUpCodes;
    expect(codes).toHaveLength(11);
    expect(codes.find((c: any) => c.code === 'busy')).toEqual({ code: 'busy', label: '話し中', outcome: 'retry_after', retryAfterMinutes: 15, shortcut: '2', system: true });
    expect(codes.find((c: any) => c.code === 'call_later')).toEqual({ code: 'call_later', label: 'Call later', outcome: 'retry_after', retryAfterMinutes: 1440, shortcut: null, system: false });
    expect(codes.slice(7).map((c: any) => c.outcome)).toEqual(['callback', 'final_failure', 'retry_after', 'do_not_call']);
    expect(res.json.previewCompleteCode).toBeNull();

    // Sending the custom codes again without the system ones does not remove them.
    const patched = await admin.call('PATCH', `/api/campaigns/${res.json.id}`, { wrapUpCodes: [{ code: 'sale_pending', label: 'Sale pending', outcome: 'callback' }] });
    expect(patched.status).toBe(200);
    expect(patched.json.wrapUpCodes.map((c: any) => c.code)).toEqual(['answering_machine', 'busy', 'fax', 'no_answer', 'sale', 'voicemail', 'bad_record', 'sale_pending']);
  });

  it('D8 wrap-up codes, labels and shortcuts are unique; retry_after needs a duration; the preview complete code must exist', async () => {
    const dupCode = await create({ mode: 'progressive', wrapUpCodes: [{ code: 'x', label: 'X', outcome: 'final_success' }, { code: 'X', label: 'Y', outcome: 'final_success' }] });
    expect(dupCode.status).toBe(400);
    expect(problems(dupCode.json).join('\n')).toMatch(/"X" appears twice/);
    const dupLabel = await create({ mode: 'progressive', wrapUpCodes: [{ code: 'sold', label: 'Sale', outcome: 'final_success' }] });
    expect(problems(dupLabel.json)).toEqual([expect.stringMatching(/The label "Sale" is used by both "sale" and "sold"/)]);
    const dupShortcut = await create({ mode: 'progressive', wrapUpCodes: [{ code: 'later', label: 'Later', outcome: 'callback', shortcut: '1' }] });
    expect(problems(dupShortcut.json)).toEqual([expect.stringMatching(/The shortcut "1" is used by both "answering_machine" and "later"/)]);
    const noDuration = await create({ mode: 'progressive', wrapUpCodes: [{ code: 'later', label: 'Later', outcome: 'retry_after' }] });
    expect(problems(noDuration.json)).toEqual([expect.stringMatching(/^wrapUpCodes\.0\.retryAfterMinutes: .*give retryAfterMinutes/)]);
    const strayDuration = await create({ mode: 'progressive', wrapUpCodes: [{ code: 'won', label: 'Won', outcome: 'final_success', retryAfterMinutes: 5 }] });
    expect(problems(strayDuration.json)[0]).toMatch(/applies only to retry_after/);
    const badOutcome = await create({ mode: 'progressive', wrapUpCodes: [{ code: 'won', label: 'Won', outcome: 'great' }] });
    expect(badOutcome.status).toBe(400);
    const complete = await create({ mode: 'preview', previewCompleteCode: 'wrong_number' });
    expect(problems(complete.json)[0]).toMatch(/^previewCompleteCode: previewCompleteCode "wrong_number" is not one of the campaign's wrap-up codes/);
    const custom = await create({ mode: 'preview', previewCompleteCode: 'wrong_number', wrapUpCodes: [{ code: 'wrong_number', label: 'Wrong number', outcome: 'final_failure' }] });
    expect(custom.json.previewCompleteCode).toBe('wrong_number');
  });

  it('D9 a call guide of branching questions is stored as given', async () => {
    const guide = {
      questions: [
        { id: 'q1', text: 'Is this a good time to talk?', answers: [{ id: 'yes', text: 'Yes', next: 'q2' }, { id: 'no', text: 'No', next: 'q4' }] },
        { id: 'q2', text: 'Are you happy with your plan?', answers: [{ id: 'yes', text: 'Yes', next: 'q3' }, { id: 'no', text: 'No', next: 'q3' }] },
        { id: 'q3', text: 'Would you renew today?', answers: [{ id: 'yes', text: 'Yes', next: null }, { id: 'no', text: 'No', next: 'q4' }] },
        { id: 'q4', text: 'When may we call back?', answers: [{ id: 'later', text: 'Later', next: null }] },
      ],
    };
    const res = await create({ mode: 'progressive', callGuide: guide });
    expect(res.status).toBe(201);
    expect(res.json.callGuide).toEqual(guide);
  });

  it('D9 the call guide is refused with a dangling branch, a loop, two first questions or an unreachable question, naming the culprit', async () => {
    const q = (id: string, ...next: Array<string | null>) => ({ id, text: `Question ${id}`, answers: next.map((n, i) => ({ id: `a${i + 1}`, text: `Answer ${i + 1}`, next: n })) });
    const dangling = await create({ mode: 'progressive', callGuide: { questions: [q('q1', 'q2', 'q9'), q('q2', null)] } });
    expect(dangling.status).toBe(400);
    expect(problems(dangling.json)).toEqual([expect.stringMatching(/^callGuide\.questions\.0\.answers\.1\.next: Answer "a2" of question "q1" leads to question "q9", which does not exist/)]);
    const loop = await create({ mode: 'progressive', callGuide: { questions: [q('q1', 'q2'), q('q2', 'q3'), q('q3', 'q2', null)] } });
    expect(problems(loop.json)).toEqual([expect.stringMatching(/^callGuide\.questions\.2\.answers\.0\.next: Answer "a1" of question "q3" leads back to question "q2".*loop/)]);
    const self = await create({ mode: 'progressive', callGuide: { questions: [q('q1', 'q1')] } });
    expect(problems(self.json)[0]).toMatch(/leads back to the same question/);
    const twoRoots = await create({ mode: 'progressive', callGuide: { questions: [q('q1', 'q3'), q('q2', 'q3'), q('q3', null)] } });
    expect(problems(twoRoots.json)).toEqual([expect.stringMatching(/^callGuide\.questions: The guide has 2 first questions \("q1", "q2"\)/)]);
    const island = await create({ mode: 'progressive', callGuide: { questions: [q('q1', null), q('q2', 'q3'), q('q3', 'q2')] } });
    expect(problems(island.json)).toEqual([
      expect.stringMatching(/^callGuide\.questions\.1: Question "q2" cannot be reached from the first question "q1"/),
      expect.stringMatching(/^callGuide\.questions\.2: Question "q3" cannot be reached/),
    ]);
    const dupId = await create({ mode: 'progressive', callGuide: { questions: [q('q1', null), q('q1', null)] } });
    expect(problems(dupId.json)[0]).toMatch(/Question id "q1" is used twice/);
    const noAnswers = await create({ mode: 'progressive', callGuide: { questions: [{ id: 'q1', text: 'Hi', answers: [] }] } });
    expect(noAnswers.json.error.message).toMatch(/at least one answer/);
  });

  it('L3 records sort by any columns, custom ones included, ascending or descending; unknown columns of attached lists are refused', async () => {
    const listId = await makeList(t, {
      name: uniqueName('Accounts'),
      mapping: { phones: [{ column: '電話番号', type: 'home' }], name: '名前', phoneticName: 'フリガナ' },
      records: [{ custom: { 残高: '12000', 支店: '新宿' } }],
    });
    const res = await create({ mode: 'preview', listIds: [listId], sortOrder: [{ column: '残高', direction: 'desc', compareAs: 'number' }, { column: 'フリガナ' }], screenPopFields: ['名前', '残高', '支店'] });
    expect(res.status).toBe(201);
    expect(res.json.sortOrder).toEqual([{ column: '残高', direction: 'desc', compareAs: 'number' }, { column: 'フリガナ', direction: 'asc', compareAs: 'text' }]);
    expect(res.json.screenPopFields).toEqual(['名前', '残高', '支店']);
    const typo = await admin.call('PATCH', `/api/campaigns/${res.json.id}`, { sortOrder: [{ column: '残 高', direction: 'desc' }] });
    expect(typo.status).toBe(400);
    expect(problems(typo.json)[0]).toMatch(/^sortOrder\.0\.column: No attached list has a column "残 高"\. The lists have: .*残高/);
    const twice = await create({ mode: 'preview', sortOrder: [{ column: 'a' }, { column: 'A' }] });
    expect(problems(twice.json)[0]).toMatch(/appears twice in the sort order/);
    expect((await create({ mode: 'preview', sortOrder: [{ column: 'a', direction: 'sideways' }] })).status).toBe(400);
  });

  it('P1 P4 P5 preview settings: auto-accept, review timeout with auto-dial, skips; only for preview campaigns', async () => {
    const res = await create({ mode: 'preview', preview: { autoAccept: true, reviewTimeoutSeconds: 30, maxSkipsPerRecord: 2 } });
    expect(res.json.preview).toEqual({ autoAccept: true, reviewTimeoutSeconds: 30, skipAllowed: true, maxSkipsPerRecord: 2 });
    const noSkip = await create({ mode: 'preview', preview: { skipAllowed: false, maxSkipsPerRecord: 2 } });
    expect(problems(noSkip.json)[0]).toMatch(/^preview\.maxSkipsPerRecord: Skipping is not allowed/);
    const onPower = await create({ mode: 'power', preview: { autoAccept: true } });
    expect(problems(onPower.json)[0]).toMatch(/^preview: preview applies only to preview and agent_owned_preview campaigns/);
    expect((await create({ mode: 'preview', preview: { reviewTimeoutSeconds: 1 } })).status).toBe(400);
  });

  it('D5 D6 D8 on a machine: hang up and retry, leave a message (which needs the message) or pass to the agent; abandon message and wrap-up timeout', async () => {
    const leave = await create({ mode: 'predictive', amd: { onMachine: 'leave_message' } });
    expect(problems(leave.json)[0]).toMatch(/^amd\.message: /);
    const ok = await create({ mode: 'predictive', amd: { onMachine: 'leave_message', message: 'Please call us back on 0800 123 456.' }, abandonMessage: 'Sorry, all agents are busy.', wrapUpTimeoutSeconds: 60 });
    expect(ok.json).toMatchObject({ amd: { onMachine: 'leave_message', message: 'Please call us back on 0800 123 456.' }, abandonMessage: 'Sorry, all agents are busy.', wrapUpTimeoutSeconds: 60 });
    expect(problems((await create({ mode: 'preview', amd: { onMachine: 'pass_to_agent' } })).json)[0]).toMatch(/^amd: amd applies only to progressive, power and predictive/);
    expect(problems((await create({ mode: 'progressive', abandonMessage: 'Sorry' })).json)[0]).toMatch(/applies only to power and predictive/);
  });

  it('L8 a change replaces the fields sent, keeps the rest, and is refused whole when any rule fails', async () => {
    const c = (await create({ mode: 'power', linesPerAgent: 2, callerId: '+12025550143', wrapUpTimeoutSeconds: 30 })).json;
    const res = await admin.call('PATCH', `/api/campaigns/${c.id}`, { name: uniqueName('Renamed'), linesPerAgent: 3 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ linesPerAgent: 3, callerId: '+12025550143', wrapUpTimeoutSeconds: 30 });
    const bad = await admin.call('PATCH', `/api/campaigns/${c.id}`, { name: 'Should not stick', callGuide: { questions: [{ id: 'q1', text: 'Hi', answers: [{ id: 'a', text: 'A', next: 'q2' }] }] } });
    expect(bad.status).toBe(400);
    const after = await admin.call('GET', `/api/campaigns/${c.id}`);
    expect(after.json.name).toBe(res.json.name);
    expect(after.json.callGuide).toBeNull();
    expect((await admin.call('PATCH', `/api/campaigns/${c.id}`, { surprise: true })).status).toBe(400);
    expect((await admin.call('PATCH', '/api/campaigns/99999', { name: 'Nope' })).status).toBe(404);
  });

  it('O7 the dialing mode, queue and owner column cannot change: 409 immutable_field naming the field', async () => {
    const c = (await create({ mode: 'progressive' })).json;
    const mode = await admin.call('PATCH', `/api/campaigns/${c.id}`, { mode: 'predictive' });
    expect(mode.status).toBe(409);
    expect(mode.json.error).toMatchObject({ code: 'immutable_field', details: { field: 'mode', current: 'progressive', requested: 'predictive' } });
    expect(mode.json.error.message).toMatch(/dialing mode.*cannot change.*Create a new campaign/);
    const queue = await admin.call('PATCH', `/api/campaigns/${c.id}`, { queueId: otherQueueId });
    expect(queue.json.error).toMatchObject({ code: 'immutable_field', details: { field: 'queueId' } });
    const owner = await admin.call('PATCH', `/api/campaigns/${c.id}`, { ownerColumn: 'agent' });
    expect(owner.json.error).toMatchObject({ code: 'immutable_field', details: { field: 'ownerColumn' } });
    const same = await admin.call('PATCH', `/api/campaigns/${c.id}`, { mode: 'progressive', queueId, ownerColumn: null, wrapUpTimeoutSeconds: 45 });
    expect(same.status).toBe(200);
    expect(same.json.wrapUpTimeoutSeconds).toBe(45);
    expect((await admin.call('GET', `/api/campaigns/${c.id}`)).json.mode).toBe('progressive');
  });

  it('O7 an agent-owned campaign can never become non-agent-owned', async () => {
    const c = (await create({ mode: 'agent_owned_preview', ownerColumn: '担当者メール' })).json;
    expect(c.ownerColumn).toBe('担当者メール');
    for (const patch of [{ mode: 'preview' }, { ownerColumn: null }, { ownerColumn: 'other' }]) {
      const res = await admin.call('PATCH', `/api/campaigns/${c.id}`, patch);
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('immutable_field');
      expect(res.json.error.message).toMatch(/agent-owned campaign can never become a non-agent-owned one/);
    }
    const after = (await admin.call('GET', `/api/campaigns/${c.id}`)).json;
    expect(after).toMatchObject({ mode: 'agent_owned_preview', ownerColumn: '担当者メール' });
  });

  it('A1 supervisors create campaigns and are granted them; without a grant they read but cannot change', async () => {
    const sato = await t.signInAs('supervisor');
    const yamada = await t.signInAs('supervisor');
    const mine = await create({ mode: 'preview' }, sato);
    expect(mine.status).toBe(201);
    expect(mine.json.canEdit).toBe(true);
    const grants = await admin.call('GET', `/api/campaigns/${mine.json.id}/grants`);
    expect(grants.json.map((g: any) => g.userId)).toEqual([sato.userId]);
    expect((await sato.call('PATCH', `/api/campaigns/${mine.json.id}`, { wrapUpTimeoutSeconds: 20 })).status).toBe(200);

    const read = await yamada.call('GET', `/api/campaigns/${mine.json.id}`);
    expect(read.status).toBe(200);
    expect(read.json.canEdit).toBe(false);
    const listed = await yamada.call('GET', `/api/campaigns?search=${encodeURIComponent(mine.json.name)}`);
    expect(listed.json.items[0]).toMatchObject({ id: mine.json.id, canEdit: false });
    for (const [method, url, body] of [
      ['PATCH', `/api/campaigns/${mine.json.id}`, { wrapUpTimeoutSeconds: 10 }],
      ['DELETE', `/api/campaigns/${mine.json.id}`, undefined],
      ['POST', `/api/campaigns/${mine.json.id}/start`, undefined],
    ] as const) {
      const res = await yamada.call(method, url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.json.error.message).toMatch(/no grant on campaign/);
    }
    expect((await admin.call('PATCH', `/api/campaigns/${mine.json.id}`, { wrapUpTimeoutSeconds: 10 })).status).toBe(200);
  });

  it('A1 agents list only the campaigns of their own queues, with minimal fields, and change nothing', async () => {
    const agent = await t.signInAs('agent');
    const agentQueue = await makeQueue(t, uniqueName('Agent queue'));
    await t.storage.db.insertInto('queue_members').values({ queue_id: agentQueue, user_id: agent.userId, added_at: t.clock.now() }).execute();
    const visible = (await create({ mode: 'progressive', queueId: agentQueue })).json;
    await create({ mode: 'progressive' });
    const res = await agent.call('GET', '/api/campaigns');
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([{ id: visible.id, name: visible.name, mode: 'progressive', status: 'draft', queueId: agentQueue, queueName: visible.queueName }]);
    expect(res.json.total).toBe(1);
    for (const [method, url, body] of [
      ['POST', '/api/campaigns', { name: 'Mine', mode: 'preview', queueId: agentQueue }],
      ['GET', `/api/campaigns/${visible.id}`, undefined],
      ['PATCH', `/api/campaigns/${visible.id}`, { name: 'Mine' }],
      ['DELETE', `/api/campaigns/${visible.id}`, undefined],
      ['POST', `/api/campaigns/${visible.id}/start`, undefined],
      ['PUT', `/api/campaigns/${visible.id}/lists/1`, undefined],
      ['GET', `/api/campaigns/${visible.id}/owner-errors`, undefined],
    ] as const) {
      expect((await agent.call(method, url, body)).status, `${method} ${url}`).toBe(403);
    }
  });

  it('L8 the defaults of a mode are offered before creating', async () => {
    const res = await admin.call('GET', '/api/campaigns/defaults?mode=power');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ mode: 'power', linesPerAgent: 1, preview: null, amd: { onMachine: 'hang_up_retry' } });
    expect(res.json.wrapUpCodes).toHaveLength(7);
  });

  it('L8 the OpenAPI document describes the campaign routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/campaigns', '/api/campaigns/{id}', '/api/campaigns/{id}/start', '/api/campaigns/{id}/owner-errors', '/api/campaigns/{id}/lists/{listId}']));
    expect(JSON.stringify(doc.components.schemas)).toMatch(/linesPerAgent/);
  });
});
