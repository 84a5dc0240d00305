import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, type Engine } from '../support/storage.js';
import { chromiumAvailable, screenshot } from './support/browser.js';
import { signInThroughPage, WAIT_MS } from './support/desk-page.js';
import { ADMIN_PASSWORD, PASSWORD, floorInChromium } from './support/pacer-floor.js';
import { adminConsoleTests } from './console-admin-flows.js';
import { callbacksConsoleTests } from './console-callbacks-flows.js';
import { campaignEditConsoleTests } from './console-campaign-edit-flows.js';
import { campaignsConsoleTests } from './console-campaigns-flows.js';
import { dashboardConsoleTests } from './console-dashboard-flows.js';
import { languagesConsoleTests } from './console-languages-flows.js';
import { listsConsoleTests } from './console-lists-flows.js';
import { recordingsConsoleTests } from './console-recordings-flows.js';
import { reportsConsoleTests } from './console-reports-flows.js';
import { templatesConsoleTests } from './console-templates-flows.js';
import { wizardConsoleTests } from './console-wizard-flows.js';

/**
 * Issue 6: the supervisor console in real Chromium against a real Pacer server process with the
 * simulated carrier — one server and one browser per database engine (the same floor as the
 * agent desktop's tests: a supervisor granted the Sales campaigns, an admin, two agents).
 * Screenshots go to test-results/screenshots/console-*.png.
 */
const engines: Engine[] = chromiumAvailable() ? await availableEngines() : [];

describe.skipIf(engines.length === 0).each(engines)('supervisor console in Chromium (%s)', (engine) => {
  const ctx = floorInChromium(engine, { beforeAll, afterAll });
  const shot = (name: string) => (engine === 'embedded' ? `console-${name}` : `console-${name}-${engine}`);

  it('A1: a supervisor signs in to the console with its sections; an agent who opens /console gets her desktop; an unknown page says so', async () => {
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await page.waitForURL(/\/console$/, { timeout: WAIT_MS });
      const nav = page.getByRole('navigation', { name: 'Console sections' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Live dashboard', 'Campaigns', 'Lists', 'Recordings', 'Callbacks', 'Reports', 'Administration']);
      expect(await page.title()).toBe('Pacer — Supervisor console');
      await nav.getByRole('link', { name: 'Callbacks' }).click();
      await page.waitForURL(/\/console\/callbacks$/);
      await page.reload();
      expect(await nav.getByRole('link', { name: 'Callbacks' }).getAttribute('class')).toBe('active');
      await page.goto(`${ctx.floor.url}/console/nowhere`);
      await page.getByText('There is no such page. Pick a section above.').waitFor();
    } finally {
      await context.close();
    }

    const agent = await ctx.browser.newPage();
    try {
      await agent.page.goto(`${ctx.floor.url}/console`);
      await agent.page.getByLabel('Email or user ID').fill('kowalski');
      await agent.page.getByLabel('Password').fill(PASSWORD);
      await agent.page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await agent.page.getByRole('region', { name: 'My campaigns' }).waitFor();
      expect(await agent.page.getByRole('navigation', { name: 'Console sections' }).count()).toBe(0);
    } finally {
      await agent.context.close();
    }
  });

  it('A1: the admin lands in the console too; the console speaks Japanese and Polish', async () => {
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'admin@e2e.test', ADMIN_PASSWORD);
      await page.waitForURL(/\/console$/, { timeout: WAIT_MS });
      await page.getByLabel('Language').selectOption('ja');
      await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '再発信管理' }).waitFor();
      await screenshot(page, shot('i18n-ja'));
      await page.getByLabel('言語').selectOption('pl');
      await page.getByRole('navigation', { name: 'Sekcje konsoli' }).getByRole('link', { name: 'Oddzwonienia' }).waitFor();
      await page.getByLabel('Język').selectOption('en');
      await page.getByRole('navigation', { name: 'Console sections' }).waitFor();
    } finally {
      await context.close();
    }
  });

  wizardConsoleTests(ctx, shot);
  listsConsoleTests(ctx, shot);
  campaignsConsoleTests(ctx, shot);
  campaignEditConsoleTests(ctx, shot);
  callbacksConsoleTests(ctx, shot);
  reportsConsoleTests(ctx, shot);
  adminConsoleTests(ctx, shot);
  templatesConsoleTests(ctx, shot);
  recordingsConsoleTests(ctx, shot);
  languagesConsoleTests(ctx, shot);
  // Last: it ends by restarting the server.
  dashboardConsoleTests(ctx, shot);
});
