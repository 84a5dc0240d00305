import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, signInThroughPage, textOf, until, WAIT_MS } from './support/desk-page.js';
import { ADMIN_PASSWORD, CALL_GUIDE, OTHER_CAMPAIGN, PASSWORD, PREVIEW_CAMPAIGN, type Floor } from './support/pacer-floor.js';

/**
 * Issue 6 point 7: administration (A1, L4) in real Chromium against the real server. The tests
 * make their own users, queue and do-not-call list and change only those, so the floor's
 * users, memberships and grants stay as the other tests expect them.
 */
const AGENT = { login: 'admin-made-agent', name: 'Hanna Admin-Made', password: 'hanna-password-2026' };
const SUPERVISOR = { login: 'admin-made-super', name: 'Kenji Promoted', password: 'kenji-password-2026' };

export function adminConsoleTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  const tabs = (page: Page) => page.getByRole('navigation', { name: 'Administration sections' });
  const dialog = (page: Page) => page.getByRole('dialog');
  const userRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

  async function openAdmin(page: Page, login = 'admin@e2e.test', password = ADMIN_PASSWORD) {
    await signInThroughPage(page, ctx.floor, login, password);
    await page.goto(`${ctx.floor.url}/console/admin`);
  }

  async function newUser(page: Page, who: { login: string; name: string; password: string }) {
    await button(page, 'New user').click();
    const form = dialog(page);
    await form.getByLabel('Name').fill(who.name);
    await form.getByLabel('Email', { exact: true }).fill(`${who.login}@e2e.test`);
    await form.getByLabel('User ID').fill(who.login);
    await form.getByLabel('Password').fill(who.password);
    await form.getByLabel('Time zone').fill('Europe/Warsaw');
    await form.getByRole('button', { name: 'Create user' }).click();
    await userRow(page, who.name).waitFor();
  }

  it('A1, T2: an admin creates an agent who signs in with the password given; her phone line is set in the edit form (a bad one refused under the field); added to a queue she sees its campaigns; disabled she cannot sign in', async () => {
    const { page, context } = await ctx.browser.newPage();
    const agent = await ctx.browser.newPage();
    try {
      await openAdmin(page);
      await page.waitForURL(/\/console\/admin\/users$/, { timeout: WAIT_MS });
      expect(await tabs(page).getByRole('link').allTextContents()).toEqual(['Users', 'Queues and members', 'Supervisor grants', 'Do-not-call lists', 'Wrap-up code sets', 'Contactable hours', 'Call guides']);
      await userRow(page, 'Anna Kowalski').waitFor();

      // A password the server refuses (too short): its message, and nothing created.
      await button(page, 'New user').click();
      await dialog(page).getByLabel('Name').fill(AGENT.name);
      await dialog(page).getByLabel('Email', { exact: true }).fill(`${AGENT.login}@e2e.test`);
      await dialog(page).getByLabel('Password').fill('short');
      await dialog(page).getByRole('button', { name: 'Create user' }).click();
      await textOf(dialog(page).getByRole('alert'), /password/i);
      await dialog(page).getByRole('button', { name: 'Cancel' }).click();

      await newUser(page, AGENT);
      const row = userRow(page, AGENT.name);
      expect(await row.getByRole('cell').allTextContents()).toEqual([`${AGENT.login}@e2e.test`, AGENT.login, 'Agent', 'Not set', 'English', 'Europe/Warsaw', 'Active', expect.stringContaining('Edit')]);

      // T2: her phone line. A value the server refuses: what is wrong, under the field; a good one is in the table.
      await button(page, `Edit ${AGENT.name}`).click();
      const line = dialog(page).getByLabel('Phone line (SIP URI)');
      await line.fill('1001@pbx.example.com');
      await dialog(page).getByRole('button', { name: 'Save' }).click();
      await textOf(dialog(page).locator('label.field').filter({ hasText: 'Phone line (SIP URI)' }).getByRole('alert'), /must start with sip: or sips: — e\.g\. sip:1001@pbx\.example\.com/);
      expect(await line.getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, shot('admin-user-line-refused'));
      await line.fill('sip:1001@pbx.example.com:5060;transport=tcp');
      await dialog(page).getByRole('button', { name: 'Save' }).click();
      await textOf(row.getByRole('cell').nth(3), 'sip:1001@pbx.example.com:5060;transport=tcp');
      await screenshot(page, shot('admin-users'));

      // She signs in with the password given and lands on her desktop, in no queue yet.
      await signInThroughPage(agent.page, ctx.floor, AGENT.login, AGENT.password);
      await agent.page.getByRole('region', { name: 'My campaigns' }).getByText('No campaign dials for your queues yet.', { exact: false }).waitFor();

      // A queue of our own: create, rename, delete (asked first).
      await tabs(page).getByRole('link', { name: 'Queues and members' }).click();
      await page.getByLabel('New queue name').fill('Admin test queue');
      await button(page, 'Create queue').click();
      await page.getByRole('region', { name: 'Agents in Admin test queue' }).getByText('No agents in this queue', { exact: false }).waitFor();
      await button(page, 'Rename Admin test queue').click();
      await page.getByRole('textbox', { name: 'Queue', exact: true }).fill('Admin queue renamed');
      await button(page, 'Save').click();
      await page.getByRole('button', { name: 'Admin queue renamed', exact: true }).waitFor();
      await button(page, 'Delete Admin queue renamed').click();
      await textOf(dialog(page), /Delete the queue Admin queue renamed\?/);
      await dialog(page).getByRole('button', { name: 'Delete' }).click();
      await until('the queue is gone', async () => (await page.getByRole('button', { name: 'Admin queue renamed', exact: true }).count()) === 0);

      // Deleting a queue a campaign dials for: the server's refusal, in the dialog.
      await button(page, 'Delete Sales').click();
      await dialog(page).getByRole('button', { name: 'Delete' }).click();
      await textOf(dialog(page).getByRole('alert'), /used by campaign/);
      await dialog(page).getByRole('button', { name: 'Cancel' }).click();

      // Into Sales: she sees its campaigns.
      await page.getByRole('button', { name: 'Sales', exact: true }).click();
      const members = page.getByRole('region', { name: 'Agents in Sales' });
      await members.getByLabel('Pick an agent…').selectOption({ label: `${AGENT.name} (${AGENT.login})` });
      await members.getByRole('button', { name: 'Add' }).click();
      await members.getByText(AGENT.name).waitFor();
      await screenshot(page, shot('admin-queues'));
      await agent.page.reload();
      await agent.page.getByRole('region', { name: 'My campaigns' }).getByText(PREVIEW_CAMPAIGN).waitFor({ timeout: WAIT_MS });

      // Disabled (asked first), she is signed out and cannot sign in again.
      await tabs(page).getByRole('link', { name: 'Users' }).click();
      await button(page, `Disable ${AGENT.name}`).click();
      await textOf(dialog(page), new RegExp(`Disable ${AGENT.name}\\?`));
      await dialog(page).getByRole('button', { name: 'Disable' }).click();
      await textOf(userRow(page, AGENT.name).getByRole('cell').nth(6), 'Disabled');
      expect((await ctx.floor.api(await signInCookie(agent.page), 'GET', '/api/auth/me')).status).toBe(401);
      const again = await ctx.browser.newPage();
      try {
        await again.page.goto(ctx.floor.url);
        await again.page.getByLabel('Email or user ID').fill(AGENT.login);
        await again.page.getByLabel('Password').fill(AGENT.password);
        await button(again.page, 'Sign in').click();
        await again.page.getByRole('alert').getByText('The email, user ID or password is not right.', { exact: false }).waitFor({ timeout: WAIT_MS });
      } finally {
        await again.context.close();
      }
    } finally {
      await agent.context.close();
      await context.close();
    }
  });

  it('A1: a new user promoted to supervisor (asked first) is granted a campaign, which then is hers to change, and the revoke takes it away', async () => {
    const { page, context } = await ctx.browser.newPage();
    try {
      await openAdmin(page);
      await page.waitForURL(/\/console\/admin\/users$/, { timeout: WAIT_MS });
      await newUser(page, SUPERVISOR);
      await button(page, `Edit ${SUPERVISOR.name}`).click();
      await dialog(page).getByLabel('Role').selectOption('supervisor');
      await screenshot(page, shot('admin-user-form'));
      await dialog(page).getByRole('button', { name: 'Save' }).click();
      await textOf(page.getByRole('dialog', { name: `Change the role of ${SUPERVISOR.name}?` }), /From Agent to Supervisor/);
      await button(page, 'Change role').click();
      await textOf(userRow(page, SUPERVISOR.name).getByRole('cell').nth(2), 'Supervisor');

      const cookie = await ctx.floor.signIn(SUPERVISOR.login, SUPERVISOR.password);
      const scope = async () => ((await ctx.floor.api(cookie, 'GET', '/api/dashboard')).json.campaigns as Array<{ name: string }>).map((c) => c.name);
      expect(await scope()).not.toContain(OTHER_CAMPAIGN);

      await tabs(page).getByRole('link', { name: 'Supervisor grants' }).click();
      await page.getByRole('button', { name: new RegExp(`^${OTHER_CAMPAIGN}`) }).click();
      const granted = page.getByRole('region', { name: `Supervisors granted ${OTHER_CAMPAIGN}` });
      await granted.getByText('No supervisor is granted this campaign', { exact: false }).waitFor();
      await granted.getByLabel('Pick a supervisor…').selectOption({ label: `${SUPERVISOR.name} (${SUPERVISOR.login})` });
      await granted.getByRole('button', { name: 'Add' }).click();
      await granted.getByText(SUPERVISOR.name).waitFor();
      await screenshot(page, shot('admin-grants'));
      expect(await scope()).toContain(OTHER_CAMPAIGN);

      await granted.getByRole('button', { name: `Revoke the grant of ${SUPERVISOR.name}` }).click();
      await textOf(dialog(page), new RegExp(`Revoke the grant of ${SUPERVISOR.name} on ${OTHER_CAMPAIGN}\\?`));
      await dialog(page).getByRole('button', { name: 'Revoke' }).click();
      await granted.getByText('No supervisor is granted this campaign', { exact: false }).waitFor();
      expect(await scope()).not.toContain(OTHER_CAMPAIGN);
    } finally {
      await context.close();
    }
  });

  it('L4, A1: a supervisor keeps a do-not-call list — a number added or imported is reported blocked by the check, removed it is not — and gets no admin-only tab', async () => {
    const { page, context } = await ctx.browser.newPage();
    try {
      await openAdmin(page, 'nakamura', PASSWORD);
      await page.waitForURL(/\/console\/admin\/dnc$/, { timeout: WAIT_MS });
      expect(await tabs(page).getByRole('link').allTextContents()).toEqual(['Do-not-call lists', 'Wrap-up code sets', 'Contactable hours', 'Call guides']);

      await page.getByLabel('New list name').fill('E2E admin blocked');
      await button(page, 'Create list').click();
      const panel = page.getByRole('region', { name: 'E2E admin blocked' });
      await panel.getByText('This list has no numbers yet.').waitFor();

      await panel.getByLabel('Number to block').fill('+48 22 123 99 01');
      await panel.getByLabel('Reason (optional)').fill('asked on the phone');
      await panel.getByRole('button', { name: 'Block number' }).click();
      await panel.getByRole('status').filter({ hasText: '+48221239901 added.' }).waitFor();
      // A national number without a region: the server's message says what to do.
      await panel.getByLabel('Number to block').fill('221239902');
      await panel.getByRole('button', { name: 'Block number' }).click();
      await textOf(panel.getByRole('alert'), /give a region/);
      await panel.getByLabel('Region').first().fill('pl');
      await panel.getByRole('button', { name: 'Block number' }).click();
      await panel.getByRole('status').filter({ hasText: '+48221239902 added.' }).waitFor();

      await panel.getByLabel('CSV file of numbers').setInputFiles({ name: 'dnc.csv', mimeType: 'text/csv', buffer: Buffer.from('phone\n+48221239903\n+48221239904\nnot a number\n+48221239901\n') });
      await panel.getByRole('button', { name: 'Import file' }).click();
      await panel.getByRole('status').filter({ hasText: '4 rows read: 2 added, 1 already there, 1 skipped.' }).waitFor();
      await textOf(panel.getByRole('table', { name: 'Numbers on E2E admin blocked' }), /\+48221239904/);
      await page.getByRole('table', { name: 'Do-not-call lists' }).getByRole('row').filter({ hasText: 'E2E admin blocked' }).getByText('4', { exact: true }).waitFor();

      const check = page.getByRole('region', { name: 'Check a number' });
      await check.getByLabel('Number', { exact: true }).fill('+48221239903');
      await check.getByRole('button', { name: 'Check' }).click();
      await textOf(check.getByRole('status'), '+48221239903 is blocked by: E2E admin blocked');
      await screenshot(page, shot('admin-dnc'));

      await panel.getByLabel('Find by leading digits (+8131)').fill('+4822123990');
      await textOf(panel.locator('.admin-pager'), /1–4 of 4/);
      await panel.getByRole('button', { name: 'Remove +48221239903' }).click();
      await dialog(page).getByRole('button', { name: 'Remove' }).click();
      await textOf(panel.locator('.admin-pager'), /1–3 of 3/);
      await check.getByRole('button', { name: 'Check' }).click();
      await textOf(check.getByRole('status'), '+48221239903 is on no do-not-call list.');

      await button(page, 'Delete E2E admin blocked').click();
      await dialog(page).getByRole('button', { name: 'Delete' }).click();
      await until('the list is gone', async () => (await page.getByRole('region', { name: 'E2E admin blocked' }).count()) === 0);

      // Admin-only pages opened by URL: read-only, and the server's refusal where it refuses.
      await page.goto(`${ctx.floor.url}/console/admin/grants`);
      await page.getByRole('alert').filter({ hasText: 'This needs the role admin; you are signed in as supervisor.' }).waitFor({ timeout: WAIT_MS });
      await page.goto(`${ctx.floor.url}/console/admin/users`);
      await userRow(page, 'Anna Kowalski').waitFor();
      expect(await page.getByRole('button', { name: 'New user' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('D9, A1: the call guides tab shows a campaign\'s guide as its question tree, each answer a branch to the next question or the end', async () => {
    const { page, context } = await ctx.browser.newPage();
    try {
      await openAdmin(page, 'nakamura', PASSWORD);
      await tabs(page).getByRole('link', { name: 'Call guides' }).click();
      await page.getByRole('button', { name: new RegExp(`^${PREVIEW_CAMPAIGN}`) }).click();
      const tree = page.getByRole('region', { name: `Call guide of ${PREVIEW_CAMPAIGN}` }).getByRole('list', { name: 'Question tree' });
      await tree.waitFor();
      const questions = await tree.locator('.tree-q').allTextContents();
      const text = (id: string) => CALL_GUIDE.questions.find((q) => q.id === id)!.text;
      // Depth first: the email question comes after "Happy", before the Gold plan question that also leads to it.
      expect(questions).toEqual([text('time'), text('plan'), text('email'), text('gold')]);
      // "Is this a good time?" → Yes → "Are you happy…?" → Not happy → "Gold plan?" → Tell me more → the email question, already shown: a reference.
      const gold = tree.locator('[data-question="gold"]');
      expect(await gold.locator('.tree-answer').allTextContents()).toEqual(['Tell me more↪ May we send the offer by email?', 'No thanksend']);
      await screenshot(page, shot('admin-guides'));
    } finally {
      await context.close();
    }
  });

  /** The session cookie of a page's context, for an API call as its user. */
  async function signInCookie(page: Page): Promise<string> {
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'pacer_session');
    return session ? `pacer_session=${session.value}` : '';
  }
}
