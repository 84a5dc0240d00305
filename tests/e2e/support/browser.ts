import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (issue 5 point 11). `.ci/run` installs it
 * (apt-get install chromium); without it the browser tests are skipped with a loud notice,
 * and under CI=true that is a failure.
 */
export const CHROMIUM = process.env.PACER_CHROMIUM ?? '/usr/bin/chromium';
const root = path.resolve(import.meta.dirname, '../../..');
export const SCREENSHOTS = path.join(root, 'test-results', 'screenshots');

let warned = false;

export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Chromium is not installed at ${CHROMIUM}.`;
  if (process.env.CI) throw new Error(`${message} CI needs it for the browser tests: apt-get install chromium (.ci/run does).`);
  if (!warned) {
    warned = true;
    process.stderr.write(`\n*** WARNING: ${message} The browser (end-to-end) tests are SKIPPED. Install it: apt-get install chromium ***\n\n`);
  }
  return false;
}

export interface TestBrowser {
  browser: Browser;
  /** A new signed-out browser window of 1280×720 (the size the desktop is made for). */
  newPage(options?: { locale?: string; timezoneId?: string }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile (playwright-core gives each launch a new, empty
 * --user-data-dir and removes it on close) and no background connections: this machine
 * reaches nothing but localhost, and Chromium would keep trying.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  return {
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: options.locale ?? 'en-US', timezoneId: options.timezoneId ?? 'UTC' });
      const page = await context.newPage();
      return { context, page };
    },
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

/** Saves a screenshot of the page (the window, or all of it) as test-results/screenshots/{name}.png (looked at by people; gitignored). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}
