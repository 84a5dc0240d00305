import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../support/app.js';
import { availableEngines } from '../support/storage.js';
import { makeList, makeQueue } from './helpers.js';

/** Campaign settings: dialing modes, contactable times, retry rules, wrap-up codes, call guide, sort order — each rule refused with the field at fault. */
describe.each(await availableEngines())('campaign settings (%s)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let queueId: number;
  let n = 0;
  const uniqueName = (base: string) => `${base} ${++n}`;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signInAs('admin');
    queueId = await makeQueue(t, 'Renewals');
  });
  afterAll(() => t?.close());

  const create = (body: Record<string, unknown>, who: Session = admin) => who.call('POST', '/api/campaigns', { name: uniqueName('Campaign'), queueId, ...body });
  const problems = (json: any): string[] => (json.error.details ?? []).map((d: any) => `${d.path}: ${d.problem}`);

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
});
