import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, type Engine } from '../support/storage.js';
import { chromiumAvailable, screenshot } from './support/browser.js';
import { button, reasonOf, resetAgent, signInThroughPage, stateOf, textOf, timeInState, until, WAIT_MS } from './support/desk-page.js';
import { ADMIN_PASSWORD, DRAFT_CAMPAIGN, OTHER_CAMPAIGN, PREVIEW_CAMPAIGN, floorInChromium } from './support/pacer-floor.js';
import { callbackTests } from './callback-flows.js';
import { dialerTests, ownedTests } from './dialer-flows.js';
import { languageTests } from './language-flows.js';
import { previewTests } from './preview-flows.js';

/**
 * Issue 5: the agent desktop in real Chromium (Debian's, driven by playwright-core) against a
 * real Pacer server process with the simulated carrier — one server and one browser per
 * database engine, the tests in order, each from a signed-out browser window of 1280×720.
 * Screenshots of the main screens go to test-results/screenshots/.
 */
const engines: Engine[] = chromiumAvailable() ? await availableEngines() : [];

describe.skipIf(engines.length === 0).each(engines)('agent desktop in Chromium (%s)', (engine) => {
  const ctx = floorInChromium(engine, { beforeAll, afterAll });
  const shot = (name: string) => (engine === 'embedded' ? name : `${name}-${engine}`);

  it('A1: the agent signs in with her user ID, a wrong password is refused with a message, and signing out ends the session', async () => {
    const { page, context } = await ctx.browser.newPage();
    await page.goto(ctx.floor.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, shot('A1-sign-in'));
    await page.getByLabel('Email or user ID').fill('kowalski');
    await page.getByLabel('Password').fill('not the password');
    await button(page, 'Sign in').click();
    expect(await textOf(page.getByRole('alert'), /not right/)).toBe('The email, user ID or password is not right. Try again.');

    await page.getByLabel('Password').fill('e2e-password-2026');
    await button(page, 'Sign in').click();
    await page.getByText('Signed in as Anna Kowalski').waitFor();
    expect(await textOf(stateOf(page), 'Not in a campaign')).toBe('Not in a campaign');
    expect(await page.getByText('Join one of your campaigns to start working.').isVisible()).toBe(true);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'pacer_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    await button(page, 'Sign out').click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect((await context.cookies()).find((c) => c.name === 'pacer_session')).toBeUndefined();
    await context.close();
  });

  it('A1, D10: the agent sees only the campaigns of her own queues; one not started cannot be joined', async () => {
    const { page, context } = await ctx.browser.newPage();
    await signInThroughPage(page, ctx.floor, 'kowalski@e2e.test');
    const panel = page.getByRole('region', { name: 'My campaigns' });
    await panel.getByText(PREVIEW_CAMPAIGN).waitFor();
    await panel.getByText(DRAFT_CAMPAIGN).waitFor();
    expect(await panel.getByText(OTHER_CAMPAIGN).count()).toBe(0);
    expect(await button(page, `Join ${PREVIEW_CAMPAIGN}`).isEnabled()).toBe(true);
    expect(await button(page, `Join ${DRAFT_CAMPAIGN}`).count()).toBe(0);
    const draft = panel.getByRole('listitem').filter({ hasText: DRAFT_CAMPAIGN });
    expect(await draft.textContent()).toContain('Can be joined once a supervisor starts it.');
    // The server agrees: her campaign list has no other queue's campaign, and joining it is refused.
    const cookie = await ctx.floor.signIn('kowalski');
    const listed = (await ctx.floor.api(cookie, 'GET', '/api/campaigns')).json.items.map((c: { name: string }) => c.name);
    expect(listed.sort()).toEqual([PREVIEW_CAMPAIGN, DRAFT_CAMPAIGN].sort());
    await context.close();
  });

  it('D10: she joins, goes Ready and Not ready with a reason, sees her state and time in state change live, and leaves', async () => {
    await resetAgent(ctx.floor, 'kowalski');
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    // Paused: she may join and be ready without records arriving while the test looks at her state.
    await ctx.floor.api(admin, 'POST', `/api/campaigns/${ctx.floor.previewCampaignId}/pause`);
    try {
      const { page, context } = await ctx.browser.newPage();
      await signInThroughPage(page, ctx.floor, 'kowalski');
      await button(page, `Join ${PREVIEW_CAMPAIGN}`).click();
      await textOf(stateOf(page), 'Not ready');
      expect(await textOf(reasonOf(page), 'Just joined')).toBe('Just joined');
      await button(page, `Leave ${PREVIEW_CAMPAIGN}`).waitFor();

      await button(page, 'Ready').click();
      await textOf(stateOf(page), 'Ready');
      expect(await reasonOf(page).count()).toBe(0);
      const first = await textOf(timeInState(page), /^0:0\d$/);
      await until('the time in state to tick', async () => ((await timeInState(page).textContent()) ?? '') > first, 4000);
      await screenshot(page, shot('D10-ready'));

      await page.getByLabel('Not-ready reason').selectOption('lunch');
      await button(page, 'Not ready').click();
      await textOf(stateOf(page), 'Not ready');
      await textOf(reasonOf(page), 'Lunch');
      await screenshot(page, shot('D10-not-ready-lunch'));

      // A change made elsewhere (another tab, the API) arrives over the WebSocket without a reload.
      const cookie = await ctx.floor.signIn('kowalski');
      await ctx.floor.api(cookie, 'POST', '/api/agent/not-ready', { reason: 'training' });
      await textOf(reasonOf(page), 'Training');
      await ctx.floor.api(cookie, 'POST', '/api/agent/ready');
      await textOf(stateOf(page), 'Ready');

      await button(page, `Leave ${PREVIEW_CAMPAIGN}`).click();
      await textOf(stateOf(page), 'Not in a campaign');
      await button(page, `Join ${PREVIEW_CAMPAIGN}`).waitFor();
      expect(await button(page, 'Ready').isDisabled()).toBe(true);
      await context.close();
    } finally {
      await ctx.floor.api(admin, 'POST', `/api/campaigns/${ctx.floor.previewCampaignId}/start`);
    }
  });

  previewTests(ctx, shot);
  languageTests(ctx, shot);
  callbackTests(ctx, shot);
  dialerTests(ctx, shot);
  ownedTests(ctx, shot);

  // Last: it takes a record out of the sort order the preview tests count on, and restarts the server.
  it('D10, P2 (point 9): when the server restarts, the desktop says it is reconnecting, reconnects by itself and shows the same record again', async () => {
    await resetAgent(ctx.floor, 'kowalski');
    const { page, context } = await ctx.browser.newPage();
    await signInThroughPage(page, ctx.floor, 'kowalski');
    await button(page, `Join ${PREVIEW_CAMPAIGN}`).click();
    await textOf(stateOf(page), 'Not ready');
    await page.getByText('Live', { exact: true }).waitFor();
    await button(page, 'Ready').click();
    const offer = page.getByRole('dialog', { name: 'New record' });
    await offer.waitFor({ timeout: WAIT_MS });
    const name = ((await offer.locator('.offer-name').textContent()) ?? '').trim();
    await offer.getByRole('button', { name: 'Accept' }).click();
    const heading = page.getByRole('heading', { level: 1 });
    await textOf(heading, name);
    await textOf(stateOf(page), 'Previewing');

    const restarted = ctx.floor.restart();
    await page.getByText('Connection lost. Reconnecting…').waitFor({ timeout: WAIT_MS });
    await screenshot(page, shot('D10-reconnecting'));
    await restarted;
    await page.getByText('Connection lost. Reconnecting…').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByText('Live', { exact: true }).waitFor();
    // The restarted server gave her back the record she was previewing, in the same campaign.
    await textOf(stateOf(page), 'Previewing');
    expect(await textOf(heading, name)).toBe(name);
    await screenshot(page, shot('P2-record-after-restart'));

    // A crash (kill -9) as well: the next server sees the old process is gone and gives the record back.
    const crashed = ctx.floor.restart('SIGKILL');
    await page.getByText('Connection lost. Reconnecting…').waitFor({ timeout: WAIT_MS });
    await crashed;
    await page.getByText('Connection lost. Reconnecting…').waitFor({ state: 'detached', timeout: 30_000 });
    await textOf(stateOf(page), 'Previewing');
    expect(await textOf(heading, name)).toBe(name);
    // The new socket carries events again, and the record is worked as before.
    const cookie = await ctx.floor.signIn('kowalski');
    await ctx.floor.api(cookie, 'POST', '/api/agent/not-ready', { reason: 'meeting' });
    await textOf(page.locator('.status-pending'), /Meeting/); // not ready once this record is done (P2)
    await ctx.floor.api(cookie, 'POST', '/api/agent/complete', {});
    await textOf(stateOf(page), 'Not ready');
    await textOf(reasonOf(page), 'Meeting');
    await ctx.floor.api(cookie, 'POST', '/api/agent/leave');
    await textOf(stateOf(page), 'Not in a campaign');
    await context.close();
  }, 120_000);
});
