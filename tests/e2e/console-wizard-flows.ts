import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, signInThroughPage, textOf, WAIT_MS } from './support/desk-page.js';
import { addCampaign, ADMIN_PASSWORD, type Floor } from './support/pacer-floor.js';

/**
 * Issue 6 point 1: the campaign creation wizard — mode, queue, lists, caller ID, contactable
 * times, retry rules, attempt limits, wrap-up codes with outcomes, call guide, screen-pop fields,
 * sort order and preview settings, each on its step; the server's refusals shown on the step
 * that holds the field.
 */
export function wizardConsoleTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  const steps = (page: Page) => page.getByRole('navigation', { name: 'Steps' });
  const step = (page: Page, name: string | RegExp) => steps(page).getByRole('button', { name });

  it('L3, L5, L6, D8, D9, P2, O7: a supervisor builds a power campaign step by step; a bad caller ID sends her back to the step with the field; the campaign is created as a draft with every setting', async () => {
    const name = `Spring renewals ${Date.now()}`;
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await page.goto(`${ctx.floor.url}/console/campaigns/new`);
      await page.getByRole('heading', { name: 'New campaign' }).waitFor({ timeout: WAIT_MS });
      expect(await steps(page).getByRole('button').allTextContents()).toEqual([
        '1 Mode and queue',
        '2 Lists',
        '3 Contactable times',
        '4 Retries and limits',
        '5 Wrap-up codes',
        '6 Agent screen and order',
        '7 Review and create',
      ]);

      // 1. Mode and queue: both locked once created (O7), and the wizard says so.
      await page.getByLabel('Campaign name').fill(name);
      await page.getByLabel(/^Queue/).selectOption({ label: 'Sales (1)' });
      // A new mode brings the server's defaults for it (GET /api/campaigns/defaults), then its settings.
      await page.getByRole('radio', { name: /^Power/ }).click();
      await page.getByLabel('Lines per agent').selectOption('2');
      await page.getByLabel(/^Caller ID/).fill('12345');
      expect(await page.getByText('Cannot be changed after the campaign is created.').count()).toBeGreaterThanOrEqual(2);
      await screenshot(page, shot('wizard-basics'));
      await button(page, 'Next').click();

      // 2. Lists: the floor's list, with its record count.
      await page.getByRole('checkbox', { name: /Warsaw customers/ }).check();
      await button(page, 'Next').click();

      // 3. Contactable times (L5): Saturday closed, Sunday 10:00–14:00.
      expect(await page.getByLabel('Monday From').inputValue()).toBe('09:00');
      await button(page, 'Saturday: Remove these hours').click();
      await page.getByRole('row', { name: /Sunday/ }).getByRole('button', { name: 'Add hours' }).click();
      await page.getByLabel('Sunday From').fill('10:00');
      await page.getByLabel('Sunday To').fill('14:00');
      await button(page, 'Next').click();

      // 4. Retries (L6): stop after busy; at most 4 attempts per record.
      await page.getByLabel('After Busy', { exact: true }).selectOption('final');
      await page.getByLabel('Attempts per record at most').fill('4');
      await button(page, 'Next').click();

      // 5. Wrap-up codes (D8): a code of her own, with its outcome and key.
      await button(page, 'Add a code').click();
      const codeInputs = page.getByRole('textbox', { name: 'Code', exact: true });
      await codeInputs.last().fill('promise_to_pay');
      await page.getByLabel('promise_to_pay: Label the agent sees').fill('Promise to pay');
      await page.getByLabel('promise_to_pay: Outcome').selectOption('final_success');
      await page.getByLabel('promise_to_pay: Key').fill('9');
      await button(page, 'Next').click();

      // 6. Agent screen (P2, L3, D9): balance on the screen pop, largest balance first, one question.
      await page.getByRole('checkbox', { name: 'balance' }).check();
      await button(page, 'Add a sort column').click();
      await page.getByLabel('Order records are dialed in 1', { exact: true }).selectOption('balance');
      await page.getByLabel(/^Order records are dialed in 1: Ascending/).selectOption('desc');
      await page.getByLabel(/^Order records are dialed in 1: as text/).selectOption('number');
      await button(page, 'Add a question').click();
      await page.getByLabel('Question 1: Question text').fill('Is the customer the account holder?');
      await page.getByLabel('Question 1: Answer 1').fill('Yes');
      await screenshot(page, shot('wizard-agent-screen'));
      await button(page, 'Next').click();

      // 7. Review, then Create: the server refuses the caller ID and the wizard goes back to step 1.
      await textOf(page.getByRole('definition').first(), name);
      await screenshot(page, shot('wizard-review'));
      await button(page, 'Create campaign').click();
      await page.getByText('To fix on this step:').waitFor({ timeout: WAIT_MS });
      expect(await step(page, /Mode and queue \(has problems\)/).getAttribute('aria-current')).toBe('step');
      expect(await page.getByRole('alert').textContent()).toMatch(/callerId.*E\.164/);
      await screenshot(page, shot('wizard-problem'));
      await page.getByLabel(/^Caller ID/).fill('+48223334460');
      await step(page, /Review and create/).click();
      await button(page, 'Create campaign').click();
      await page.waitForURL(/\/console\/campaigns\/\d+$/, { timeout: WAIT_MS });

      const id = Number(new URL(page.url()).pathname.split('/').pop());
      const cookie = await ctx.floor.signIn('nakamura');
      const created = (await ctx.floor.api(cookie, 'GET', `/api/campaigns/${id}`)).json;
      expect(created).toMatchObject({
        name,
        mode: 'power',
        status: 'draft',
        linesPerAgent: 2,
        callerId: '+48223334460',
        lists: [expect.objectContaining({ name: 'Warsaw customers' })],
        screenPopFields: ['balance'],
        sortOrder: [{ column: 'balance', direction: 'desc', compareAs: 'number' }],
        callGuide: { questions: [{ id: 'q1', text: 'Is the customer the account holder?', answers: [{ id: 'a1', text: 'Yes', next: null }] }] },
      });
      expect(created.contactableTimes.weekly.sat).toEqual([]);
      expect(created.contactableTimes.weekly.sun).toEqual([{ start: '10:00', end: '14:00' }]);
      expect(created.retryRules.results.busy).toEqual({ action: 'final' });
      expect(created.retryRules.maxAttemptsPerRecord).toBe(4);
      expect(created.wrapUpCodes).toContainEqual(expect.objectContaining({ code: 'promise_to_pay', label: 'Promise to pay', outcome: 'final_success', shortcut: '9' }));
      expect(created.lockedFields).toEqual(['mode', 'queueId', 'ownerColumn']);
    } finally {
      await context.close();
    }
  });

  it('L1, L2, L3: a supervisor uploads a new list from inside the campaign wizard (name, file, columns, progress, problem rows); a cancelled upload leaves the draft and nothing else; the imported list comes back checked with its record count, its columns feed the screen pop, and the campaign dials it', async () => {
    const stamp = Date.now();
    const name = `Wizard upload ${stamp}`;
    const listName = `Gdańsk leads ${stamp}`;
    const csvFile = (file: string, text: string) => ({ name: file, mimeType: 'text/csv', buffer: Buffer.from(text) });
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await page.goto(`${ctx.floor.url}/console/campaigns/new`);
      await page.getByLabel('Campaign name').fill(name);
      await page.getByLabel(/^Queue/).selectOption({ label: 'Sales (1)' });
      await page.getByLabel(/^Caller ID/).fill('+48223334461');
      await button(page, 'Next').click();
      await page.getByRole('checkbox', { name: /Warsaw customers/ }).check();

      // A cancelled upload: the empty list it made is deleted, the draft is as it was.
      await button(page, 'Upload a new list').click();
      await page.getByLabel('List name').fill(`Cancelled ${stamp}`);
      await button(page, 'Create list').click();
      await page.getByLabel('CSV file').waitFor({ timeout: WAIT_MS });
      await button(page, 'Cancel upload').click();
      await button(page, 'Upload a new list').waitFor({ timeout: WAIT_MS });
      expect(await page.getByRole('checkbox', { name: /Warsaw customers/ }).isChecked()).toBe(true);
      await page.getByRole('checkbox', { name: new RegExp(`Cancelled ${stamp}`) }).waitFor({ state: 'detached', timeout: WAIT_MS });
      const cookie = await ctx.floor.signIn('nakamura');
      expect((await ctx.floor.api(cookie, 'GET', `/api/lists?q=${encodeURIComponent(`Cancelled ${stamp}`)}`)).json.items).toEqual([]);

      // The server refuses a name already taken, under the form where she typed it.
      await button(page, 'Upload a new list').click();
      await page.getByLabel('List name').fill('Warsaw customers');
      await button(page, 'Create list').click();
      await textOf(page.getByRole('alert'), /A list named "Warsaw customers" already exists/);
      await page.getByLabel('List name').fill(listName);
      await page.getByLabel('Default region').fill('PL');
      await button(page, 'Create list').click();

      // The Lists section's upload: the first rows with guessed columns, then progress and the result.
      const csv = ['name,phone,branch', 'Ola Kaczmarek,58 333 44 01,Oliwa', 'Adam Mazur,58 333 44 02,Wrzeszcz', 'Bad Number,12,Oliwa', 'Iga Lewandowska,58 333 44 03,Oliwa'].join('\n');
      await page.getByLabel('CSV file').setInputFiles(csvFile('gdansk.csv', csv));
      await page.getByRole('table', { name: 'First rows of the file' }).waitFor({ timeout: WAIT_MS });
      expect(await page.getByLabel('What the column "phone" holds').inputValue()).toMatch(/^phone:/);
      await page.getByRole('button', { name: /^Import/ }).click();
      const result = page.getByRole('region', { name: 'Import result' });
      await result.waitFor({ timeout: WAIT_MS });
      expect(await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('aria-valuenow')).toBe('100');
      const countOf = (label: string) => result.locator('.import-counts div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
      expect(await countOf('Imported').textContent()).toBe('3');
      expect(await countOf('Rejected').textContent()).toBe('1');
      expect(await page.getByRole('table', { name: 'Rows with problems' }).locator('tbody tr').count()).toBe(1);
      // Checked among the step's lists, with its record count, beside the list chosen before.
      const added = page.getByRole('checkbox', { name: new RegExp(`${listName}.*3 records`) });
      await added.waitFor({ timeout: WAIT_MS });
      expect(await added.isChecked()).toBe(true);
      expect(await page.getByRole('checkbox', { name: /Warsaw customers/ }).isChecked()).toBe(true);
      await screenshot(page, shot('wizard-upload'));
      await button(page, 'Close').click();
      await button(page, 'Upload a new list').waitFor();

      // Its columns feed the agent screen's pickers like any chosen list's.
      await step(page, /Agent screen and order/).click();
      await page.getByRole('checkbox', { name: 'branch' }).check();
      await step(page, /Review and create/).click();
      await textOf(page.getByRole('definition').first(), name);
      await button(page, 'Create campaign').click();
      await page.waitForURL(/\/console\/campaigns\/\d+$/, { timeout: WAIT_MS });

      const id = Number(new URL(page.url()).pathname.split('/').pop());
      const created = (await ctx.floor.api(cookie, 'GET', `/api/campaigns/${id}`)).json;
      expect(created.name).toBe(name);
      expect(created.lists.map((l: { name: string }) => l.name).sort()).toEqual([listName, 'Warsaw customers'].sort());
      expect(created.screenPopFields).toContain('branch');
    } finally {
      await context.close();
    }
  });

  it('D8, D9: after creation the campaign page edits its wrap-up codes and its call guide with the same editors as the wizard', async () => {
    const campaign = await addCampaign(ctx.floor, {
      name: `Codes later ${Date.now()}`,
      csv: 'name,phone\nJan Lis,+48221239001\n',
      mapping: { phones: [{ column: 'phone', type: 'home' }], name: 'name' },
      region: 'PL',
      timeZone: 'Europe/Warsaw',
    });
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'admin@e2e.test', ADMIN_PASSWORD);
      await page.goto(`${ctx.floor.url}/console/campaigns/${campaign.id}`);
      await button(page, 'Edit Wrap-up codes').click();
      const codes = page.getByRole('form', { name: 'Wrap-up codes' });
      await codes.getByRole('button', { name: 'Add a code' }).click();
      await codes.getByRole('textbox', { name: 'Code', exact: true }).last().fill('promise_to_pay');
      await codes.getByLabel('promise_to_pay: Label the agent sees').fill('Promise to pay');
      await codes.getByLabel('promise_to_pay: Outcome').selectOption('callback');
      await codes.getByLabel('sale: Label the agent sees').fill('Sold');
      await codes.getByRole('button', { name: 'Save' }).click();
      await codes.waitFor({ state: 'detached', timeout: WAIT_MS });
      await page.getByText('Promise to pay').waitFor();

      await button(page, 'Edit Call guide').click();
      const guide = page.getByRole('form', { name: 'Call guide' });
      await guide.getByRole('button', { name: 'Add a question' }).click();
      await guide.getByLabel('Question 1: Question text').fill('May I speak to the account holder?');
      await guide.getByLabel('Question 1: Answer 1').fill('Speaking');
      await guide.getByRole('button', { name: 'Save' }).click();
      await guide.waitFor({ state: 'detached', timeout: WAIT_MS });
      await page.getByText('May I speak to the account holder?').waitFor();
      await screenshot(page, shot('campaign-codes-guide-edited'));

      const cookie = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
      const saved = (await ctx.floor.api(cookie, 'GET', `/api/campaigns/${campaign.id}`)).json;
      expect(saved.wrapUpCodes).toContainEqual(expect.objectContaining({ code: 'promise_to_pay', label: 'Promise to pay', outcome: 'callback' }));
      expect(saved.wrapUpCodes).toContainEqual(expect.objectContaining({ code: 'sale', label: 'Sold', system: true }));
      expect(saved.callGuide).toEqual({ questions: [{ id: 'q1', text: 'May I speak to the account holder?', answers: [{ id: 'a1', text: 'Speaking', next: null }] }] });
    } finally {
      await context.close();
      await campaign.stop();
    }
  });
}
