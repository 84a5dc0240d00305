import { expect, it } from 'vitest';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, signInThroughPage, textOf, until, WAIT_MS } from './support/desk-page.js';
import { addCampaign, ADMIN_PASSWORD, OTHER_CAMPAIGN, type Floor } from './support/pacer-floor.js';

/**
 * Issue 6 point 1: a campaign's lists and contactable times changed on its page — contact and
 * do-not-call lists attached and removed (L2, L4), holidays and weekly hours edited with the
 * same editor as the wizard's (L5) — each change checked in what the page shows and in what the
 * server stored.
 */
export function campaignEditConsoleTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  it('L2, L4: a supervisor attaches a second list and a do-not-call list to a campaign and removes them; the last list of a running campaign cannot be removed (the server says why)', async () => {
    const stamp = Date.now();
    const campaign = await addCampaign(ctx.floor, { name: `Console — lists ${stamp}`, csv: 'name,phone\nIga Sowa,+48221239301\n', mapping: { phones: [{ column: 'phone', type: 'home' }], name: 'name' }, region: 'PL', timeZone: 'Europe/Warsaw' });
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    await must(ctx.floor, admin, 'PUT', `/api/campaigns/${campaign.id}/grants/${ctx.floor.supervisor.id}`);
    const first = `${campaign.name} list`;
    const second = `Console — second list ${stamp}`;
    const secondList = await must(ctx.floor, admin, 'POST', '/api/lists', { name: second, defaultRegion: 'PL', defaultTimeZone: 'Europe/Warsaw' });
    await importCsv(ctx.floor, admin, secondList.id, 'name,phone\nOla Lis,+48221239302\nJan Kos,+48221239303\n');
    const dncName = `Console — opted out ${stamp}`;
    const dncList = await must(ctx.floor, admin, 'POST', '/api/dnc/lists', { name: dncName });
    await must(ctx.floor, admin, 'POST', `/api/dnc/lists/${dncList.id}/numbers`, { number: '+48221239399' });
    const stored = async () => must(ctx.floor, admin, 'GET', `/api/campaigns/${campaign.id}`);

    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await page.goto(`${ctx.floor.url}/console/campaigns/${campaign.id}`);
      const section = page.getByRole('region', { name: 'Lists' });
      const contact = section.getByRole('group', { name: 'Contact lists' });
      const dnc = section.getByRole('group', { name: 'Do-not-call lists' });
      const names = (group: typeof contact) => group.locator('.attached-name').allTextContents();
      await contact.locator(`li[data-list="${first}"]`).getByText('1 record', { exact: true }).waitFor({ timeout: WAIT_MS });
      await dnc.getByText('Every do-not-call list').waitFor();
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, shot('campaign-lists'));

      // The only list of a running campaign: asked first, then refused by the server, in the dialog.
      await contact.getByRole('button', { name: `Remove ${first}` }).click();
      let dialog = page.getByRole('dialog', { name: `Remove “${first}” from this campaign?` });
      await dialog.getByText(/no longer dials the records/).waitFor();
      await dialog.getByRole('button', { name: 'Remove the list' }).click();
      await dialog.getByRole('alert').getByText(`“${first}” is the only list of running campaign “${campaign.name}”; attach another list first, or pause or stop the campaign.`).waitFor({ timeout: WAIT_MS });
      await screenshot(page, shot('campaign-lists-refused'));
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect((await stored()).lists.map((l: { name: string }) => l.name)).toEqual([first]);

      // Attach the second list: picked among those not attached, with its record count.
      const picker = contact.getByLabel('Contact list to attach');
      expect(await picker.locator('option', { hasText: first }).count()).toBe(0);
      await picker.selectOption({ label: `${second} (2 records)` });
      await contact.getByText('The campaign is running: the records of a list attached now are dialed right away.').waitFor();
      await contact.getByRole('button', { name: 'Attach' }).click();
      await contact.locator(`li[data-list="${second}"]`).getByText('2 records', { exact: true }).waitFor({ timeout: WAIT_MS });
      expect(await names(contact)).toEqual([first, second]);
      expect((await stored()).lists.map((l: { name: string }) => l.name)).toEqual([first, second]);

      // Now the first can go.
      await contact.getByRole('button', { name: `Remove ${first}` }).click();
      dialog = page.getByRole('dialog', { name: `Remove “${first}” from this campaign?` });
      await dialog.getByRole('button', { name: 'Remove the list' }).click();
      await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
      await until('the first list gone', async () => (await names(contact)).join() === second);
      expect((await stored()).lists.map((l: { name: string }) => l.name)).toEqual([second]);

      // Do-not-call: none chosen means every list; choosing one narrows the check, so it is asked first.
      await dnc.getByText('Every do-not-call list').waitFor();
      await dnc.getByText(/None chosen, so each number is checked against all of them/).waitFor();
      await dnc.getByLabel('Do-not-call list to check against').selectOption({ label: `${dncName} (1 number)` });
      await dnc.getByRole('button', { name: 'Check against it' }).click();
      dialog = page.getByRole('dialog', { name: `Check only against “${dncName}”?` });
      await dialog.getByText(/Today each number is checked against every do-not-call list/).waitFor();
      await dialog.getByRole('button', { name: 'Check only these' }).click();
      await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
      await until('the do-not-call list shown', async () => (await names(dnc)).join() === dncName);
      await dnc.getByText(/checked against these lists only, and always against “Internal”/).waitFor();
      expect((await stored()).dncLists).toEqual([{ id: dncList.id, name: dncName }]);
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, shot('campaign-lists-edit'));

      await dnc.getByRole('button', { name: `Remove ${dncName}` }).click();
      dialog = page.getByRole('dialog', { name: `Stop checking against “${dncName}”?` });
      await dialog.getByText(/is the only list chosen: after this, each number is checked against every do-not-call list again/).waitFor();
      await dialog.getByRole('button', { name: 'Stop checking' }).click();
      await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
      await dnc.getByText('Every do-not-call list').waitFor();
      expect((await stored()).dncLists).toEqual([]);

      // Without a grant she reads the lists but changes nothing.
      const other = (await must(ctx.floor, admin, 'GET', '/api/campaigns?limit=500')).items.find((c: { name: string }) => c.name === OTHER_CAMPAIGN);
      await page.goto(`${ctx.floor.url}/console/campaigns/${other.id}`);
      const theirs = page.getByRole('region', { name: 'Lists' }).getByRole('group', { name: 'Contact lists' });
      await theirs.getByText('Warsaw customers').waitFor({ timeout: WAIT_MS });
      expect(await page.getByRole('region', { name: 'Lists' }).getByRole('button').count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Lists' }).getByRole('combobox').count()).toBe(0);
    } finally {
      await context.close();
      await campaign.stop();
    }
  }, 60_000);

  it('L5: holidays are added and removed on a campaign’s page and in the wizard, listed by date; a bad date is refused on the field', async () => {
    const stamp = Date.now();
    const campaign = await addCampaign(ctx.floor, { name: `Console — hours ${stamp}`, csv: 'name,phone\nIga Sowa,+48221239401\n', mapping: { phones: [{ column: 'phone', type: 'home' }], name: 'name' }, region: 'PL', timeZone: 'Europe/Warsaw' });
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    await must(ctx.floor, admin, 'PUT', `/api/campaigns/${campaign.id}/grants/${ctx.floor.supervisor.id}`);
    const stored = async (id: number) => (await must(ctx.floor, admin, 'GET', `/api/campaigns/${id}`)).contactableTimes;
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await page.goto(`${ctx.floor.url}/console/campaigns/${campaign.id}`);
      const hours = page.getByRole('region', { name: 'Contactable times' });
      const holidaysFact = hours.locator('.fact', { hasText: 'Holidays' }).locator('dd');
      await textOf(holidaysFact, 'None');

      // The wizard's editor: periods per weekday with From/To, holidays as rows.
      await button(page, 'Edit Contactable times').click();
      const form = hours.getByRole('form', { name: 'Contactable times' });
      expect(await form.getByLabel('Monday From').inputValue()).toBe('00:00');
      await form.getByRole('button', { name: 'Sunday: Remove these hours' }).click();
      await form.getByRole('row', { name: /Sunday/ }).getByText('Not dialed').waitFor();
      await form.getByRole('button', { name: 'Add a holiday' }).click();
      await form.getByLabel('Holiday 1: Date').fill('2026-12-24');
      await form.getByLabel('Holiday 1: Country (blank: all)').fill('pl');
      await form.getByLabel('Holiday 1: Name').fill('Wigilia');
      await form.getByRole('button', { name: 'Add a holiday' }).click();
      await form.getByLabel('Holiday 2: Date').fill('2026-11-11');
      await form.getByLabel('Holiday 2: Name').fill('Independence Day');
      // A third left without a date; leaving the table puts the others in date order.
      await form.getByRole('button', { name: 'Add a holiday' }).click();
      expect(await form.getByLabel('Holiday 1: Date').inputValue()).toBe('2026-11-11');
      expect(await form.getByLabel('Holiday 2: Country (blank: all)').inputValue()).toBe('PL');
      await form.getByRole('button', { name: 'Save' }).click();
      const bad = form.getByLabel('Holiday 3: Date');
      await until('the undated holiday marked', async () => (await bad.getAttribute('aria-invalid')) === 'true');
      await form.locator('.field-problems').getByText('Write the date as YYYY-MM-DD, a day of the calendar, e.g. 2026-12-24.').waitFor();
      expect(await form.getByLabel('Holiday 1: Date').getAttribute('aria-invalid')).toBeNull();
      await form.getByRole('button', { name: 'Add a holiday' }).scrollIntoViewIfNeeded();
      await screenshot(page, shot('campaign-hours-refused'));
      expect((await stored(campaign.id)).holidays).toEqual([]);

      await form.getByRole('button', { name: 'Holiday 3: Remove' }).click();
      await form.getByRole('button', { name: 'Save' }).click();
      await form.waitFor({ state: 'detached', timeout: WAIT_MS });
      const shown = hours.locator('[data-holiday]');
      await until('two holidays shown', async () => (await shown.count()) === 2);
      expect(await shown.allTextContents()).toEqual(['Wed, Nov 11, 2026 · Independence Day', 'Thu, Dec 24, 2026 · Wigilia PL only']);
      expect(await hours.getByRole('row', { name: /Sunday/ }).getByText('No calls').count()).toBe(1);
      let times = await stored(campaign.id);
      expect(times.holidays).toEqual([{ date: '2026-11-11', name: 'Independence Day' }, { date: '2026-12-24', country: 'PL', name: 'Wigilia' }]);
      expect(times.weekly.sun).toEqual([]);
      expect(times.weekly.mon).toEqual([{ start: '00:00', end: '24:00' }]);
      await hours.scrollIntoViewIfNeeded();
      await screenshot(page, shot('campaign-hours-view'));

      await button(page, 'Edit Contactable times').click();
      await form.getByRole('button', { name: 'Holiday 1: Remove' }).click();
      await form.getByRole('button', { name: 'Save' }).click();
      await form.waitFor({ state: 'detached', timeout: WAIT_MS });
      await until('one holiday shown', async () => (await shown.count()) === 1);
      times = await stored(campaign.id);
      expect(times.holidays).toEqual([{ date: '2026-12-24', country: 'PL', name: 'Wigilia' }]);

      // The wizard: the same editor; the server's refusal brings her back to the field.
      const name = `Holiday campaign ${stamp}`;
      await page.goto(`${ctx.floor.url}/console/campaigns/new`);
      await page.getByLabel('Campaign name').fill(name);
      await page.getByLabel(/^Queue/).selectOption({ label: 'Sales (1)' });
      const steps = page.getByRole('navigation', { name: 'Steps' });
      await steps.getByRole('button', { name: /Contactable times/ }).click();
      const step = page.getByRole('region', { name: 'Contactable times' });
      await button(page, 'Add a holiday').click();
      await step.getByLabel('Holiday 1: Date').fill('2027-01-01');
      await step.getByLabel('Holiday 1: Name').fill('New Year');
      await button(page, 'Add a holiday').click();
      await step.getByLabel('Holiday 2: Date').fill('2026-12-26');
      await step.getByLabel('Holiday 2: Name').fill('Boxing Day');
      await button(page, 'Add a holiday').click();
      await step.getByLabel('Holiday 3: Name').fill('Someday');
      await steps.getByRole('button', { name: /Review and create/ }).click();
      await button(page, 'Create campaign').click();
      await steps.getByRole('button', { name: /Contactable times \(has problems\)/ }).waitFor({ timeout: WAIT_MS });
      const undated = page.getByLabel('Holiday 3: Date');
      expect(await undated.getAttribute('aria-invalid')).toBe('true');
      await page.locator('.times-holidays .field-problems').getByText(/Write the date as YYYY-MM-DD/).waitFor();
      await screenshot(page, shot('wizard-hours-refused'));
      await button(page, 'Holiday 3: Remove').click();
      expect(await page.getByLabel('Holiday 1: Name').inputValue()).toBe('Boxing Day');
      await button(page, 'Holiday 1: Remove').click();
      await steps.getByRole('button', { name: /Review and create/ }).click();
      await page.locator('.wizard-summary div', { hasText: 'Holidays' }).getByText('2027-01-01 New Year').waitFor();
      await button(page, 'Create campaign').click();
      await page.waitForURL(/\/console\/campaigns\/\d+$/, { timeout: WAIT_MS });
      const id = Number(new URL(page.url()).pathname.split('/').pop());
      await textOf(page.getByRole('region', { name: 'Contactable times' }).locator('[data-holiday]'), 'Fri, Jan 1, 2027 · New Year');
      expect((await stored(id)).holidays).toEqual([{ date: '2027-01-01', name: 'New Year' }]);
    } finally {
      await context.close();
      await campaign.stop();
    }
  }, 90_000);
}

async function importCsv(floor: Floor, cookie: string, listId: number, csv: string): Promise<void> {
  const form = new FormData();
  form.append('mapping', JSON.stringify({ phones: [{ column: 'phone', type: 'home' }], name: 'name' }));
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'more.csv');
  const res = await fetch(`${floor.url}/api/lists/${listId}/imports?wait=true`, { method: 'POST', headers: { cookie }, body: form });
  if (res.status !== 200) throw new Error(`import failed: ${res.status} ${await res.text()}`);
}

async function must(floor: Floor, cookie: string, method: string, url: string, body?: unknown) {
  const res = await floor.api(cookie, method, url, body);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

