import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, reasonOf, resetAgent, signInThroughPage, stateOf, textOf, until, WAIT_MS } from './support/desk-page.js';
import { addAgent, addCampaign, ADMIN_PASSWORD, CONTACTS, PREVIEW_CAMPAIGN, type Floor } from './support/pacer-floor.js';


/**
 * Issue 5 point 3 (journey J2): the preview flow on the desktop — the offer pop-up, the record
 * with its screen-pop fields and numbers, Skip, Complete, not ready during review, and calling
 * a number. Records come largest balance first (the campaign's sort order).
 */
export function previewTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  const offer = (page: Page) => page.getByRole('dialog', { name: 'New record' });
  const contactHeading = (page: Page) => page.getByRole('heading', { level: 1 });

  async function readyForOffers(page: Page): Promise<void> {
    await resetAgent(ctx.floor, 'kowalski');
    await signInThroughPage(page, ctx.floor, 'kowalski');
    await button(page, `Join ${PREVIEW_CAMPAIGN}`).click();
    await textOf(stateOf(page), 'Not ready');
    await button(page, 'Ready').click();
  }

  async function acceptOffer(page: Page, name: string): Promise<void> {
    await offer(page).waitFor({ timeout: WAIT_MS });
    expect(await textOf(offer(page).locator('.offer-name'), name)).toBe(name);
    await offer(page).getByRole('button', { name: 'Accept' }).click();
    await offer(page).waitFor({ state: 'detached' });
    await textOf(contactHeading(page), name);
    await textOf(stateOf(page), 'Previewing');
  }

  /** Ready, accept the first offer and call its first number (the floor's carrier answers every call). */
  async function callFirstOffer() {
    const { page, context } = await ctx.browser.newPage();
    await readyForOffers(page);
    await offer(page).waitFor({ timeout: WAIT_MS });
    const name = ((await offer(page).locator('.offer-name').textContent()) ?? '').trim();
    const contact = CONTACTS.find((c) => c.name === name)!;
    await acceptOffer(page, name);
    await button(page, `Call ${contact.phone}`).click();
    return { page, context, name };
  }

  it('P1, P2, P5: going Ready brings the offer pop-up with campaign and customer name; Accept opens the record with its screen-pop fields, numbers (recommended marked) and History', async () => {
    const { page, context } = await ctx.browser.newPage();
    await readyForOffers(page);
    const first = CONTACTS[0]!;
    await offer(page).waitFor({ timeout: WAIT_MS });
    expect(await textOf(stateOf(page), 'Record offered')).toBe('Record offered');
    const dialogText = (await offer(page).textContent()) ?? '';
    expect(dialogText).toContain(PREVIEW_CAMPAIGN);
    expect(dialogText).toContain(first.name);
    // The button has the focus: Enter accepts.
    expect(await offer(page).getByRole('button', { name: 'Accept' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, shot('P1-offer'));

    await page.keyboard.press('Enter');
    await textOf(contactHeading(page), first.name);
    await textOf(stateOf(page), 'Previewing');
    const details = page.getByRole('tabpanel');
    expect(await textOf(details.locator('dd').first(), first.balance)).toBe(first.balance);
    expect(await details.textContent()).toContain(first.plan);
    const numbers = page.getByRole('region', { name: 'Numbers' });
    for (const n of [first.phone, first.mobile]) expect(await button(page, `Call ${n}`).isEnabled()).toBe(true);
    const recommended = numbers.locator('li.recommended');
    expect(await recommended.count()).toBe(1);
    expect(await recommended.textContent()).toContain('Recommended');
    // The server's own choice is the one marked.
    const cookie = await ctx.floor.signIn('kowalski');
    const view = (await ctx.floor.api(cookie, 'GET', '/api/agent/state')).json;
    const chosen = view.work.phones.find((p: { recommended: boolean }) => p.recommended).number;
    expect(await recommended.textContent()).toContain(chosen);
    await screenshot(page, shot('P2-record'));

    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByText('No earlier attempts on this record.').waitFor();

    // The Attempts tab: where the record stands against the limits, and whether each number may be dialed now.
    await page.getByRole('tab', { name: 'Attempts' }).click();
    const attempts = page.getByRole('tabpanel');
    await attempts.getByText('Attempts on this record').waitFor();
    expect(await attempts.textContent()).toContain('No calls yet');
    const table = attempts.getByRole('table', { name: 'May each number be dialed now?' });
    for (const n of [first.phone, first.mobile]) expect(await table.getByRole('row').filter({ hasText: n }).textContent()).toContain('Yes');
    await screenshot(page, shot('P2-attempts'));
    await context.close();
  });

  it('P4, P3, P2: Skip brings the next record; Complete uses "Bad record" by default; Not ready during review stops further offers', async () => {
    const { page, context } = await ctx.browser.newPage();
    await readyForOffers(page);
    // The first record was completed by the reset; the next by balance comes, then the one after.
    const [, second, third, fourth] = CONTACTS;
    await acceptOffer(page, second!.name);
    await button(page, 'Skip').click();
    await acceptOffer(page, third!.name);

    expect(await page.getByLabel('Disposition').inputValue()).toBe('bad_record');
    expect(await page.getByLabel('Disposition').locator('option:checked').textContent()).toBe('Bad record');
    await button(page, 'Complete').click();
    await acceptOffer(page, fourth!.name);

    await page.getByLabel('Not-ready reason').selectOption('break');
    await button(page, 'Not ready').click();
    await page.getByText('Not ready after this record: Break').waitFor();
    expect(await stateOf(page).textContent()).toBe('Previewing');
    await button(page, 'Complete').click();
    await textOf(stateOf(page), 'Not ready');
    await textOf(reasonOf(page), 'Break');
    await page.getByText('You are not ready. Choose Ready when you want records and calls.').waitFor();
    // No offer comes while she is not ready.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await offer(page).count()).toBe(0);
    await context.close();
  });

  it('P5, D7, D8: clicking a number calls it; the call shows its progress, Hang up ends it, and the record or the wrap-up follows', async () => {
    const { page, context } = await ctx.browser.newPage();
    await readyForOffers(page);
    await offer(page).waitFor({ timeout: WAIT_MS });
    const name = ((await offer(page).locator('.offer-name').textContent()) ?? '').trim();
    const contact = CONTACTS.find((c) => c.name === name)!;
    await offer(page).getByRole('button', { name: 'Accept' }).click();
    await textOf(contactHeading(page), name);

    await button(page, `Call ${contact.phone}`).click();
    const call = page.getByRole('region', { name: 'Call', exact: true });
    // The simulated carrier decides what happens: most calls are still dialing or ringing here.
    await until('the call or its result', async () => (await call.count()) > 0 || (await page.getByText(/^Last call: /).count()) > 0);
    if ((await call.count()) > 0) {
      expect(await call.textContent()).toContain(contact.phone);
      expect(await stateOf(page).textContent()).toMatch(/^(Dialing|Ringing|Checking for a machine|On a call)$/);
      await screenshot(page, shot('P5-call'));
      await button(page, 'Hang up').click().catch(() => undefined); // the call may have ended by itself meanwhile
    }
    // Back to the record (no answer) or to wrap-up (answered), as the server says.
    await until('the record or the wrap-up', async () => /^(Previewing|Wrap-up)$/.test((await stateOf(page).textContent()) ?? ''), WAIT_MS);
    if ((await stateOf(page).textContent()) === 'Wrap-up') {
      await screenshot(page, shot('D8-wrap-up'));
      await page.getByLabel('Wrap-up code').selectOption('no_answer');
      await button(page, 'Finish wrap-up').click();
    } else {
      await page.getByText(/^Last call: /).waitFor();
      await page.getByRole('tab', { name: 'History' }).click();
      await until('the attempt in History', async () => (await page.getByRole('tabpanel').locator('tbody tr').count()) === 1);
      expect(await page.getByRole('tabpanel').textContent()).toContain(contact.phone);
      await screenshot(page, shot('P2-history'));
    }
    await context.close();
  }, 90_000);

  it('D7, D5: on a connected call Hold disables Hang up until Resume; the Fax button closes the call and she moves on to the next record', async () => {
    const { page, context, name } = await callFirstOffer();
    const call = page.getByRole('region', { name: 'Call', exact: true });
    await textOf(stateOf(page), 'On a call');
    expect(await call.getByRole('status').textContent()).toBe('On a call');
    await call.getByRole('button', { name: 'Hold' }).click();
    await textOf(stateOf(page), 'On hold');
    await until('Hang up disabled while held', () => call.getByRole('button', { name: /^Hang up/ }).isDisabled());
    await screenshot(page, shot('D7-held'));
    await call.getByRole('button', { name: 'Resume' }).click();
    await textOf(stateOf(page), 'On a call');
    await until('Hang up enabled again', () => call.getByRole('button', { name: /^Hang up/ }).isEnabled());
    await call.getByRole('group', { name: 'Close the call as' }).getByRole('button', { name: 'Fax' }).click();
    await call.waitFor({ state: 'detached', timeout: WAIT_MS });
    // No wrap-up: the record is closed as a fax and the next one comes (she is still Ready).
    await offer(page).waitFor({ timeout: WAIT_MS });
    expect(((await offer(page).locator('.offer-name').textContent()) ?? '').trim()).not.toBe(name);
    await context.close();
  }, 90_000);

  it('D9, D8: the call guide shows beside the call, branches on each answer, an answer can be changed, and the answers go with the wrap-up', async () => {
    const { page, context, name } = await callFirstOffer();
    await textOf(stateOf(page), 'On a call');
    const guide = page.getByRole('region', { name: 'Call guide' });
    const question = guide.locator('legend');
    expect(await textOf(question, 'Is this a good time to talk?')).toBe('Is this a good time to talk?');
    await guide.getByRole('button', { name: 'Yes' }).click();
    await textOf(question, 'Are you happy with your current plan?');
    await guide.getByRole('button', { name: 'Not happy' }).click();
    await textOf(question, 'Would you like to hear about the Gold plan?');
    // She got it wrong: change the second answer; the branch follows the new answer.
    await guide.getByRole('button', { name: 'Change the answer to: Are you happy with your current plan?' }).click();
    await textOf(question, 'Are you happy with your current plan?');
    await guide.getByRole('button', { name: 'Happy', exact: true }).click();
    await textOf(question, 'May we send the offer by email?');
    await guide.getByRole('button', { name: 'Send it' }).click();
    await guide.getByRole('status').waitFor();
    await screenshot(page, shot('D9-call-guide'));
    await button(page, 'Hang up').click();
    await textOf(stateOf(page), 'Wrap-up');
    expect(await guide.getByRole('listitem').count()).toBe(3); // still beside the wrap-up
    await page.getByLabel('Wrap-up code').selectOption('sale');
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/agent/wrap-up'));
    await button(page, 'Finish wrap-up').click();
    const request = await sent;
    expect(request.postDataJSON().answers).toEqual([
      { questionId: 'time', answerId: 'yes' },
      { questionId: 'plan', answerId: 'yes' },
      { questionId: 'email', answerId: 'yes' },
    ]);
    expect((await request.response())?.status()).toBe(200);
    await until('the wrap-up to end', async () => (await stateOf(page).textContent()) !== 'Wrap-up');
    await context.close();
  }, 90_000);

  it('P6: Requeue sends the record back to the queue and Snooze back to her for later; the next record comes instead', async () => {
    const { page, context } = await ctx.browser.newPage();
    await readyForOffers(page);
    const offered = async () => {
      await offer(page).waitFor({ timeout: WAIT_MS });
      return ((await offer(page).locator('.offer-name').textContent()) ?? '').trim();
    };
    const first = await offered();
    await acceptOffer(page, first);
    await button(page, 'Requeue').click();
    const second = await offered();
    expect(second).not.toBe(first);
    await acceptOffer(page, second);
    await button(page, 'Snooze 15 min').click();
    const third = await offered();
    expect([first, second]).not.toContain(third);
    await context.close();
  });

  it('C1, P6: Reschedule from review — tomorrow 10:00 Europe/Warsaw, another number, assigned to herself, notes counted — stores the callback and takes the record off her desktop', async () => {
    const { page, context } = await ctx.browser.newPage();
    await readyForOffers(page);
    await offer(page).waitFor({ timeout: WAIT_MS });
    const name = ((await offer(page).locator('.offer-name').textContent()) ?? '').trim();
    await acceptOffer(page, name);
    await button(page, 'Reschedule…').click();
    const dialog = page.getByRole('dialog', { name: 'Reschedule' });
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' });
    await dialog.getByLabel('Date', { exact: true }).fill(tomorrow);
    await dialog.getByLabel('Time', { exact: true }).fill('10:00');
    await dialog.getByLabel('Time zone').fill('Europe/Warsaw');
    await dialog.getByLabel('Number to call').selectOption({ label: 'Another number' });
    await dialog.getByRole('textbox', { name: 'Another number' }).fill('+48221234567');
    await dialog.getByLabel('Me', { exact: true }).check();
    const notes = 'Call after the board meeting';
    await dialog.getByLabel('Notes for the callback').fill(notes);
    expect(await textOf(dialog.locator('.counter'), `${notes.length} / 500 characters`)).toBe(`${notes.length} / 500 characters`);
    await screenshot(page, shot('C1-reschedule'));
    await dialog.getByRole('button', { name: 'Reschedule' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
    // The record left her desktop: the next one is offered (or she is ready for it).
    await until('the record to leave the desktop', async () => (await offer(page).count()) > 0 || (await stateOf(page).textContent()) === 'Ready');
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    const found = (await ctx.floor.api(admin, 'GET', '/api/callbacks?phone=221234567')).json as { items: Array<Record<string, unknown>> };
    const mine = found.items.find((c) => c.notes === notes);
    expect(mine).toMatchObject({ name, phone: '+48221234567', timeZone: 'Europe/Warsaw', assigneeName: 'Anna Kowalski', status: 'pending' });
    expect(new Date(String(mine!.windowStart)).toLocaleString('sv-SE', { timeZone: 'Europe/Warsaw' })).toBe(`${tomorrow} 10:00:00`);
    await context.close();
  });

  it('point 10: the keyboard — Alt+R ready, Enter accepts, Alt+S skips, Alt+A accepts, Alt+N not ready after the record, Alt+C completes', async () => {
    const { page, context } = await ctx.browser.newPage();
    await resetAgent(ctx.floor, 'kowalski');
    await signInThroughPage(page, ctx.floor, 'kowalski');
    await button(page, `Join ${PREVIEW_CAMPAIGN}`).click();
    await textOf(stateOf(page), 'Not ready');
    expect(await button(page, 'Ready').getAttribute('aria-keyshortcuts')).toBe('Alt+R');
    await page.keyboard.press('Alt+KeyR');
    await offer(page).waitFor({ timeout: WAIT_MS });
    const first = ((await offer(page).locator('.offer-name').textContent()) ?? '').trim();
    await until('Accept to have the focus', () => offer(page).getByRole('button', { name: 'Accept' }).evaluate((b) => b === document.activeElement));
    await page.keyboard.press('Enter');
    await textOf(contactHeading(page), first);
    await until('Skip enabled', () => button(page, /^Skip/).first().isEnabled());
    await page.keyboard.press('Alt+KeyS');
    await offer(page).waitFor({ timeout: WAIT_MS });
    const second = ((await offer(page).locator('.offer-name').textContent()) ?? '').trim();
    expect(second).not.toBe(first);
    await page.keyboard.press('Alt+KeyA');
    await textOf(contactHeading(page), second);
    // A shortcut acts when its button does: not while the previous command is on its way.
    const enabled = (name: RegExp) => until(`${name} enabled`, () => button(page, name).first().isEnabled());
    await enabled(/^Not ready/);
    await page.keyboard.press('Alt+KeyN');
    await page.getByText('Not ready after this record: Break').waitFor();
    await enabled(/^Complete/);
    await page.keyboard.press('Alt+KeyC');
    await textOf(stateOf(page), 'Not ready');
    await textOf(reasonOf(page), 'Break');
    await screenshot(page, shot('point10-keyboard-not-ready'));
    await context.close();
  });

  it('P1, P5, D8: with auto-accept and review and wrap-up timeouts, the record opens by itself, the review counts down and the recommended number is dialed by itself; the wrap-up counts down and ends by itself', async () => {
    // A campaign and an agent of their own: records here are dialed without anybody clicking,
    // so nothing of this test may reach the floor's main campaign or its agent.
    const campaign = await addCampaign(ctx.floor, {
      name: `Timeouts ${Date.now()}`,
      csv: 'name,phone\nOlga Nowak,+48221230001\nIgor Nowak,+48221230002\nEla Nowak,+48221230003\n',
      mapping: { phones: [{ column: 'phone', type: 'home' }], name: 'name' },
      region: 'PL',
      timeZone: 'Europe/Warsaw',
      preview: { autoAccept: true, reviewTimeoutSeconds: 6, skipAllowed: true },
      wrapUpTimeoutSeconds: 8,
    });
    const agent = await addAgent(ctx.floor, `nowicka${Date.now()}`, 'Ewa Nowicka');
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, agent.login);
      await button(page, `Join ${campaign.name}`).click();
      await textOf(stateOf(page), 'Not ready');
      await button(page, 'Ready').click();
      // Auto-accept (P1): nobody clicks Accept, the record opens.
      await textOf(stateOf(page), 'Previewing');
      expect(await textOf(contactHeading(page), /Nowak/)).toMatch(/Nowak/);
      await page.getByText(/The recommended number is dialed automatically in \d+ s\./).waitFor();
      await screenshot(page, shot('P5-review-countdown'));
      // Nobody clicks: the server dials the recommended number when the review time is up.
      await textOf(stateOf(page), 'On a call', 20_000);
      await button(page, 'Hang up').click();
      await textOf(stateOf(page), 'Wrap-up');
      await page.getByText(/Wrap-up ends by itself in \d+ s\./).waitFor();
      await screenshot(page, shot('D8-wrap-up-countdown'));
      // Not ready after this record: when the wrap-up ends by itself no further record opens.
      await button(page, /^Not ready/).click();
      await page.getByText('Not ready after this record: Break').waitFor();
      await textOf(stateOf(page), 'Not ready', 20_000);
      await textOf(reasonOf(page), 'Break');
    } finally {
      await context.close();
      await campaign.stop();
      await resetAgent(ctx.floor, agent.login);
    }
  }, 120_000);
}
