import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, signInThroughPage, textOf, WAIT_MS } from './support/desk-page.js';
import { ADMIN_PASSWORD, PASSWORD, type Floor } from './support/pacer-floor.js';

/**
 * Issue 6 point 2: the console's contact lists (L1, L2, O10) in real Chromium against the real
 * server: new list, the upload with its mapping step, progress, per-row errors and their file,
 * appends while a campaign runs, Shift_JIS, owner columns, deletion and who may do it.
 */
export function listsConsoleTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  const csvFile = (name: string, text: string | Buffer) => ({ name, mimeType: 'text/csv', buffer: typeof text === 'string' ? Buffer.from(text) : text });
  const roleOf = (page: Page, column: string) => page.getByLabel(`What the column "${column}" holds`);
  const countOf = (page: Page, label: string) => page.locator('.import-counts div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');

  /** Starts the import from the mapping step and waits for its result; a refusal fails the test with the page's message. */
  async function importAndWait(page: Page) {
    await page.getByRole('button', { name: /^Import/ }).click();
    const result = page.getByRole('region', { name: 'Import result' });
    await Promise.race([result.waitFor({ timeout: WAIT_MS }), page.getByRole('alert').first().waitFor({ timeout: WAIT_MS })]);
    if (!(await result.isVisible())) throw new Error(`The import did not finish: ${await page.getByRole('alert').first().textContent()}`);
  }

  async function openList(page: Page, name: string) {
    await page.goto(`${ctx.floor.url}/console/lists`);
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor({ timeout: WAIT_MS });
  }

  /** Records the values the import progress bar takes, from the moment it appears. */
  async function watchProgress(page: Page) {
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      const note = () => {
        const bar = document.querySelector('[role=progressbar]');
        const v = bar ? Number(bar.getAttribute('aria-valuenow')) : NaN;
        if (bar && seen[seen.length - 1] !== v) seen.push(v);
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    });
    return () => page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
  }

  async function apiList(name: string) {
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    const lists = await ctx.floor.api(admin, 'GET', `/api/lists?q=${encodeURIComponent(name)}`);
    return { admin, list: lists.json.items.find((l: { name: string }) => l.name === name) };
  }

  it('L1, L2: a supervisor creates a list, checks the guessed columns on the first rows, changes one, imports with a progress bar and gets the bad rows (row, column, reason) and their file', async () => {
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await page.goto(`${ctx.floor.url}/console/lists`);
      const table = page.locator('table.lists-table');
      const warsaw = table.getByRole('row').filter({ hasText: 'Warsaw customers' });
      await warsaw.waitFor({ timeout: WAIT_MS });
      expect(await warsaw.textContent()).toMatch(/PL.*Europe\/Warsaw.*24.*Done.*Sales — preview · running/);
      await screenshot(page, shot('lists'));

      await button(page, 'New list').click();
      await page.getByLabel('List name').fill('Kraków leads');
      await page.getByLabel('Default region').fill('PL');
      await page.getByLabel('Default time zone (optional)').fill('Europe/Warsaw');
      await button(page, 'Create list').click();
      await page.getByRole('heading', { name: 'Kraków leads', level: 1 }).waitFor({ timeout: WAIT_MS });
      await page.getByText('No file has been uploaded to this list yet.').waitFor();

      await button(page, 'Upload contacts').click();
      const csv = [
        'name,phone,mobile,office,balance,note',
        'Jan Nowak,22 333 44 01,,,120,',
        'Ewa Zielińska,,601 200 301,,80,VIP',
        'Piotr Wiśniewski,,,22 555 66 01,40,office only',
        'Bad Number,12,,,10,',
        'Short row,22 333 44 02',
        'Jan Nowak again,22 333 44 01,,,5,',
        'Anna Dąbrowska,22 333 44 03,abc,,60,',
      ].join('\n');
      await page.getByLabel('CSV file').setInputFiles(csvFile('krakow.csv', csv));
      // The mapping step: the first rows as the server read them, each column's guessed role.
      const preview = page.getByRole('table', { name: 'First rows of the file' });
      await preview.waitFor({ timeout: WAIT_MS });
      expect(await preview.getByRole('row').nth(1).textContent()).toContain('Jan Nowak');
      expect(await preview.getByRole('row').nth(2).textContent()).toContain('601 200 301');
      expect(await page.getByLabel('Encoding').locator('option:checked').textContent()).toBe('Detected: utf-8');
      expect(await roleOf(page, 'name').inputValue()).toBe('name');
      expect(await roleOf(page, 'phone').inputValue()).toBe('phone:other');
      expect(await roleOf(page, 'mobile').inputValue()).toBe('phone:mobile');
      expect(await roleOf(page, 'office').inputValue()).toBe('custom');
      // No phone column: the import cannot start, and the page says why.
      await roleOf(page, 'phone').selectOption('custom');
      await roleOf(page, 'mobile').selectOption('custom');
      await page.getByText('Choose at least one phone column').waitFor();
      expect(await page.getByRole('button', { name: /^Import/ }).isDisabled()).toBe(true);
      await roleOf(page, 'phone').selectOption('phone:home');
      await roleOf(page, 'mobile').selectOption('phone:mobile');
      // The office column holds numbers too: mapped as a work phone, row 4 (office only) is imported.
      await roleOf(page, 'office').selectOption('phone:work');
      await screenshot(page, shot('list-mapping'));

      const progress = await watchProgress(page);
      await importAndWait(page);
      const values = await progress();
      expect(values[0]).toBeLessThan(100);
      expect(values[values.length - 1]).toBe(100);
      expect(await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('aria-valuenow')).toBe('100');
      expect(await countOf(page, 'Rows read').textContent()).toBe('7');
      expect(await countOf(page, 'Imported').textContent()).toBe('4');
      expect(await countOf(page, 'Rejected').textContent()).toBe('3');
      expect(await countOf(page, 'Duplicates').textContent()).toBe('1');

      const errors = page.getByRole('table', { name: 'Rows with problems' });
      const rows = (await errors.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t'));
      expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
        ['5', 'phone', '12'],
        ['6', '(whole row)', '—'],
        ['7', 'phone', '22 333 44 01'],
        ['8', 'mobile', 'abc'],
      ]);
      expect(rows[0]![3]).toMatch(/Not a valid phone number for region PL/);
      expect(rows[0]![4]).toMatch(/country code/);
      expect(rows[1]![3]).toMatch(/2 cells but the header has 6 columns/);
      expect(rows[2]![3]).toMatch(/^Duplicate of row 2/);
      await screenshot(page, shot('list-import-result'));

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the rows with problems (CSV)' }).click()]);
      const file = await readFile((await download.path())!, 'utf8');
      expect(file.startsWith('\uFEFFrow,column,value,reason')).toBe(true);
      expect(file).toMatch(/\r\n5,phone,12,Not a valid phone number/);
      expect(file.trim().split('\r\n')).toHaveLength(5);

      // The history: the file, done, its counts and who uploaded it; the index shows the records.
      const history = page.getByRole('region', { name: 'Imports' }).getByRole('row').nth(1);
      expect(await history.textContent()).toMatch(/krakow\.csv.*Done.*7.*4.*0.*3.*1.*Ken Nakamura/);
      await page.getByRole('link', { name: 'All lists' }).click();
      expect(await textOf(table.getByRole('row').filter({ hasText: 'Kraków leads' }), /4.*Done/)).toMatch(/Kraków leads.*PL.*Europe\/Warsaw/);
    } finally {
      await context.close();
    }
  });

  it('L2: appending to "Warsaw customers" while "Sales — preview" runs adds its records; a file the server refuses says what, where and how to fix', async () => {
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await openList(page, 'Warsaw customers');
      await page.getByRole('note').filter({ hasText: /^Used now by .*Sales — preview/ }).waitFor();
      const before = (await apiList('Warsaw customers')).list.recordCount;

      await button(page, 'Upload contacts').click();
      // Two columns with the same name: the server refuses the whole file and names them.
      await page.getByLabel('CSV file').setInputFiles(csvFile('twice.csv', 'name,phone,name\nA,+48221239901,B\n'));
      await page.getByRole('button', { name: /^Import/ }).click();
      await textOf(page.getByRole('alert'), /The file was not imported: The header names the column "name" twice \(columns 1 and 3\)\. Rename one/);
      await button(page, 'Choose another file').click();

      const csv = 'name,phone,mobile,balance,plan\nAppended Low One,+48221239901,,1,Basic\nAppended Low Two,+48221239902,,2,Basic\n';
      await page.getByLabel('CSV file').setInputFiles(csvFile('append.csv', csv));
      await page.getByRole('table', { name: 'First rows of the file' }).waitFor({ timeout: WAIT_MS });
      await importAndWait(page);
      expect(await countOf(page, 'Imported').textContent()).toBe('2');
      expect(await countOf(page, 'Rejected').textContent()).toBe('0');
      expect((await apiList('Warsaw customers')).list.recordCount).toBe(before + 2);
      await textOf(page.locator('.list-facts'), new RegExp(`Records${before + 2}`));
    } finally {
      await context.close();
    }
  });

  it('L1: the admin uploads a Shift_JIS file with Japanese names: the preview reads it and guesses name, furigana and phones', async () => {
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    expect((await ctx.floor.api(admin, 'POST', '/api/lists', { name: '東京 顧客', defaultRegion: 'JP', defaultTimeZone: 'Asia/Tokyo' })).status).toBe(201);
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'admin@e2e.test', ADMIN_PASSWORD);
      await openList(page, '東京 顧客');
      await button(page, 'Upload contacts').click();
      const text = '氏名,フリガナ,電話番号,携帯番号,メモ\r\n山田 太郎,ヤマダ タロウ,03-1234-5678,090-1234-5678,至急\r\n佐藤 花子,サトウ ハナコ,06-1234-5678,,\r\n';
      await page.getByLabel('CSV file').setInputFiles(csvFile('tokyo-sjis.csv', iconv.encode(text, 'shift_jis')));
      const preview = page.getByRole('table', { name: 'First rows of the file' });
      await preview.waitFor({ timeout: WAIT_MS });
      expect(await page.getByLabel('Encoding').locator('option:checked').textContent()).toBe('Detected: shift_jis');
      expect(await preview.getByRole('row').nth(1).textContent()).toBe('山田 太郎ヤマダ タロウ03-1234-5678090-1234-5678至急');
      expect(await roleOf(page, '氏名').inputValue()).toBe('name');
      expect(await roleOf(page, 'フリガナ').inputValue()).toBe('phoneticName');
      expect(await roleOf(page, '電話番号').inputValue()).toBe('phone:other');
      expect(await roleOf(page, '携帯番号').inputValue()).toBe('phone:mobile');
      expect(await roleOf(page, 'メモ').inputValue()).toBe('custom');
      await screenshot(page, shot('list-mapping-sjis'));
      await importAndWait(page);
      expect(await countOf(page, 'Imported').textContent()).toBe('2');
      expect(await page.getByRole('table', { name: 'Rows with problems' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('O10: an owner column is mapped for an agent-owned campaign, and a corrected file appended later fixes a wrong owner without a recycle', async () => {
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    const list = (await ctx.floor.api(admin, 'POST', '/api/lists', { name: 'Owned accounts', defaultRegion: 'PL' })).json;
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await openList(page, 'Owned accounts');
      await button(page, 'Upload contacts').click();
      await page.getByLabel('CSV file').setInputFiles(csvFile('owned.csv', 'name,phone,rep\nOwned One,+48221238801,kowalski@e2e.test\nOwned Two,+48221238802,nobody@e2e.test\n'));
      await page.getByRole('table', { name: 'First rows of the file' }).waitFor({ timeout: WAIT_MS });
      expect(await roleOf(page, 'rep').inputValue()).toBe('custom');
      await roleOf(page, 'rep').selectOption('owner');
      await page.getByText('Owner column: "rep"').waitFor();
      await importAndWait(page);

      // The server took "rep" as the owner: an agent-owned campaign routing by it accepts the list.
      const queues = (await ctx.floor.api(admin, 'GET', '/api/queues')).json as Array<{ id: number; name: string }>;
      const allDay = [{ start: '00:00', end: '24:00' }];
      const contactableTimes = { weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, defaultTimeZone: 'Europe/Warsaw' };
      const created = await ctx.floor.api(admin, 'POST', '/api/campaigns', {
        name: 'Owned accounts — review',
        mode: 'agent_owned_preview',
        ownerColumn: 'rep',
        queueId: queues.find((q) => q.name === 'Sales')!.id,
        callerId: '+48223334458',
        listIds: [list.id],
        regulatoryProfile: 'none',
        contactableTimes,
      });
      expect(created.status).toBe(201);
      const owners = async () => (await ctx.floor.api(admin, 'GET', `/api/campaigns/${created.json.id}/owner-errors`)).json.counts;
      expect(await owners()).toMatchObject({ ownedRecords: 2, errorRecords: 1, byProblem: { unknown_owner: 1 } });

      // O10: the corrected row (same number, right owner) replaces the record in place.
      await page.getByRole('button', { name: 'Upload another file' }).click();
      await page.getByLabel('CSV file').setInputFiles(csvFile('owned-fixed.csv', 'name,phone,rep\nOwned Two,+48221238802,kowalski@e2e.test\n'));
      await roleOf(page, 'rep').selectOption('owner');
      await importAndWait(page);
      expect(await countOf(page, 'Replaced').textContent()).toBe('1');
      expect(await owners()).toMatchObject({ ownedRecords: 2, errorRecords: 0 });
    } finally {
      await context.close();
    }
  });

  it('L1: a supervisor deletes a list after confirming; a list a running campaign uses is refused with the reason; agents may not manage lists', async () => {
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    expect((await ctx.floor.api(admin, 'POST', '/api/lists', { name: 'Old leads', defaultRegion: 'PL' })).status).toBe(201);
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await page.goto(`${ctx.floor.url}/console/lists`);
      await button(page, 'Delete Warsaw customers').click();
      const dialog = page.getByRole('dialog', { name: 'Delete the list "Warsaw customers"?' });
      await dialog.getByRole('button', { name: 'Delete' }).click();
      await textOf(dialog.getByRole('alert'), /used by campaign .*stop the campaign or detach the list first/);
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await button(page, 'Delete Old leads').click();
      await page.getByRole('dialog', { name: 'Delete the list "Old leads"?' }).getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.getByRole('row').filter({ hasText: 'Old leads' }).waitFor({ state: 'detached' });
      expect(await page.getByRole('row').filter({ hasText: 'Warsaw customers' }).count()).toBe(1);
    } finally {
      await context.close();
    }
    const agent = await ctx.floor.signIn('kowalski', PASSWORD);
    expect((await ctx.floor.api(agent, 'GET', '/api/lists')).status).toBe(403);
    expect((await ctx.floor.api(agent, 'POST', '/api/lists', { name: 'Mine' })).status).toBe(403);
  });
}
