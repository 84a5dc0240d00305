import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, resetAgent, signInThroughPage, stateOf, textOf, until, WAIT_MS } from './support/desk-page.js';
import { ADMIN_PASSWORD, PREVIEW_CAMPAIGN, type Floor } from './support/pacer-floor.js';

/**
 * Issue 5 point 7: callbacks on the desktop — C5 "My callbacks today" (the agent's callbacks
 * for today from GET /api/agent/callbacks/today, times in her zone, alert) and C7 (a due
 * callback delivered to her pops up its message for 5 seconds and stays in Messages). The
 * callbacks are made as she would make them: a previewed record rescheduled through the agent API.
 */
/** The part of GET /api/agent/state these tests read. */
interface AgentStateRead {
  state: string;
  work: { recordId: number; name: string | null; callback: unknown } | null;
}

export function callbackTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  const AGENT_ZONE = 'Europe/Warsaw';
  const callbacksPanel = (page: Page) => page.getByRole('region', { name: 'My callbacks today' });
  const messagesPanel = (page: Page) => page.getByRole('region', { name: 'Messages' });
  const toast = (page: Page) => page.locator('.toast');

  /** Through the API: join, take a record, and reschedule it as her own callback at `at`; she ends not ready, in the campaign. */
  async function rescheduleOne(at: Date, notes: string): Promise<{ recordId: number; name: string | null }> {
    await resetAgent(ctx.floor, 'kowalski');
    const cookie = await ctx.floor.signIn('kowalski');
    await ctx.floor.api(cookie, 'POST', `/api/agent/campaigns/${ctx.floor.previewCampaignId}/join`);
    await ctx.floor.api(cookie, 'POST', '/api/agent/ready');
    let view: AgentStateRead = { state: '', work: null };
    await until('a record offered to her', async () => {
      view = (await ctx.floor.api(cookie, 'GET', '/api/agent/state')).json;
      return view.state === 'reserved.offered' && view.work !== null;
    });
    const { recordId, name } = view.work as { recordId: number; name: string | null };
    expect((await ctx.floor.api(cookie, 'POST', '/api/agent/accept', { recordId })).status).toBe(200);
    expect((await ctx.floor.api(cookie, 'POST', '/api/agent/not-ready', { reason: 'break' })).status).toBe(200);
    const res = await ctx.floor.api(cookie, 'POST', '/api/agent/reschedule', { recordId, callback: { at: at.toISOString(), assignee: 'me', notes, windowMinutes: 30 } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return { recordId, name };
  }

  it('C5: a callback assigned to her for today shows in "My callbacks today" with its window in her zone, customer, phone, campaign, notes and alert', async () => {
    const notes = `C5 e2e ${Date.now()}`;
    const at = new Date(Date.now() + 3 * 60_000);
    const { name } = await rescheduleOne(at, notes);
    // The server's own answer is what the panel must show.
    const cookie = await ctx.floor.signIn('kowalski');
    const today = (await ctx.floor.api(cookie, 'GET', '/api/agent/callbacks/today')).json;
    const mine = today.items.find((c: { notes: string }) => c.notes === notes);
    expect(mine, 'the callback in GET /api/agent/callbacks/today').toBeTruthy();
    expect(mine.alert).toBe('approaching');

    const { page, context } = await ctx.browser.newPage();
    await signInThroughPage(page, ctx.floor, 'kowalski');
    const row = callbacksPanel(page).getByRole('listitem').filter({ hasText: notes });
    await row.waitFor({ timeout: WAIT_MS });
    const text = (await row.textContent()) ?? '';
    const hhmm = (iso: string) => new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', timeZone: AGENT_ZONE }).format(new Date(iso));
    expect(text).toContain(`${hhmm(mine.windowStart)}–${hhmm(mine.windowEnd)}`);
    if (name) expect(text).toContain(name);
    expect(text).toContain(mine.phone);
    expect(text).toContain(PREVIEW_CAMPAIGN);
    expect(text).toContain('Approaching');
    expect(await callbacksPanel(page).textContent()).toContain(`Times in ${AGENT_ZONE}`);
    await screenshot(page, shot('C5-my-callbacks-today'));

    // Read again when her state changes: notes changed by a supervisor (C4) show after her next change of state.
    const later = `C5 e2e edited ${Date.now()}`;
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    const edit = await ctx.floor.api(admin, 'PATCH', `/api/callbacks/${mine.id}`, { notes: later });
    expect(edit.status, JSON.stringify(edit.json)).toBe(200);
    await ctx.floor.api(cookie, 'POST', '/api/agent/not-ready', { reason: 'lunch' });
    const edited = callbacksPanel(page).getByRole('listitem').filter({ hasText: later });
    await edited.waitFor({ timeout: WAIT_MS });

    // "Call now": the record comes to her at once, before its time, with the callback's number and notes.
    await edited.getByRole('button', { name: `Call ${name ?? mine.phone} now` }).click();
    await textOf(stateOf(page), 'Previewing');
    if (name) await textOf(page.getByRole('heading', { level: 1 }), name);
    expect(await button(page, `Call ${mine.phone}`).isEnabled()).toBe(true);
    const view = (await ctx.floor.api(cookie, 'GET', '/api/agent/state')).json;
    expect(view.work.callback).toMatchObject({ phone: mine.phone, notes: later });
    expect(view.notReadyAfter).toBe('lunch'); // back to lunch once it is done
    await screenshot(page, shot('C5-call-now'));
    await context.close();
    await resetAgent(ctx.floor, 'kowalski');
  });

  it('C7: a due callback delivered to her pops up its message for 5 seconds, then the message stays in Messages', async () => {
    const notes = `C7 e2e ${Date.now()}`;
    // A few seconds ahead: the campaign wakes at the window's start and takes the callback into its callback lane, first for her.
    const at = new Date(Date.now() + 4000);
    const { name } = await rescheduleOne(at, notes);
    await until('the callback to fall due', async () => Date.now() > at.getTime() + 1500);
    const { page, context } = await ctx.browser.newPage();
    await signInThroughPage(page, ctx.floor, 'kowalski');
    await textOf(stateOf(page), 'Not ready');
    // Due while she was away: the callback is her very first offer when she goes Ready.
    await button(page, 'Ready').click();
    await textOf(stateOf(page), 'Record offered');
    const cookie = await ctx.floor.signIn('kowalski');
    const view = (await ctx.floor.api(cookie, 'GET', '/api/agent/state')).json as AgentStateRead;
    expect(view.work?.callback, 'the first offer is her due callback').toBeTruthy();

    await toast(page).filter({ hasText: notes }).waitFor({ timeout: WAIT_MS });
    const shownAt = Date.now();
    const toastText = (await toast(page).first().textContent()) ?? '';
    expect(toastText).toContain('Callback to');
    if (name) expect(toastText).toContain(name);
    expect(await messagesPanel(page).textContent()).toContain(notes);
    await screenshot(page, shot('C7-callback-message'));

    await toast(page).filter({ hasText: notes }).waitFor({ state: 'detached', timeout: 10_000 });
    const seconds = (Date.now() - shownAt) / 1000;
    expect(seconds).toBeGreaterThan(3.5);
    expect(seconds).toBeLessThan(7);
    const kept = messagesPanel(page).getByRole('listitem').filter({ hasText: notes });
    expect(await kept.count()).toBe(1);
    expect(await kept.locator('time').count()).toBe(1);
    // The offer is the callback's record.
    const offer = page.getByRole('dialog', { name: 'New record' });
    if (name) expect(await offer.textContent()).toContain(name);
    await context.close();
    await resetAgent(ctx.floor, 'kowalski');
  });
}
