import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, resetAgent, signInThroughPage, textOf, until, WAIT_MS } from './support/desk-page.js';
import { addAgent, addCampaign, ADMIN_PASSWORD, OTHER_CAMPAIGN, type Floor } from './support/pacer-floor.js';

/**
 * Issue 6 point 6: the console's reports (R2, R3) in real Chromium against the real server. The
 * calls are real: an agent of the test's own joins a campaign of its own, previews the record,
 * dials it (the simulated carrier answers), talks, hangs up and wraps up with "sale"; the
 * supervisor then finds them in every report.
 */
const CAMPAIGN = 'Reports — Tokyo';
const CUSTOMER = { name: '森 陽介', kana: 'モリ ヨウスケ', phone: '03-5550-7101', e164: '+81355507101' };
const AGENT = { login: 'reiporter', name: 'Rei Porter' };

interface Made {
  campaignId: number;
  agentId: number;
  collectionsId: number;
}

export function reportsConsoleTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  let made: Promise<Made> | undefined;
  /** Once per run: the campaign, the agent and her call, wrapped up as a sale. */
  const setup = () => (made ??= makeCall(ctx.floor));

  async function openReports(page: Page, path: string): Promise<void> {
    await signInThroughPage(page, ctx.floor, 'nakamura');
    await page.goto(`${ctx.floor.url}/console/reports${path}`);
  }

  it('R2: the campaign report shows the supervisor\'s own campaign — its call, connect and sale, abandon rate, totals — with a drawn chart; the filters stay in the address; Collections cannot be picked; the CSV has a BOM and the row', async () => {
    const { campaignId, collectionsId } = await setup();
    const { page, context } = await ctx.browser.newPage();
    try {
      await openReports(page, '');
      await page.waitForURL(/\/console\/reports\/campaigns$/, { timeout: WAIT_MS });
      const campaign = page.getByLabel('Campaign', { exact: true });
      await until('the campaign choices', async () => (await campaign.locator('option').count()) > 1);
      const choices = await campaign.locator('option').allTextContents();
      expect(choices).toContain(CAMPAIGN);
      expect(choices).not.toContain(OTHER_CAMPAIGN);
      await campaign.selectOption(String(campaignId));
      await page.waitForURL(new RegExp(`campaignId=${campaignId}`));
      const row = page.locator(`tr[data-campaign-id="${campaignId}"]`);
      await textOf(row.locator('th'), new RegExp(CAMPAIGN));
      const cells = async () => (await row.locator('td').allTextContents()).map((s) => s.trim());
      // attempts, live answers, connects, abandoned, abandon rate, avg talk, avg wrap, reached, success, conversion, penetration
      const [attempts, live, connects, abandoned, rate, avgTalk, avgWrap, reached, success, conversion, penetration] = await cells();
      expect([attempts, live, connects, abandoned, rate, reached, success, conversion, penetration]).toEqual(['1', '1', '1', '0', '0%', '1', '1', '100%', '100%']);
      expect(avgTalk).not.toBe('0:00:00');
      expect(avgWrap).toMatch(/^0:00:\d\d$/);
      // The table of every campaign shows the row too, until the one for the chosen campaign arrives: wait for its totals.
      expect(await textOf(page.locator('tr[data-row="totals"] td').first(), '1')).toBe('1');

      // The chart is drawn on its canvas (some pixels are not blank).
      const drawn = await page.locator('.rp-chart canvas').evaluate((canvas: HTMLCanvasElement) => {
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
        return painted;
      });
      expect(drawn).toBeGreaterThan(500);
      await page.getByRole('button', { name: 'Last 7 days' }).click();
      await page.waitForURL(/from=/);
      await page.getByRole('heading', { name: 'Attempts, connects and abandons per day' }).waitFor();
      await page.getByRole('button', { name: 'Today' }).click();
      await page.getByRole('heading', { name: 'Attempts, connects and abandons per hour' }).waitFor();
      await screenshot(page, shot('reports-campaigns'));

      // A reload keeps the filters.
      await page.reload();
      await textOf(row.locator('td').first(), '1');
      expect(await campaign.inputValue()).toBe(String(campaignId));

      // The CSV of the table: UTF-8 with a BOM, the campaign's line and the total line.
      const card = page.getByRole('region', { name: 'Campaign report' });
      const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: 'UTF-8 (with BOM)' }).click()]);
      const bytes = await readFile((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text).toContain(CAMPAIGN);
      expect(text.split(/\r?\n/).some((line) => line.startsWith(',total,'))).toBe(true);

      // A campaign without a grant: the server's refusal, in its words.
      await page.goto(`${ctx.floor.url}/console/reports/campaigns?campaignId=${collectionsId}`);
      await textOf(page.getByRole('alert'), new RegExp(`You hold no grant on campaign ${collectionsId}`));
    } finally {
      await context.close();
    }
  });

  it('R2: results by wrap-up code show the sale at 100%; the agent report shows the agent\'s call with talk and wrap time, AHT and completed record, and a bar of her time; its CSV has her row', async () => {
    const { campaignId, agentId } = await setup();
    const { page, context } = await ctx.browser.newPage();
    try {
      await openReports(page, `/wrap-up-codes?campaignId=${campaignId}`);
      const sale = page.locator(`[data-campaign="${CAMPAIGN}"] tr[data-code="sale"]`);
      await textOf(sale.locator('td.num'), '1');
      await textOf(sale.locator('.rp-share'), '100%');
      expect(await page.locator(`[data-campaign="${CAMPAIGN}"] tr[data-code="busy"] td.num`).textContent()).toBe('0');

      await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Agents' }).click();
      await page.waitForURL(new RegExp(`/reports/agents\\?.*campaignId=${campaignId}`));
      const row = page.locator(`table[data-table="agents"] tr[data-user-id="${agentId}"]`);
      await textOf(row.locator('th'), new RegExp(AGENT.name));
      const cell = (col: string) => row.locator(`td[data-col="${col}"]`);
      expect(await cell('talk').textContent()).toMatch(/^0:00:0[1-9]|^0:00:[1-5]\d/);
      expect(await cell('wrap').textContent()).toMatch(/^0:00:0[1-9]|^0:00:[1-5]\d/);
      expect(await cell('calls').textContent()).toBe('1');
      expect(await cell('completed').textContent()).toBe('1');
      expect(await cell('aht').textContent()).not.toBe('—');
      expect(await cell('loggedIn').textContent()).not.toBe('0:00:00');
      await page.locator(`.rp-timebar-row[data-user-id="${agentId}"] .rp-t-talk`).waitFor();
      await screenshot(page, shot('reports-agents'));

      // One agent: the filter narrows the report.
      await page.getByLabel('Agent', { exact: true }).selectOption(String(agentId));
      await page.waitForURL(new RegExp(`agentId=${agentId}`));
      await until('only her row', async () => (await page.locator('table[data-table="agents"] tbody tr').count()) === 1);

      const [sjis] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Shift_JIS' }).click()]);
      const bytes = await readFile((await sjis.path())!);
      expect(bytes[0]).not.toBe(0xef);
      expect(iconv.decode(bytes, 'shift_jis')).toContain(AGENT.name);
    } finally {
      await context.close();
    }
  });

  it('R2: the attempt search finds the call by result, code and the number written another way, paged by the server; its CSV has the row', async () => {
    const { campaignId } = await setup();
    const { page, context } = await ctx.browser.newPage();
    try {
      await openReports(page, `/attempts?campaignId=${campaignId}`);
      const search = page.getByRole('form', { name: 'Attempt search' });
      await search.getByLabel('Result').selectOption('connected');
      await search.getByLabel('Wrap-up code').fill('SALE');
      await search.getByLabel('Phone', { exact: true }).fill(CUSTOMER.phone);
      await button(page, 'Search').click();
      await page.waitForURL(/phone=03-5550-7101/);
      await textOf(page.getByRole('heading', { name: /^Attempts found/ }), 'Attempts found: 1');
      const row = page.locator('table[data-table="attempts"] tbody tr');
      expect(await row.count()).toBe(1);
      const text = await row.textContent();
      for (const part of [CUSTOMER.name, CUSTOMER.kana, CUSTOMER.e164, AGENT.name, 'Connected', 'Sale', CAMPAIGN]) expect(text).toContain(part);
      await textOf(page.locator('.cb-pager .muted'), '1–1 of 1');
      await screenshot(page, shot('reports-attempts'));

      // Another result: nothing, and the page says what to do.
      await search.getByLabel('Result').selectOption('busy');
      await button(page, 'Search').click();
      await page.getByText('No attempt matches. Widen the period or clear a field, then search again.').waitFor();
      await search.getByLabel('Result').selectOption('');
      await button(page, 'Search').click();
      await textOf(page.getByRole('heading', { name: /^Attempts found/ }), 'Attempts found: 1');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'UTF-8 (with BOM)' }).click()]);
      const csv = (await readFile((await download.path())!)).toString('utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv).toContain(CUSTOMER.name);
    } finally {
      await context.close();
    }
  });

  it('R3: the customer search finds the record by its kana typed in hiragana and by its number written another way, with its list and its state in the campaign; the CSV downloads', async () => {
    await setup();
    const { page, context } = await ctx.browser.newPage();
    try {
      await openReports(page, '/customers');
      await page.getByText('Type a name, a phonetic name (hiragana or katakana) or a phone number in any format, then Search.').waitFor();
      const search = page.getByRole('form', { name: 'Customer search' });
      await search.getByLabel('Phonetic name (kana)').fill('もり ようす');
      await button(page, 'Search').click();
      const row = page.locator('table[data-table="customers"] tbody tr', { hasText: CUSTOMER.name });
      await row.waitFor({ timeout: WAIT_MS });
      await expectCustomer(row);
      await screenshot(page, shot('reports-customers'));

      await search.getByLabel('Phonetic name (kana)').fill('');
      await search.getByLabel('Phone', { exact: true }).fill('+81 (0)3 5550 7101');
      await button(page, 'Search').click();
      await page.waitForURL(/phone=/);
      await textOf(page.getByRole('heading', { name: /^Customers found/ }), 'Customers found: 1');
      await expectCustomer(row);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'UTF-8 (with BOM)' }).click()]);
      const csv = (await readFile((await download.path())!)).toString('utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv).toContain(CUSTOMER.kana);
    } finally {
      await context.close();
    }
  });
}

async function expectCustomer(row: Locator): Promise<void> {
  const text = (await row.textContent()) ?? '';
  for (const part of [CUSTOMER.name, CUSTOMER.kana, `${CAMPAIGN} list`, CUSTOMER.e164, CAMPAIGN, 'Done', 'attempts: 1', 'Connected']) expect(text).toContain(part);
}

/** The campaign (granted to the supervisor), the agent, and her one call: previewed, dialed, answered, talked, wrapped up as a sale. */
async function makeCall(floor: Floor): Promise<Made> {
  const campaign = await addCampaign(floor, {
    name: CAMPAIGN,
    csv: `name,kana,phone\n${CUSTOMER.name},${CUSTOMER.kana},${CUSTOMER.phone}\n`,
    mapping: { phones: [{ column: 'phone', type: 'home' }], name: 'name', phoneticName: 'kana' },
    region: 'JP',
    timeZone: 'Asia/Tokyo',
  });
  const agent = await addAgent(floor, AGENT.login, AGENT.name);
  const admin = await floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
  const must = async (cookie: string, method: string, url: string, body?: unknown) => {
    const res = await floor.api(cookie, method, url, body);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  };
  await must(admin, 'PUT', `/api/campaigns/${campaign.id}/grants/${floor.supervisor.id}`);
  const all = (await must(admin, 'GET', '/api/campaigns?limit=500')).items as Array<{ id: number; name: string }>;
  const collectionsId = all.find((c) => c.name === OTHER_CAMPAIGN)!.id;

  const cookie = await floor.signIn(AGENT.login);
  const state = async () => (await must(cookie, 'GET', '/api/agent/state')) as { state: string; work?: { recordId?: number } };
  await must(cookie, 'POST', `/api/agent/campaigns/${campaign.id}/join`);
  await must(cookie, 'POST', '/api/agent/ready');
  let recordId = 0;
  await until('the record offered', async () => {
    const view = await state();
    recordId = view.work?.recordId ?? 0;
    return view.state === 'reserved.offered' && recordId > 0;
  });
  await must(cookie, 'POST', '/api/agent/accept', { recordId });
  await must(cookie, 'POST', '/api/agent/dial', { recordId, number: CUSTOMER.e164 });
  await until('the call answered', async () => (await state()).state === 'on_call.active');
  await new Promise((r) => setTimeout(r, 2200));
  // She hangs up (unless the line dropped first: then the call is over already).
  await floor.api(cookie, 'POST', '/api/agent/hang-up');
  await until('wrap-up', async () => (await state()).state === 'wrap_up');
  await new Promise((r) => setTimeout(r, 1500));
  await must(cookie, 'POST', '/api/agent/not-ready', { reason: 'break' });
  await must(cookie, 'POST', '/api/agent/wrap-up', { recordId, code: 'sale', notes: 'Bought the Gold plan' });
  await until('not ready after the record', async () => (await state()).state === 'not_ready');
  await resetAgent(floor, AGENT.login);
  await campaign.stop();
  return { campaignId: campaign.id, agentId: agent.id, collectionsId };
}
