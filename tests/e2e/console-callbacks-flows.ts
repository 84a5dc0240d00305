import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, resetAgent, signInThroughPage, textOf, until, WAIT_MS } from './support/desk-page.js';
import { addAgent, addCampaign, ADMIN_PASSWORD, OTHER_CAMPAIGN, type Floor } from './support/pacer-floor.js';

/**
 * Issue 6 point 4: the console's callback management (C2–C4, C6, C8; BIZTEL's 再発信管理) in real
 * Chromium against the real server. The callbacks are made as agents make them — a previewed
 * record rescheduled through the agent API — on a campaign of the test's own, then moved in time
 * by the admin so that one is overdue, one due and one approaching.
 */
interface Made {
  campaign: { id: number; name: string };
  /** The callbacks in the order they were made; [0] overdue, [1] due, [2] approaching, [3] done. */
  ids: number[];
  contacts: Array<{ name: string; kana: string; phone: string }>;
  otherAgent: { id: number; name: string };
  collectionsPhone: string;
}

const CONTACTS = [
  ['山田 太郎', 'ヤマダ タロウ'],
  ['佐々木 花子', 'ササキ ハナコ'],
  ['鈴木 一郎', 'スズキ イチロウ'],
  ['高橋 美咲', 'タカハシ ミサキ'],
  ['田中 健', 'タナカ ケン'],
  ['伊藤 直子', 'イトウ ナオコ'],
  ['渡辺 翔', 'ワタナベ ショウ'],
  ['山本 由美', 'ヤマモト ユミ'],
  ['中村 大輔', 'ナカムラ ダイスケ'],
  ['小林 愛', 'コバヤシ アイ'],
  ['加藤 誠', 'カトウ マコト'],
  ['吉田 さくら', 'ヨシダ サクラ'],
].map(([name, kana], i) => ({ name: name!, kana: kana!, phone: `03-1234-56${String(i + 10)}` }));

export function callbacksConsoleTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  let made: Promise<Made> | undefined;
  const setup = () => (made ??= makeCallbacks(ctx.floor));
  const asAdmin = () => ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
  const results = (page: Page) => page.getByRole('region', { name: 'Search results' });
  const rows = (page: Page) => results(page).locator('tbody tr');
  const searchForm = (page: Page) => page.getByRole('form', { name: 'Search callbacks' });
  const rowOf = (page: Page, id: number) => results(page).locator(`tbody tr[data-callback-id="${id}"]`);
  const rowIds = async (page: Page) => (await rows(page).evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-callback-id')))));
  const headers = async (page: Page) => (await results(page).locator('thead th').allTextContents()).map((h) => h.replace(/[▲▼↕]/g, '').trim()).filter(Boolean);
  const rangeIs = (page: Page, text: string) => textOf(page.getByRole('navigation', { name: 'Result pages' }).locator('span.muted'), text);

  async function openPage(page: Page, query = '') {
    await signInThroughPage(page, ctx.floor, 'nakamura');
    await page.goto(`${ctx.floor.url}/console/callbacks${query}`);
    await rows(page).first().waitFor({ timeout: WAIT_MS });
  }
  async function reset(page: Page) {
    await button(page, 'Reset').click();
    await page.waitForURL(/\/console\/callbacks$/);
  }
  async function search(page: Page, fill: (form: ReturnType<typeof searchForm>) => Promise<void>) {
    const form = searchForm(page);
    await fill(form);
    await form.getByRole('button', { name: 'Search', exact: true }).click();
  }
  const onlyMine = (made: Made) => (form: ReturnType<typeof searchForm>) => form.getByLabel('Campaign').selectOption({ label: made.campaign.name }).then(() => undefined);

  it('C2, C3: a supervisor searches by phone, alert and period, and Reset clears; the results have C3\'s columns (two more via the chooser), a filter within them and pages; Collections stays hidden', async () => {
    const m = await setup();
    const { page, context } = await ctx.browser.newPage();
    try {
      await openPage(page);
      expect(await headers(page)).toEqual(['ID', 'Window start', 'Window end', 'Alert', 'Campaign', 'Batch', 'List', 'Dial group', 'Name', 'Phonetic name', 'Phone', 'Assignee', 'Notes', 'Created at']);
      const all = await rowIds(page);
      for (const id of m.ids.slice(0, 3)) expect(all).toContain(id);
      // Overdue, due and approaching come first (window start, oldest first) with their coloured badges.
      await textOf(rowOf(page, m.ids[0]!).locator('.cb-alert-overdue'), 'Overdue');
      await textOf(rowOf(page, m.ids[1]!).locator('.cb-alert-due'), 'Due now');
      await textOf(rowOf(page, m.ids[2]!).locator('.cb-alert-approaching'), 'Approaching');
      // The Collections campaign is not the supervisor's: not offered, not found, not shown.
      expect(await searchForm(page).getByLabel('Campaign').locator('option').allTextContents()).not.toContain(OTHER_CAMPAIGN);
      expect(await results(page).textContent()).not.toContain(OTHER_CAMPAIGN);
      await screenshot(page, shot('callbacks-search'));

      // By phone, written the national way: one callback; the search is kept in the address bar.
      const target = m.contacts[5]!;
      await search(page, (f) => f.getByLabel('Phone', { exact: true }).fill(target.phone));
      await until('one row for the phone', async () => (await rows(page).count()) === 1);
      expect(await rows(page).first().textContent()).toContain(target.name);
      expect(page.url()).toContain('phone=03-1234-5615');
      await page.reload();
      await until('the same row after a reload', async () => (await rows(page).count()) === 1);
      expect(await searchForm(page).getByLabel('Phone', { exact: true }).inputValue()).toBe(target.phone);
      await search(page, (f) => f.getByLabel('Phone', { exact: true }).fill(m.collectionsPhone));
      await results(page).getByText('No callback matches this search.').waitFor({ timeout: WAIT_MS });

      // Reset: every field empty, every callback back.
      await reset(page);
      await until('all rows back', async () => (await rows(page).count()) === all.length);
      expect(await searchForm(page).getByLabel('Phone', { exact: true }).inputValue()).toBe('');
      expect(page.url()).toMatch(/\/console\/callbacks$/);

      // By alert: overdue alone, then overdue or approaching.
      await search(page, async (f) => {
        await onlyMine(m)(f);
        await f.getByLabel('Overdue (window ended)').check();
      });
      await until('the overdue one', async () => JSON.stringify(await rowIds(page)) === JSON.stringify([m.ids[0]]));
      await search(page, (f) => f.getByLabel('Approaching (within 10 minutes)').check());
      await until('overdue and approaching', async () => JSON.stringify(await rowIds(page)) === JSON.stringify([m.ids[0], m.ids[2]]));
      await screenshot(page, shot('callbacks-alerts'));
      await reset(page);

      // By period: today 00:00 to 24:00 in the supervisor's zone, as the server counts it.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
      await search(page, async (f) => {
        await onlyMine(m)(f);
        await f.getByLabel('From date').fill(today);
        await f.getByLabel('To date').fill(today);
        await f.getByLabel('To time').selectOption('24:00');
      });
      const sup = await ctx.floor.signIn('nakamura');
      const expected = (await ctx.floor.api(sup, 'GET', `/api/callbacks?campaignId=${m.campaign.id}&from=${today}&to=${today}T24:00&timeZone=Europe/Warsaw`)).json;
      expect(expected.total).toBeGreaterThan(0);
      expect(expected.total).toBeLessThan(m.ids.length);
      await until('the period\'s rows', async () => JSON.stringify(await rowIds(page)) === JSON.stringify(expected.items.map((c: { id: number }) => c.id)));
      expect(page.url()).toContain('to=' + encodeURIComponent(`${today}T24:00`));

      // The hidden columns through the chooser; the filter within the results (kana works).
      await reset(page);
      await search(page, onlyMine(m));
      await until('all of the campaign', async () => (await rows(page).count()) === m.ids.length);
      await button(page, 'Columns').click();
      const chooser = page.getByRole('group', { name: 'Columns' });
      await chooser.getByLabel('Updated at').check();
      await chooser.getByLabel('Updated by').check();
      await button(page, 'Columns').click();
      expect((await headers(page)).slice(-3)).toEqual(['Created at', 'Updated at', 'Updated by']);
      const updatedBy = (await ctx.floor.api(await asAdmin(), 'GET', `/api/callbacks/${m.ids[0]}`)).json.updatedByName as string;
      expect(await rowOf(page, m.ids[0]!).locator('td.cb-col-updatedBy').textContent()).toBe(updatedBy);
      await screenshot(page, shot('callbacks-columns'));
      await results(page).getByLabel('Filter these results').fill('ササキ');
      await until('one filtered row', async () => (await rows(page).count()) === 1);
      await textOf(results(page).getByText(/on this page$/), /^1 of \d+ on this page$/);
      await results(page).getByLabel('Filter these results').fill('');

      // Pages of 10, sorted by the server: ID descending puts the newest first.
      await results(page).getByLabel('Rows per page').selectOption('10');
      await rangeIs(page, `1–10 of ${m.ids.length}`);
      await results(page).getByRole('button', { name: 'Next' }).click();
      await rangeIs(page, `11–${m.ids.length} of ${m.ids.length}`);
      await until('the last rows', async () => (await rows(page).count()) === m.ids.length - 10);
      await results(page).getByRole('button', { name: /^ID/ }).click();
      await rangeIs(page, `1–10 of ${m.ids.length}`);
      await until('ID ascending', async () => (await rowIds(page))[0] === Math.min(...m.ids));
      await results(page).getByRole('button', { name: /^ID/ }).click();
      await until('ID descending', async () => (await rowIds(page))[0] === Math.max(...m.ids));
      expect(await results(page).locator('th[aria-sort="descending"]').textContent()).toContain('ID');
      await screenshot(page, shot('callbacks-pages'));
    } finally {
      await context.close();
    }
  }, 120_000);

  it('C4: a supervisor opens a callback, changes date and time, assignee and notes, confirms, and sees it in the table; a refused edit shows the server\'s message', async () => {
    const m = await setup();
    const id = m.ids[6]!;
    const { page, context } = await ctx.browser.newPage();
    try {
      await openPage(page, `?campaignId=${m.campaign.id}`);
      await results(page).getByRole('button', { name: `Open callback ${id}` }).click();
      const detail = page.getByRole('dialog', { name: new RegExp(`^Callback ${id}`) });
      await detail.getByText(m.contacts[6]!.kana).waitFor({ timeout: WAIT_MS });
      await detail.getByRole('button', { name: 'Edit' }).click();
      const form = detail.getByRole('form', { name: 'Edit' });
      // The batch's one dial group; the assignee among the queue's members, or anyone in it.
      expect(await form.getByLabel('Dial group').locator('option').allTextContents()).toEqual(['Sales']);
      await until('the queue members', async () => (await form.getByLabel('Assignee').locator('option').allTextContents()).includes(m.otherAgent.name));
      const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(Date.now() + 86_400_000));
      await form.getByLabel('Date').fill(tomorrow);
      await form.getByLabel('From', { exact: true }).fill('14:00');
      await form.getByLabel('To', { exact: true }).fill('14:30');
      await form.getByLabel('Assignee').selectOption({ label: m.otherAgent.name });
      const notes = 'Call after lunch — 昼食後に電話';
      await form.getByLabel('Notes').fill(notes);
      await form.getByText(`${notes.length} / 500 characters`).waitFor();
      await form.getByRole('button', { name: 'Save' }).click();
      const confirm = page.getByRole('dialog', { name: `Save the changes to callback ${id}?` });
      await confirm.getByText(`${tomorrow} 14:00–14:30 (Asia/Tokyo)`).waitFor();
      await screenshot(page, shot('callbacks-edit'));
      await confirm.getByRole('button', { name: 'Save' }).click();
      await confirm.waitFor({ state: 'detached', timeout: WAIT_MS });
      await detail.getByText(notes).waitFor({ timeout: WAIT_MS });
      expect(await detail.textContent()).toContain('Ken Nakamura');
      await detail.getByRole('button', { name: 'Close' }).click();
      await textOf(rowOf(page, id).locator('td.cb-col-assignee'), m.otherAgent.name);
      expect(await rowOf(page, id).textContent()).toContain(notes);
      const admin = await asAdmin();
      const saved = (await ctx.floor.api(admin, 'GET', `/api/callbacks/${id}`)).json;
      expect(saved).toMatchObject({ windowStart: new Date(`${tomorrow}T05:00:00Z`).toISOString(), windowEnd: new Date(`${tomorrow}T05:30:00Z`).toISOString(), assigneeId: m.otherAgent.id, notes, updatedByName: 'Ken Nakamura' });

      // A window that ends before it starts: the server refuses, says why, and nothing changes.
      await results(page).getByRole('button', { name: `Open callback ${id}` }).click();
      await detail.getByRole('button', { name: 'Edit' }).click();
      await form.getByLabel('From', { exact: true }).fill('16:00');
      await form.getByLabel('To', { exact: true }).fill('15:00');
      await form.getByRole('button', { name: 'Save' }).click();
      await confirm.getByRole('button', { name: 'Save' }).click();
      await confirm.getByRole('alert').getByText(/The window ends before it starts/).waitFor({ timeout: WAIT_MS });
      await screenshot(page, shot('callbacks-edit-refused'));
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      expect((await ctx.floor.api(admin, 'GET', `/api/callbacks/${id}`)).json.windowStart).toBe(saved.windowStart);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('C8: a supervisor reassigns the selected callbacks at once after a confirmation; all or nothing when the server refuses one', async () => {
    const m = await setup();
    const [overdue, due, , done] = m.ids as [number, number, number, number];
    const { page, context } = await ctx.browser.newPage();
    try {
      await openPage(page, `?campaignId=${m.campaign.id}&assigneeId=${ctx.floor.agent.id}`);
      for (const id of [overdue, due, done]) await results(page).getByLabel(`Select callback ${id}`).check();
      const bar = page.getByRole('region', { name: 'Reassign the selected callbacks' });
      await textOf(bar.locator('strong'), 'Selected: 3');
      await until('the queue members', async () => (await bar.getByLabel('Reassign to').locator('option').allTextContents()).includes(m.otherAgent.name));
      await bar.getByLabel('Reassign to').selectOption({ label: m.otherAgent.name });
      await bar.getByRole('button', { name: 'Reassign' }).click();
      const confirm = page.getByRole('dialog', { name: `Reassign 3 callbacks to ${m.otherAgent.name}?` });
      await confirm.getByRole('button', { name: 'Reassign' }).click();
      await confirm.getByRole('alert').getByText(/Nothing was reassigned/).waitFor({ timeout: WAIT_MS });
      await textOf(confirm.getByRole('list', { name: 'Refused callbacks' }), new RegExp(`#${done}.*only pending callbacks are reassigned`));
      await screenshot(page, shot('callbacks-reassign-refused'));
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      const admin = await asAdmin();
      for (const id of [overdue, due]) expect((await ctx.floor.api(admin, 'GET', `/api/callbacks/${id}`)).json.assigneeId).toBe(ctx.floor.agent.id);

      await results(page).getByLabel(`Select callback ${done}`).uncheck();
      await textOf(bar.locator('strong'), 'Selected: 2');
      await bar.getByRole('button', { name: 'Reassign' }).click();
      await page.getByRole('dialog', { name: `Reassign 2 callbacks to ${m.otherAgent.name}?` }).getByRole('button', { name: 'Reassign' }).click();
      await page.getByRole('status').getByText(`2 callbacks reassigned to ${m.otherAgent.name}.`).waitFor({ timeout: WAIT_MS });
      // Still searching Anna's callbacks: the two have left the results.
      await until('the two gone from her results', async () => !(await rowIds(page)).some((id) => id === overdue || id === due));
      await screenshot(page, shot('callbacks-reassigned'));
      for (const id of [overdue, due]) expect((await ctx.floor.api(admin, 'GET', `/api/callbacks/${id}`)).json).toMatchObject({ assigneeId: m.otherAgent.id, updatedByName: 'Ken Nakamura' });
    } finally {
      await context.close();
    }
  }, 90_000);

  it('C6: the CSV of the current search downloads in UTF-8 with a BOM, or in Shift_JIS, with the search\'s rows', async () => {
    const m = await setup();
    const { page, context } = await ctx.browser.newPage();
    try {
      await openPage(page);
      await search(page, async (f) => {
        await onlyMine(m)(f);
        await f.getByLabel('Phonetic name').fill('ヤマ');
      });
      await until('the two ヤマ rows', async () => (await rows(page).count()) === 2);
      const [utf8] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'UTF-8 (with BOM)' }).click()]);
      const bytes = await readFile((await utf8.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').trim().split(/\r?\n/);
      expect(lines).toHaveLength(3);
      expect(lines.slice(1).join('\n')).toContain('山田 太郎');
      expect(lines.slice(1).join('\n')).toContain('山本 由美');

      const [sjis] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Shift_JIS' }).click()]);
      const raw = await readFile((await sjis.path())!);
      expect(raw[0]).not.toBe(0xef);
      const text = iconv.decode(raw, 'shift_jis');
      expect(text.trim().split(/\r?\n/)).toHaveLength(3);
      expect(text).toContain('ヤマダ タロウ');
      expect(text).toContain('ヤマモト ユミ');
      await screenshot(page, shot('callbacks-csv'));
    } finally {
      await context.close();
    }
  }, 60_000);

  /** The floor's callbacks for these tests, made through the API as agents make them. */
  async function makeCallbacks(floor: Floor): Promise<Made> {
    const admin = await asAdmin();
    const must = async (cookie: string, method: string, url: string, body?: unknown) => {
      const res = await floor.api(cookie, method, url, body);
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.json)}`);
      return res.json;
    };
    const other = await addAgent(floor, 'wrobel', 'Ewa Wróbel');
    const csv = ['name,kana,phone', ...CONTACTS.map((c) => `${c.name},${c.kana},${c.phone}`)].join('\n') + '\n';
    const campaign = await addCampaign(floor, { name: 'Callbacks — Tokyo', csv, mapping: { phones: [{ column: 'phone', type: 'home' }], name: 'name', phoneticName: 'kana' }, region: 'JP', timeZone: 'Asia/Tokyo' });
    await must(admin, 'PUT', `/api/campaigns/${campaign.id}/grants/${floor.supervisor.id}`);

    // Anna previews each record and reschedules it: the first eight for herself, the rest for anyone in the queue.
    const ids = await rescheduleAll(floor, 'kowalski', campaign.id, CONTACTS.length, (i) => ({ at: new Date(Date.now() + (48 + i) * 3_600_000).toISOString(), assignee: i < 8 ? 'me' : 'queue', notes: `Callback ${i + 1}`, windowMinutes: 30 }));
    // She calls the fourth one now from "My callbacks": it is no longer pending.
    await must(await floor.signIn('kowalski'), 'POST', `/api/agent/callbacks/${ids[3]}/take`);
    await resetAgent(floor, 'kowalski');
    // Out of the campaign, nobody is delivered the ones moved into their window now.
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    await must(admin, 'PATCH', `/api/callbacks/${ids[0]}`, { windowStart: at(-180), windowEnd: at(-150) });
    await must(admin, 'PATCH', `/api/callbacks/${ids[1]}`, { windowStart: at(-10), windowEnd: at(50) });
    await must(admin, 'PATCH', `/api/callbacks/${ids[2]}`, { windowStart: at(5), windowEnd: at(35) });

    // One in Collections, which the supervisor may not see.
    const collections = (await must(admin, 'GET', `/api/campaigns?search=${encodeURIComponent('Collections')}`)).items[0];
    const [hidden] = await rescheduleAll(floor, 'sato', collections.id, 1, () => ({ at: new Date(Date.now() + 3 * 3_600_000).toISOString(), assignee: 'me', notes: 'Collections callback', windowMinutes: 30 }));
    await resetAgent(floor, 'sato');
    const collectionsPhone = (await must(admin, 'GET', `/api/callbacks/${hidden}`)).phone as string;
    return { campaign, ids, contacts: CONTACTS, otherAgent: { id: other.id, name: 'Ewa Wróbel' }, collectionsPhone };
  }
}

/** An agent joins the campaign and, `count` times, takes the offered record and reschedules it; answers the callbacks' IDs. */
async function rescheduleAll(floor: Floor, login: string, campaignId: number, count: number, callback: (i: number) => object): Promise<number[]> {
  await resetAgent(floor, login);
  const cookie = await floor.signIn(login);
  const ids: number[] = [];
  await floor.api(cookie, 'POST', `/api/agent/campaigns/${campaignId}/join`);
  for (let i = 0; i < count; i++) {
    await floor.api(cookie, 'POST', '/api/agent/ready');
    let recordId = 0;
    await until('a record offered', async () => {
      const view = (await floor.api(cookie, 'GET', '/api/agent/state')).json;
      recordId = view.work?.recordId ?? 0;
      return view.state === 'reserved.offered' && recordId > 0;
    });
    expect((await floor.api(cookie, 'POST', '/api/agent/accept', { recordId })).status).toBe(200);
    expect((await floor.api(cookie, 'POST', '/api/agent/not-ready', { reason: 'break' })).status).toBe(200);
    const res = await floor.api(cookie, 'POST', '/api/agent/reschedule', { recordId, callback: callback(i) });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    ids.push(await lastCallbackOf(floor, recordId));
  }
  return ids;
}

/** The newest callback of the record, as the admin finds it (one left to anyone in the queue is not in the agent's own search). */
async function lastCallbackOf(floor: Floor, recordId: number): Promise<number> {
  const admin = await floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
  const all = (await floor.api(admin, 'GET', '/api/callbacks?limit=500&sort=id&order=desc')).json.items as Array<{ id: number; recordId: number }>;
  const found = all.find((c) => c.recordId === recordId);
  if (!found) throw new Error(`no callback for record ${recordId}`);
  return found.id;
}
