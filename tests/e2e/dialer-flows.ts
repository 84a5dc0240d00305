import { expect, it } from 'vitest';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, resetAgent, signInThroughPage, stateOf, textOf, until, WAIT_MS } from './support/desk-page.js';
import { ADMIN_PASSWORD, importCsv, OWNED_MAPPING, ownedCsv, type Floor } from './support/pacer-floor.js';

const POWER_CAMPAIGN = 'Sales — power, 3 lines';

/**
 * Issue 5 point 5 (journey J4): power dialing on the desktop — the dialer works three lines for
 * the agent and her console shows a card per line with its state (D2); the call that reaches her
 * pops the record with the outbound mark and the campaign name, and the browser plays the zip
 * tone (D1). The floor's simulated carrier answers every call after 1.5 s.
 */
export function dialerTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  it('D2, D1: three lines show as cards with their states; the connected call pops the record with the outbound mark and campaign name, with the zip tone', async () => {
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    const lists = (await ctx.floor.api(admin, 'GET', '/api/lists')).json.items as Array<{ id: number; name: string }>;
    const queues = (await ctx.floor.api(admin, 'GET', '/api/queues')).json as Array<{ id: number; name: string }>;
    const allDay = [{ start: '00:00', end: '24:00' }];
    const created = await ctx.floor.api(admin, 'POST', '/api/campaigns', {
      name: POWER_CAMPAIGN,
      mode: 'power',
      queueId: queues.find((q) => q.name === 'Sales')!.id,
      callerId: '+48223334458',
      listIds: [lists.find((l) => l.name === 'Warsaw customers')!.id],
      regulatoryProfile: 'none',
      contactableTimes: { weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, defaultTimeZone: 'Europe/Warsaw' },
      linesPerAgent: 3,
      abandonMessage: 'Sorry we missed you; we will call again.',
    });
    expect(created.status).toBe(201);
    const campaignId = created.json.id as number;
    expect((await ctx.floor.api(admin, 'POST', `/api/campaigns/${campaignId}/start`)).status).toBe(200);

    const { page, context } = await ctx.browser.newPage();
    // Count the tones the page plays (each zip tone is two short oscillator beeps).
    await page.addInitScript(() => {
      const w = window as unknown as { zipBeeps: number };
      w.zipBeeps = 0;
      const create = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        w.zipBeeps += 1;
        return create.call(this);
      };
    });
    try {
      await resetAgent(ctx.floor, 'kowalski');
      await signInThroughPage(page, ctx.floor, 'kowalski');
      await button(page, `Join ${POWER_CAMPAIGN}`).click();
      await textOf(stateOf(page), 'Not ready');
      await button(page, 'Ready').click();

      const lines = page.getByRole('region', { name: 'My lines' }).getByRole('listitem');
      let seen = 0;
      await until('at least two line cards at once', async () => {
        seen = Math.max(seen, await lines.count());
        return seen >= 2;
      });
      expect(seen).toBeLessThanOrEqual(3);
      expect(await lines.first().locator('.line-status').textContent()).toMatch(/^(Dialing|Ringing|Checking for a machine)$/);
      await screenshot(page, shot('D2-power-lines'));

      await textOf(stateOf(page), 'On a call');
      const contact = page.getByRole('region', { name: /./ }).filter({ has: page.getByRole('heading', { level: 1 }) });
      await contact.getByRole('img', { name: 'Outbound call' }).waitFor({ timeout: WAIT_MS });
      expect(await contact.locator('.campaign-tag').textContent()).toContain(POWER_CAMPAIGN);
      await until('the zip tone', async () => (await page.evaluate(() => (window as unknown as { zipBeeps: number }).zipBeeps)) >= 2);
      await screenshot(page, shot('D1-screen-pop'));

      await button(page, 'Not ready').click(); // no new lines after this call
      await page.getByRole('region', { name: 'Call', exact: true }).getByRole('button', { name: /^Hang up/ }).click();
      await textOf(stateOf(page), 'Wrap-up');
      await page.getByLabel('Wrap-up code').selectOption('sale');
      await button(page, 'Finish wrap-up').click();
      await textOf(stateOf(page), 'Not ready');
    } finally {
      await context.close();
      await ctx.floor.api(admin, 'POST', `/api/campaigns/${campaignId}/stop`);
      await resetAgent(ctx.floor, 'kowalski');
    }
  }, 90_000);
}

/**
 * Issue 5 point 4 (journey J1): an agent-owned preview campaign — the agent sees her own counts
 * and her records in the campaign's sort order, and they follow as she works (O11, O6).
 */
export function ownedTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  it('O11, O6: in an agent-owned campaign she sees her own counts and her records largest balance first; completing one moves the counts', async () => {
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    const queues = (await ctx.floor.api(admin, 'GET', '/api/queues')).json as Array<{ id: number; name: string }>;
    const list = (await ctx.floor.api(admin, 'POST', '/api/lists', { name: 'Owned accounts', defaultRegion: 'PL', defaultTimeZone: 'Europe/Warsaw' })).json as { id: number };
    const rows = [
      ['Ola Nowak', '+48221239001', 'kowalski@e2e.test', '300'],
      ['Jan Wrona', '+48221239002', 'kowalski@e2e.test', '4500'],
      ['Iga Sowa', '+48221239003', 'kowalski@e2e.test', '1200'],
      ['Kto Inny', '+48221239004', 'nobody@e2e.test', '9999'],
    ];
    await importCsv(ctx.floor, admin, list.id, ownedCsv(rows), OWNED_MAPPING);
    const allDay = [{ start: '00:00', end: '24:00' }];
    const created = await ctx.floor.api(admin, 'POST', '/api/campaigns', {
      name: 'Sales — my accounts',
      mode: 'agent_owned_preview',
      ownerColumn: 'owner',
      queueId: queues.find((q) => q.name === 'Sales')!.id,
      callerId: '+48223334459',
      listIds: [list.id],
      regulatoryProfile: 'none',
      contactableTimes: { weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, defaultTimeZone: 'Europe/Warsaw' },
      sortOrder: [{ column: 'balance', direction: 'desc', compareAs: 'number' }],
    });
    expect(created.status).toBe(201);
    const campaignId = created.json.id as number;
    expect((await ctx.floor.api(admin, 'POST', `/api/campaigns/${campaignId}/start`)).status).toBe(200);

    const { page, context } = await ctx.browser.newPage();
    try {
      await resetAgent(ctx.floor, 'kowalski');
      await signInThroughPage(page, ctx.floor, 'kowalski');
      await button(page, 'Join Sales — my accounts').click();
      await textOf(stateOf(page), 'Not ready');
      const panel = page.getByRole('region', { name: 'My records' });
      const count = (k: string) => panel.locator(`[data-count="${k}"]`);
      await textOf(count('owned'), '3');
      expect(await count('remaining').textContent()).toBe('3');
      expect(await count('done').textContent()).toBe('0');
      const order = panel.getByRole('list', { name: 'My remaining records in Sales — my accounts, in order' }).getByRole('listitem');
      await until('her three records in order', async () => (await order.allTextContents()).join('|') === 'Jan Wrona|Iga Sowa|Ola Nowak');
      await screenshot(page, shot('O11-my-records'));

      await button(page, 'Ready').click();
      const offer = page.getByRole('dialog', { name: 'New record' });
      await offer.waitFor({ timeout: WAIT_MS });
      expect(((await offer.locator('.offer-name').textContent()) ?? '').trim()).toBe('Jan Wrona');
      await offer.getByRole('button', { name: 'Accept' }).click();
      await button(page, 'Not ready').click();
      await button(page, /^Complete/).click();
      await textOf(stateOf(page), 'Not ready');
      await textOf(count('done'), '1');
      expect(await count('remaining').textContent()).toBe('2');
      await until('the list without the completed record', async () => (await order.allTextContents()).join('|') === 'Iga Sowa|Ola Nowak');
    } finally {
      await context.close();
      await ctx.floor.api(admin, 'POST', `/api/campaigns/${campaignId}/stop`);
      await resetAgent(ctx.floor, 'kowalski');
    }
  }, 90_000);
}
