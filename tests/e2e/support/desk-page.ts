import type { Locator, Page } from 'playwright-core';
import type { Floor } from './pacer-floor.js';
import { PASSWORD } from './pacer-floor.js';

/** What a person sees and does on the agent desktop, in words the tests can read. */
export const WAIT_MS = 15_000;

/** Waits until the locator's text matches, and answers the text. */
export async function textOf(locator: Locator, expected: RegExp | string, timeout = WAIT_MS): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    last = ((await locator.first().textContent({ timeout: 1000 }).catch(() => null)) ?? '').trim();
    if (typeof expected === 'string' ? last === expected : expected.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`Expected ${String(expected)} in ${String(locator)}, last saw "${last}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until a condition holds (polled every 100 ms). */
export async function until(what: string, check: () => Promise<boolean>, timeout = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const stateOf = (page: Page): Locator => page.locator('[data-state]');
export const reasonOf = (page: Page): Locator => page.locator('.status-reason');
export const timeInState = (page: Page): Locator => page.getByRole('timer', { name: 'Time in state' });
export const button = (page: Page, name: string | RegExp): Locator => page.getByRole('button', { name, exact: typeof name === 'string' });

/** Opens the desktop and signs in through the sign-in page. */
export async function signInThroughPage(page: Page, floor: Floor, login: string, password = PASSWORD): Promise<void> {
  await page.goto(floor.url);
  await page.getByLabel('Email or user ID').fill(login);
  await page.getByLabel('Password').fill(password);
  await button(page, 'Sign in').click();
  await page.getByText(/^Signed in as /).waitFor({ timeout: WAIT_MS });
}

/**
 * Puts the agent back where every test starts: not in any campaign, no record in hand. Records
 * in hand are completed, calls hung up, wrap-ups finished through the API, as she would.
 */
export async function resetAgent(floor: Floor, login: string): Promise<void> {
  const cookie = await floor.signIn(login);
  for (let i = 0; i < 40; i++) {
    const view = (await floor.api(cookie, 'GET', '/api/agent/state')).json;
    if (view.status === 'logged_out') return;
    if (view.status === 'not_ready' || view.status === 'ready') {
      await floor.api(cookie, 'POST', '/api/agent/leave');
    } else if (view.state === 'reserved.offered') {
      await floor.api(cookie, 'POST', '/api/agent/accept');
    } else if (view.state === 'reserved.previewing') {
      await floor.api(cookie, 'POST', '/api/agent/not-ready', { reason: 'reset' });
      await floor.api(cookie, 'POST', '/api/agent/complete', {});
    } else if (view.status === 'on_call') {
      await floor.api(cookie, 'POST', view.state === 'on_call.held' ? '/api/agent/resume' : '/api/agent/hang-up');
    } else if (view.status === 'wrap_up') {
      await floor.api(cookie, 'POST', '/api/agent/wrap-up', { code: 'no_answer' });
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`could not reset agent ${login}`);
}
