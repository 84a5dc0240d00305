import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, signInThroughPage, textOf, WAIT_MS } from './support/desk-page.js';
import { addCampaign, ADMIN_PASSWORD, PASSWORD, type Floor } from './support/pacer-floor.js';

/**
 * Issue 6 point 7: the named settings campaigns start from — wrap-up code sets and contactable
 * hours — kept by an admin in Administration, read by supervisors, and copied into a campaign
 * from its page (the wizard's steps use the same editors and pickers).
 */
export function templatesConsoleTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  const tabs = (page: Page) => page.getByRole('navigation', { name: 'Administration sections' });
  const SET = `E2E sales outcomes ${Date.now()}`;

  it('D8, A1: an admin keeps a wrap-up code set (a refused save says why); a supervisor sees it read-only, fills her campaign’s codes from it, and the campaign keeps its copy when the set is deleted', async () => {
    const campaign = await addCampaign(ctx.floor, {
      name: `Codes from a set ${Date.now()}`,
      csv: 'name,phone\nJan Lis,+48221239101\n',
      mapping: { phones: [{ column: 'phone', type: 'home' }], name: 'name' },
      region: 'PL',
      timeZone: 'Europe/Warsaw',
    });
    const adminCookie = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    await ctx.floor.api(adminCookie, 'PUT', `/api/campaigns/${campaign.id}/grants/${ctx.floor.supervisor.id}`);
    const admin = await ctx.browser.newPage();
    const supervisor = await ctx.browser.newPage();
    try {
      // The admin creates the set: it starts with the system codes; she adds her own.
      await signInThroughPage(admin.page, ctx.floor, 'admin@e2e.test', ADMIN_PASSWORD);
      await admin.page.goto(`${ctx.floor.url}/console/admin`);
      await tabs(admin.page).getByRole('link', { name: 'Wrap-up code sets' }).click();
      await admin.page.getByLabel('New set’s name').fill(SET);
      await button(admin.page, 'Create set').click();
      const editor = admin.page.getByRole('region', { name: SET });
      await editor.getByLabel('sale: Label the agent sees').waitFor({ timeout: WAIT_MS });
      await editor.getByRole('button', { name: 'Add a code' }).click();
      await editor.getByRole('textbox', { name: 'Code', exact: true }).last().fill('upgrade');
      await editor.getByLabel('upgrade: Label the agent sees').fill('Upgraded to Gold');
      await editor.getByLabel('upgrade: Outcome').selectOption('retry_after');
      await editor.getByRole('button', { name: 'Save' }).click();
      // retry_after without a wait: the server's rule, with the code at fault.
      await textOf(editor.getByRole('alert'), /retryAfterMinutes/);
      await editor.getByLabel('upgrade: Outcome').selectOption('final_success');
      await editor.getByLabel('sale: Label the agent sees').fill('Sold');
      await editor.getByRole('button', { name: 'Save' }).click();
      const row = admin.page.getByRole('row').filter({ has: admin.page.getByRole('rowheader', { name: SET }) });
      await row.getByText('Upgraded to Gold').waitFor({ timeout: WAIT_MS });
      expect(await editor.getByRole('alert').count()).toBe(0);
      await screenshot(admin.page, shot('admin-code-sets'));

      // The supervisor: the set is there to read, its form disabled, no way to create one.
      await signInThroughPage(supervisor.page, ctx.floor, 'nakamura', PASSWORD);
      await supervisor.page.goto(`${ctx.floor.url}/console/admin/code-sets`);
      await supervisor.page.getByText('Only administrators change these; campaigns take a copy.').waitFor({ timeout: WAIT_MS });
      await supervisor.page.getByRole('button', { name: SET }).click();
      expect(await supervisor.page.getByRole('region', { name: SET }).getByLabel('upgrade: Label the agent sees').isDisabled()).toBe(true);
      expect(await supervisor.page.getByRole('button', { name: 'Create set' }).count()).toBe(0);

      // …and fills her campaign's codes from it, on the campaign's page.
      await supervisor.page.goto(`${ctx.floor.url}/console/campaigns/${campaign.id}`);
      await button(supervisor.page, 'Edit Wrap-up codes').click();
      const codes = supervisor.page.getByRole('form', { name: 'Wrap-up codes' });
      await codes.getByLabel('Fill from a wrap-up code set:').selectOption({ label: SET });
      await codes.getByRole('button', { name: 'Use it' }).click();
      expect(await codes.getByLabel('upgrade: Label the agent sees').inputValue()).toBe('Upgraded to Gold');
      await codes.getByRole('button', { name: 'Save' }).click();
      await codes.waitFor({ state: 'detached', timeout: WAIT_MS });
      await supervisor.page.getByText('Upgraded to Gold').waitFor();

      // The admin deletes the set (asked first); the campaign keeps its copy.
      await row.getByRole('button', { name: `Delete ${SET}` }).click();
      await admin.page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await row.waitFor({ state: 'detached', timeout: WAIT_MS });
      const saved = (await ctx.floor.api(adminCookie, 'GET', `/api/campaigns/${campaign.id}`)).json;
      expect(saved.wrapUpCodes).toContainEqual(expect.objectContaining({ code: 'upgrade', label: 'Upgraded to Gold', outcome: 'final_success', system: false }));
      expect(saved.wrapUpCodes).toContainEqual(expect.objectContaining({ code: 'sale', label: 'Sold', system: true }));
    } finally {
      await admin.context.close();
      await supervisor.context.close();
      await campaign.stop();
    }
  });

  it('L5, A1: an admin keeps contactable hours with a holiday (hours ending before they start are refused); a supervisor fills the wizard’s hours from it', async () => {
    const name = `E2E Japan office hours ${Date.now()}`;
    const admin = await ctx.browser.newPage();
    const supervisor = await ctx.browser.newPage();
    try {
      await signInThroughPage(admin.page, ctx.floor, 'admin@e2e.test', ADMIN_PASSWORD);
      await admin.page.goto(`${ctx.floor.url}/console/admin/hours`);
      await admin.page.getByLabel('New template’s name').fill(name);
      await button(admin.page, 'Create template').click();
      const editor = admin.page.getByRole('region', { name });
      // A new template starts from the default hours; this one is Monday only, 18:00–09:00 first (refused).
      await editor.getByLabel('Monday From').waitFor({ timeout: WAIT_MS });
      for (const day of ['Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']) await editor.getByRole('button', { name: `${day}: Remove these hours` }).click();
      await editor.getByLabel('Monday From').fill('18:00');
      await editor.getByLabel('Monday To').fill('09:00');
      await editor.getByLabel('Time zone of records without one').fill('Asia/Tokyo');
      await editor.getByRole('button', { name: 'Add a holiday' }).click();
      await editor.getByLabel('Holiday 1: Date').fill('2027-01-01');
      await editor.getByLabel('Holiday 1: Name').fill('元日');
      await editor.getByRole('button', { name: 'Save' }).click();
      await textOf(editor.getByRole('alert'), /ends before it starts/);
      await editor.getByLabel('Monday From').fill('09:00');
      await editor.getByLabel('Monday To').fill('18:00');
      await editor.getByRole('button', { name: 'Save' }).click();
      const row = admin.page.getByRole('row').filter({ has: admin.page.getByRole('rowheader', { name }) });
      await row.getByText('Days a week: 1 · holidays: 1 · Asia/Tokyo').waitFor({ timeout: WAIT_MS });
      await screenshot(admin.page, shot('admin-hours-templates'));

      await signInThroughPage(supervisor.page, ctx.floor, 'nakamura', PASSWORD);
      await supervisor.page.goto(`${ctx.floor.url}/console/campaigns/new`);
      await supervisor.page.getByLabel('Campaign name').fill(`Hours from a template ${Date.now()}`);
      await supervisor.page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Contactable times/ }).click();
      await supervisor.page.getByLabel('Fill from a template:').selectOption({ label: name });
      await button(supervisor.page, 'Use it').click();
      expect(await supervisor.page.getByLabel('Monday From').inputValue()).toBe('09:00');
      expect(await supervisor.page.getByLabel('Monday To').inputValue()).toBe('18:00');
      expect(await supervisor.page.getByLabel('Holiday 1: Name').inputValue()).toBe('元日');
      expect(await supervisor.page.getByLabel('Time zone of records without one').inputValue()).toBe('Asia/Tokyo');
      await supervisor.page.getByRole('row', { name: /Tuesday/ }).getByText('Not dialed').waitFor();
      await screenshot(supervisor.page, shot('wizard-hours-from-template'));
    } finally {
      await admin.context.close();
      await supervisor.context.close();
    }
  });
}
