import { expect, it } from 'vitest';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { resetAgent, signInThroughPage, stateOf, textOf, timeInState } from './support/desk-page.js';
import { addCampaign, PASSWORD, PREVIEW_CAMPAIGN, type Floor } from './support/pacer-floor.js';

/**
 * Issue 5 point 8: English, Japanese and Polish, chosen with a switch and remembered for the
 * user (the server keeps her language); times in her own zone, whatever the browser's zone.
 */
export function languageTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  it('i18n (point 8): the sign-in page and the desktop in Japanese and Polish; the choice is remembered for the user in a new browser', async () => {
    await resetAgent(ctx.floor, 'kowalski');
    const { page, context } = await ctx.browser.newPage();
    await page.goto(ctx.floor.url);
    await page.getByLabel('Language').selectOption('ja');
    await page.getByRole('heading', { name: 'サインイン' }).waitFor();
    await page.getByLabel('メールアドレスまたはユーザーID').fill('kowalski');
    await page.getByLabel('パスワード').fill(PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByText('Anna Kowalski でサインイン中').waitFor();
    expect(await textOf(stateOf(page), 'キャンペーン未参加')).toBe('キャンペーン未参加');
    await page.getByRole('button', { name: `${PREVIEW_CAMPAIGN} に参加` }).click();
    await textOf(stateOf(page), '受付不可');
    await page.getByRole('heading', { name: '担当キャンペーン' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await screenshot(page, shot('i18n-desktop-ja'));

    await page.getByLabel('言語').selectOption('pl');
    await page.getByRole('heading', { name: 'Moje kampanie' }).waitFor();
    expect(await textOf(stateOf(page), 'Niegotowy')).toBe('Niegotowy');
    await screenshot(page, shot('i18n-desktop-pl'));
    await context.close();

    // Another browser (nothing stored in it): she signs in and her language is Polish.
    const second = await ctx.browser.newPage({ locale: 'en-US' });
    await second.page.goto(ctx.floor.url);
    await second.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await second.page.getByLabel('Email or user ID').fill('kowalski');
    await second.page.getByLabel('Password').fill(PASSWORD);
    await second.page.getByRole('button', { name: 'Sign in' }).click();
    await second.page.getByRole('heading', { name: 'Moje kampanie' }).waitFor();
    await second.page.getByLabel('Język').selectOption('en');
    await second.page.getByRole('heading', { name: 'My campaigns' }).waitFor();
    await second.context.close();
    await resetAgent(ctx.floor, 'kowalski');
  });

  it('i18n (point 8), P2: a name with its phonetic reading (furigana) shows both, on the record and in the offer', async () => {
    // A small Japanese list in a campaign of its own, so the floor's main campaign is untouched.
    const campaign = await addCampaign(ctx.floor, {
      name: `Readings ${Date.now()}`,
      csv: 'name,reading,phone\n佐藤 花子,サトウ ハナコ,+81312345678\n',
      mapping: { phones: [{ column: 'phone', type: 'home' }], name: 'name', phoneticName: 'reading' },
      region: 'JP',
      timeZone: 'Asia/Tokyo',
    });
    await resetAgent(ctx.floor, 'kowalski');
    const cookie = await ctx.floor.signIn('kowalski');
    try {
      const { page, context } = await ctx.browser.newPage();
      await signInThroughPage(page, ctx.floor, 'kowalski');
      expect((await ctx.floor.api(cookie, 'POST', `/api/agent/campaigns/${campaign.id}/join`)).status).toBe(200);
      expect((await ctx.floor.api(cookie, 'POST', '/api/agent/ready')).status).toBe(200);
      const offer = page.locator('.offer-name');
      await textOf(offer, /佐藤 花子\s*サトウ ハナコ/); // the reading comes with the record's state, a moment after the offer event
      expect((await ctx.floor.api(cookie, 'POST', '/api/agent/accept')).status).toBe(200);
      const heading = page.getByRole('heading', { level: 1 });
      await textOf(heading, /佐藤 花子/);
      expect(await heading.locator('.phonetic').textContent()).toBe('サトウ ハナコ');
      await screenshot(page, shot('P2-phonetic-reading'));
      await context.close();
    } finally {
      await resetAgent(ctx.floor, 'kowalski');
      await campaign.stop();
    }
  });

  it('i18n (point 8): times are shown in the agent\'s own zone (Europe/Warsaw) in a browser set to Tokyo', async () => {
    const { page, context } = await ctx.browser.newPage({ timezoneId: 'Asia/Tokyo' });
    await signInThroughPage(page, ctx.floor, 'kowalski');
    await page.getByRole('button', { name: `Join ${PREVIEW_CAMPAIGN}` }).click();
    await textOf(stateOf(page), 'Not ready');
    const cookie = await ctx.floor.signIn('kowalski');
    const since = new Date((await ctx.floor.api(cookie, 'GET', '/api/agent/state')).json.since);
    const title = (await timeInState(page).getAttribute('title')) ?? '';
    const at = (timeZone: string) => new Intl.DateTimeFormat('en', { timeStyle: 'medium', timeZone }).format(since).replace(/\s/g, ' ');
    expect(at('Europe/Warsaw')).not.toBe(at('Asia/Tokyo'));
    expect(title.replace(/\s/g, ' ')).toBe(`since ${at('Europe/Warsaw')}`);
    await context.close();
    await resetAgent(ctx.floor, 'kowalski');
  });
}
