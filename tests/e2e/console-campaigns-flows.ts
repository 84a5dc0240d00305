import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, resetAgent, signInThroughPage, textOf, until, WAIT_MS } from './support/desk-page.js';
import { addCampaign, ADMIN_PASSWORD, DRAFT_CAMPAIGN, OTHER_CAMPAIGN, PREVIEW_CAMPAIGN, type Floor } from './support/pacer-floor.js';

/**
 * Issue 6 points 1 and 3: campaigns in the supervisor console — the list (who sees what, status,
 * penetration, the agent-owned mark), one campaign's settings with the locked ones (O7) and an
 * edit saved, the lifecycle behind confirmations (L8, L7), and the agent-owned monitor (O3, O11).
 * Lifecycle and edits run on campaigns of their own: the floor's "Sales — preview" stays as it is.
 */
export function campaignsConsoleTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  it('L8, A1: the list shows each campaign with mode, coloured status, queue, lists and penetration; the supervisor may change only her granted ones', async () => {
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Campaigns' }).click();
      await page.waitForURL(/\/console\/campaigns$/);
      const preview = row(page, PREVIEW_CAMPAIGN);
      await textOf(preview.locator('[data-status]'), 'Running');
      expect(await preview.locator('td').nth(1).textContent()).toBe('Preview');
      expect(await preview.locator('td').nth(3).textContent()).toBe('Sales');
      expect(await preview.locator('td').nth(4).textContent()).toBe('1');
      // Penetration comes from the dashboard, for the campaigns she watches (the figures themselves: the O11 test).
      expect(await textOf(preview.locator('td').nth(5), /^(\d+% · \d+ of \d+|No records in the batch yet)$/)).toBeTruthy();
      expect(await preview.getByText('You can change it').count()).toBe(1);
      await textOf(row(page, DRAFT_CAMPAIGN).locator('[data-status]'), 'Draft');
      expect(await row(page, DRAFT_CAMPAIGN).locator('td').nth(1).textContent()).toBe('Progressive');

      // Supervisors read every campaign (A1), but change only those granted to them: Collections is view only.
      const other = row(page, OTHER_CAMPAIGN);
      expect(await other.getByText('View only').count()).toBe(1);
      expect(await other.getByText('Shown with a grant').count()).toBe(1);
      await screenshot(page, shot('campaigns-list'));

      await page.getByLabel('Status').selectOption('draft');
      await until('only drafts listed', async () => (await page.locator('tbody tr[data-campaign]').count()) > 0 && (await row(page, PREVIEW_CAMPAIGN).count()) === 0);
      await page.getByLabel('Status').selectOption('');

      await other.getByRole('link', { name: OTHER_CAMPAIGN }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(OTHER_CAMPAIGN) }).waitFor();
      await page.getByText(/^View only: you hold no grant on this campaign/).waitFor();
      expect(await page.getByRole('group', { name: 'Campaign lifecycle' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Edit/ }).count()).toBe(0);

      await page.getByRole('link', { name: 'All campaigns' }).click();
      expect(await page.getByRole('link', { name: 'New campaign' }).getAttribute('href')).toBe('/console/campaigns/new');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('L8, L7: stop asks first and Cancel changes nothing; Stop, Start again, Pause, Resume and Recycle change the status shown; a start that is not ready says what is missing', async () => {
    const campaign = await addCampaign(ctx.floor, { name: 'Console — lifecycle', csv: 'name,phone\nIga Sowa,+48221239101\n', mapping: { phones: [{ column: 'phone', type: 'home' }], name: 'name' }, region: 'PL', timeZone: 'Europe/Warsaw' });
    const admin = await grant(ctx.floor, campaign.id);
    const { queueId } = await must(ctx.floor, admin, 'GET', `/api/campaigns/${campaign.id}`);
    const unready = await must(ctx.floor, admin, 'POST', '/api/campaigns', { name: 'Console — not ready', mode: 'progressive', queueId });
    await must(ctx.floor, admin, 'PUT', `/api/campaigns/${unready.id}/grants/${ctx.floor.supervisor.id}`);
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await page.goto(`${ctx.floor.url}/console/campaigns/${campaign.id}`);
      const status = page.locator('.detail-head [data-status]');
      await textOf(status, 'Running');
      const actions = page.getByRole('group', { name: 'Campaign lifecycle' });
      expect(await actions.getByRole('button').allTextContents()).toEqual(['Pause', 'Stop', 'Recycle']);

      await button(page, 'Stop').click();
      const dialog = page.getByRole('dialog', { name: 'Stop “Console — lifecycle”?' });
      await dialog.getByText(/Agents lose the records offered to them but not yet accepted/).waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await status.textContent()).toBe('Running');
      expect((await must(ctx.floor, admin, 'GET', `/api/campaigns/${campaign.id}`)).status).toBe('running');

      await confirm(page, 'Stop', 'Stop “Console — lifecycle”?');
      await textOf(status, 'Stopped');
      expect(await actions.getByRole('button').allTextContents()).toEqual(['Start again', 'Recycle']);
      await confirm(page, 'Start again', 'Start again “Console — lifecycle”?');
      await textOf(status, 'Running');
      await confirm(page, 'Pause', 'Pause “Console — lifecycle”?');
      await textOf(status, 'Paused');
      await button(page, 'Recycle').click();
      await page.getByRole('dialog').getByText(/The lists start again from the top.*The campaign stays Paused\./).waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Recycle' }).click();
      await page.getByText(/recycled 1×/).waitFor({ timeout: WAIT_MS });
      expect(await status.textContent()).toBe('Paused');
      await confirm(page, 'Resume', 'Resume “Console — lifecycle”?');
      await textOf(status, 'Running');

      await page.goto(`${ctx.floor.url}/console/campaigns/${unready.id}`);
      await button(page, 'Start').click();
      const start = page.getByRole('dialog', { name: 'Start “Console — not ready”?' });
      await start.getByRole('button', { name: 'Start' }).click();
      await start.getByRole('alert').getByText(/cannot start yet: no contact list is attached.*no caller ID is set/).waitFor({ timeout: WAIT_MS });
      await start.getByRole('button', { name: 'Cancel' }).click();
      expect(await page.locator('.detail-head [data-status]').textContent()).toBe('Draft');
    } finally {
      await context.close();
      await campaign.stop();
    }
  }, 60_000);

  it('O7, L3, L6: mode, queue and owner column are locked and say why; an allowed edit is saved and shown after reload; a refused one says what to fix', async () => {
    const { page, context } = await ctx.browser.newPage();
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    const queueId = (await must(ctx.floor, admin, 'GET', `/api/campaigns/${ctx.floor.previewCampaignId}`)).queueId as number;
    const created = await must(ctx.floor, admin, 'POST', '/api/campaigns', { name: 'Console — settings', mode: 'predictive', queueId, callerId: '+48223334471', regulatoryProfile: 'uk' });
    await must(ctx.floor, admin, 'PUT', `/api/campaigns/${created.id}/grants/${ctx.floor.supervisor.id}`);
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await page.goto(`${ctx.floor.url}/console/campaigns/${created.id}`);
      const dialing = page.getByRole('region', { name: 'Dialing' });
      await dialing.getByText('Fixed at creation (O7). To dial in another mode, create a new campaign.').waitFor({ timeout: WAIT_MS });
      await dialing.getByText('Fixed at creation (O7). To dial for another queue, create a new campaign.').waitFor();
      expect(await dialing.getByText('at most 3% over 24 hours (UK)').count()).toBe(1);
      await screenshot(page, shot('campaign-detail'));

      await button(page, 'Edit Dialing').click();
      const form = dialing.getByRole('form', { name: 'Dialing' });
      expect(await form.getByLabel('Dialing mode').count()).toBe(0);
      expect(await form.getByLabel('Queue').count()).toBe(0);
      expect(await form.getByText('Fixed at creation (O7). To dial in another mode, create a new campaign.').count()).toBe(1);
      await form.getByLabel('Caller ID').fill('12345');
      await form.getByLabel('Abandon-rate target (%)').fill('5');
      await button(page, 'Save').click();
      const refusal = form.getByRole('alert');
      await refusal.getByText(/E\.164/).first().waitFor({ timeout: WAIT_MS });
      await form.getByLabel('Caller ID').fill('+48223334472');
      await button(page, 'Save').click();
      await refusal.getByText(/Under the UK regulatory profile the abandon rate may not exceed 3%; set abandonTarget to 3 or less\./).waitFor({ timeout: WAIT_MS });
      await screenshot(page, shot('campaign-edit-refused'));
      expect((await must(ctx.floor, admin, 'GET', `/api/campaigns/${created.id}`)).callerId).toBe('+48223334471');
      await form.getByLabel('Abandon-rate target (%)').fill('2.5');
      await button(page, 'Save').click();
      await dialing.getByText('+48223334472').waitFor({ timeout: WAIT_MS });

      const retry = page.getByRole('region', { name: 'Retry rules and attempt limits' });
      await button(page, 'Edit Retry rules and attempt limits').click();
      await retry.getByLabel('Attempts per record at most').fill('7');
      await retry.getByLabel('After Busy', { exact: true }).selectOption('final');
      await button(page, 'Save').click();
      await retry.getByRole('button', { name: 'Edit Retry rules and attempt limits' }).waitFor({ timeout: WAIT_MS });

      await page.reload();
      await dialing.getByText('+48223334472').waitFor({ timeout: WAIT_MS });
      expect(await dialing.getByText('at most 2.5% over 24 hours (UK)').count()).toBe(1);
      const limit = retry.locator('.fact', { hasText: 'Attempts per record at most' }).locator('dd');
      expect(await limit.textContent()).toBe('7');
      expect(await retry.locator('tr', { hasText: 'Busy' }).locator('td').textContent()).toBe('Final: no more calls');
      const saved = await must(ctx.floor, admin, 'GET', `/api/campaigns/${created.id}`);
      expect([saved.callerId, saved.abandonTarget, saved.retryRules.maxAttemptsPerRecord, saved.retryRules.results.busy.action]).toEqual(['+48223334472', 2.5, 7, 'final']);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('O1, O3, O11: the agent-owned icon opens the monitor — owner errors by reason with counts and rows, and each agent’s progress', async () => {
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    const queueId = (await must(ctx.floor, admin, 'GET', `/api/campaigns/${ctx.floor.previewCampaignId}`)).queueId as number;
    const list = await must(ctx.floor, admin, 'POST', '/api/lists', { name: 'Console — owned accounts', defaultRegion: 'PL', defaultTimeZone: 'Europe/Warsaw' });
    const rows = [
      ['Ola Nowak', '+48221239201', 'kowalski@e2e.test'],
      ['Jan Wrona', '+48221239202', 'KOWALSKI'],
      ['Kto Inny', '+48221239203', 'ghost@e2e.test'],
      ['Ewa Obca', '+48221239204', 'sato@e2e.test'],
      ['Bez Właściciela', '+48221239205', ''],
    ];
    const form = new FormData();
    form.append('mapping', JSON.stringify({ phones: [{ column: 'phone', type: 'home' }], name: 'name', owner: 'owner' }));
    form.append('file', new Blob([['name,phone,owner', ...rows.map((r) => r.join(','))].join('\n') + '\n'], { type: 'text/csv' }), 'owned.csv');
    const imported = await fetch(`${ctx.floor.url}/api/lists/${list.id}/imports?wait=true`, { method: 'POST', headers: { cookie: admin }, body: form });
    expect(imported.status).toBe(200);
    const allDay = [{ start: '00:00', end: '24:00' }];
    const weekly = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]));
    const campaign = await must(ctx.floor, admin, 'POST', '/api/campaigns', {
      name: 'Console — owned',
      mode: 'agent_owned_preview',
      ownerColumn: 'owner',
      queueId,
      callerId: '+48223334473',
      listIds: [list.id],
      regulatoryProfile: 'none',
      contactableTimes: { weekly, defaultTimeZone: 'Europe/Warsaw' },
    });
    await must(ctx.floor, admin, 'PUT', `/api/campaigns/${campaign.id}/grants/${ctx.floor.supervisor.id}`);
    await must(ctx.floor, admin, 'POST', `/api/campaigns/${campaign.id}/start`);
    // The dialer takes the campaign up (and sorts its records to their owners) when an agent joins; she stays not ready.
    await resetAgent(ctx.floor, 'kowalski');
    expect((await ctx.floor.api(await ctx.floor.signIn('kowalski'), 'POST', `/api/agent/campaigns/${campaign.id}/join`)).status).toBe(200);
    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await page.goto(`${ctx.floor.url}/console/campaigns`);
      expect(await row(page, PREVIEW_CAMPAIGN).getByRole('img').count()).toBe(0);
      await row(page, 'Console — owned').getByRole('link', { name: 'Agent-owned records: open the owner monitor of Console — owned' }).click();
      await page.waitForURL(new RegExp(`/console/campaigns/${campaign.id}/owners$`));

      const errors = page.getByRole('region', { name: 'Owner errors' });
      const problem = (p: string) => errors.locator(`[data-problem="${p}"] .problem-count`);
      await textOf(problem('unknown_owner'), '1');
      expect(await problem('not_in_queue').textContent()).toBe('1');
      expect(await problem('owner_disabled').textContent()).toBe('0');
      expect(await errors.locator('[data-count="errors"]').textContent()).toBe('2');
      expect(await errors.locator('[data-count="unowned"]').textContent()).toBe('1');
      const owners = errors.getByRole('table', { name: 'Owners with errors' });
      expect(await owners.locator('[data-owner-ref="ghost@e2e.test"] td').allTextContents()).toEqual(['ghost@e2e.test', '—', 'Unknown email or user ID', '1']);
      expect(await owners.locator('[data-owner-ref="sato@e2e.test"] td').allTextContents()).toEqual(['sato@e2e.test', '佐藤 恵', 'Owner not in the queue', '1']);
      const errorRows = errors.locator('table.error-rows tbody tr');
      expect(await errorRows.count()).toBe(2);
      expect(await errorRows.filter({ hasText: 'Kto Inny' }).locator('td').allTextContents()).toEqual(['Console — owned accounts', '4', 'Kto Inny', 'ghost@e2e.test', 'Unknown email or user ID']);
      await errors.locator('[data-problem="not_in_queue"] button').click();
      await until('only the out-of-queue row', async () => (await errorRows.count()) === 1 && (await errorRows.first().textContent())!.includes('Ewa Obca'));

      const progress = page.getByRole('region', { name: 'Each agent’s progress' });
      const anna = progress.locator('[data-owner="Anna Kowalski"]');
      await textOf(anna.locator('[data-count="owned"]'), '2', 20_000);
      expect(await anna.locator('[data-count="remaining"]').textContent()).toBe('2');
      expect(await anna.locator('[data-count="done"]').textContent()).toBe('0');
      expect(await anna.locator('[data-count="errors"]').textContent()).toBe('0');
      await screenshot(page, shot('owned-monitor'));

      await page.getByRole('navigation', { name: 'Campaign views' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('region', { name: 'Dialing' }).getByText('Fixed at creation (O7). Change owners in the list itself; they take effect at the next recycle.').waitFor();
      // L8: the two undeliverable records count as set aside: 2 of the 5 are through.
      await page.getByRole('link', { name: 'All campaigns' }).click();
      await textOf(row(page, 'Console — owned').locator('.penetration'), '40% · 2 of 5');
    } finally {
      await context.close();
      await ctx.floor.api(admin, 'POST', `/api/campaigns/${campaign.id}/stop`);
      await resetAgent(ctx.floor, 'kowalski');
    }
  }, 60_000);
}

const row = (page: Page, name: string) => page.locator(`tr[data-campaign="${name}"]`);

/** Clicks an action and confirms it in its dialog. */
async function confirm(page: Page, action: string, title: string): Promise<void> {
  await button(page, action).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('button', { name: action }).click();
  await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
}

async function must(floor: Floor, cookie: string, method: string, url: string, body?: unknown) {
  const res = await floor.api(cookie, method, url, body);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/** Grants the floor's supervisor the campaign; answers the admin's session. */
async function grant(floor: Floor, campaignId: number): Promise<string> {
  const admin = await floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
  await must(floor, admin, 'PUT', `/api/campaigns/${campaignId}/grants/${floor.supervisor.id}`);
  return admin;
}
