import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, resetAgent, signInThroughPage, stateOf, textOf, until, WAIT_MS } from './support/desk-page.js';
import { addAgent, addCampaign, ADMIN_PASSWORD, importCsv, OWNED_MAPPING, ownedCsv, DRAFT_CAMPAIGN, OTHER_CAMPAIGN, PREVIEW_CAMPAIGN, type Floor } from './support/pacer-floor.js';

/**
 * Issue 6 point 5: the live dashboard (R1, X2) in real Chromium against the real server. The
 * supervisor watches while an agent of the test's own is driven through the agent API on
 * campaigns of the test's own — a small preview campaign and a predictive one (the floor's
 * simulated carrier answers every call after 1.5 s) — so the other tests' floor is untouched.
 */
const AGENT = { login: 'dashboard-agent', name: 'Olga Nowak' };
const PREVIEW = 'Dashboard — preview';
const PREDICTIVE = 'Dashboard — predictive';
const OWNED = 'Dashboard — owned accounts';

export function dashboardConsoleTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  let made: Promise<{ agentId: number }> | undefined;
  const setup = () => (made ??= addAgent(ctx.floor, AGENT.login, AGENT.name).then((a) => ({ agentId: a.id })));
  const asAdmin = () => ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
  const must = async (cookie: string, method: string, url: string, body?: unknown) => {
    const res = await ctx.floor.api(cookie, method, url, body);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  };
  const card = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
  const block = (scope: Locator, name: string) => scope.getByRole('region', { name, exact: true });
  const agentRow = (scope: Locator, agentId: number) => scope.locator(`tr[data-agent-id="${agentId}"]`);
  const connection = (page: Page) => page.getByRole('status', { name: 'Live feed' });
  const seconds = (text: string) => text.split(':').reduce((s, part) => s * 60 + Number(part), 0);

  async function openDashboard(page: Page) {
    await signInThroughPage(page, ctx.floor, 'nakamura');
    await page.waitForURL(/\/console$/, { timeout: WAIT_MS });
    await textOf(connection(page), 'Live');
  }

  it('R1, A1: a supervisor watches live only the campaigns granted to him, each with its progress, abandon rates and target, and what is dialing', async () => {
    const nakamura = await ctx.floor.signIn('nakamura');
    const mine = (await must(nakamura, 'GET', '/api/dashboard')).campaigns as Array<{ name: string; status: string; pacedHere: boolean; progress: { total: number } }>;
    const { page, context } = await ctx.browser.newPage();
    try {
      await openDashboard(page);
      await card(page, PREVIEW_CAMPAIGN).waitFor();
      const headings = await page.locator('.dash-campaign h2').allTextContents();
      expect(headings.sort()).toEqual(mine.map((c) => c.name).sort());
      expect(headings).toContain(DRAFT_CAMPAIGN);
      expect(headings).not.toContain(OTHER_CAMPAIGN);

      const running = card(page, PREVIEW_CAMPAIGN);
      const preview = mine.find((c) => c.name === PREVIEW_CAMPAIGN)!;
      expect(await running.locator('.dash-head [data-status]').getAttribute('data-status')).toBe(preview.status);
      // The batch is seeded when the dialer starts (the first agent joins); until then it says so.
      if (preview.progress.total > 0) {
        await textOf(block(running, 'List progress'), new RegExp(`Records in this batch: ${preview.progress.total}`));
        expect(await block(running, 'List progress').getByRole('progressbar').getAttribute('aria-label')).toMatch(/^Penetration \d+%$/);
      } else {
        await textOf(block(running, 'List progress'), /No records in this batch yet\./);
      }
      if (preview.pacedHere) {
        await block(running, 'Dial ratio').waitFor();
        await block(running, 'Calls').waitFor();
        await block(running, 'Agents').waitFor();
      } else {
        await textOf(running.locator('.dash-note'), preview.status === 'running' ? 'No agent has joined yet: the dialer starts when the first agent joins.' : /./);
      }
      const abandon = block(running, 'Abandon rate');
      await textOf(abandon.locator('[data-window="us"] dt'), 'US · 30 days');
      await textOf(abandon.locator('[data-window="uk"] dt'), 'UK · 24 hours');
      await textOf(abandon.locator('.dash-target'), 'No abandon target: predictive campaigns have one.');
      // The draft is nobody's to dial: no calls or agents, said in words.
      await textOf(card(page, DRAFT_CAMPAIGN).locator('.dash-note'), 'No calls or agents: the campaign is not running.');
      await screenshot(page, shot('dashboard'));
    } finally {
      await context.close();
    }
  });

  it('R1: a campaign granted while he watches appears by itself; an agent who joins and goes Ready shows in the grid with her state and a running time in state; completing a record moves the progress', async () => {
    const { agentId } = await setup();
    const admin = await asAdmin();
    const campaign = await addCampaign(ctx.floor, {
      name: PREVIEW,
      csv: 'name,phone\nLena Wolska,+48221239901\nIgor Sowa,+48221239902\nNina Kruk,+48221239903\n',
      mapping: { phones: [{ column: 'phone', type: 'home' }], name: 'name' },
      region: 'PL',
      timeZone: 'Europe/Warsaw',
    });
    const agent = await ctx.floor.signIn(AGENT.login);
    const { page, context } = await ctx.browser.newPage();
    try {
      await openDashboard(page);
      await card(page, PREVIEW_CAMPAIGN).waitFor();
      expect(await card(page, PREVIEW).count()).toBe(0);
      await must(admin, 'PUT', `/api/campaigns/${campaign.id}/grants/${ctx.floor.supervisor.id}`);
      const mine = card(page, PREVIEW);
      await mine.waitFor({ timeout: WAIT_MS });
      await textOf(mine.locator('.dash-note'), 'No agent has joined yet: the dialer starts when the first agent joins.');

      // She joins: the dialer starts (3 records, none done yet), she is in the grid at once, not
      // ready (just joined), her time in state counting up with no reload.
      await must(agent, 'POST', `/api/agent/campaigns/${campaign.id}/join`);
      await textOf(block(mine, 'List progress'), /Records in this batch: 3/);
      const bar = block(mine, 'List progress').getByRole('progressbar');
      expect(await bar.getAttribute('aria-valuenow')).toBe('0');
      const row = agentRow(mine, agentId);
      await textOf(row.locator('th'), AGENT.name);
      await textOf(row.locator('[data-state]'), 'Not ready');
      await textOf(row.locator('.dash-reason'), 'Just joined');
      const timer = row.getByRole('timer', { name: 'Time in state' });
      const first = seconds(await textOf(timer, /^\d+:\d\d$/));
      await until('time in state counting', async () => seconds((await timer.textContent()) ?? '0:00') >= first + 2);

      // Ready: the preview dialer offers her a record, and the supervisor sees it.
      await must(agent, 'POST', '/api/agent/ready');
      await textOf(row.locator('[data-state]'), 'Record offered');
      await must(agent, 'POST', '/api/agent/accept');
      await textOf(row.locator('[data-state]'), 'Previewing');
      // Not ready after this record (lunch), then Complete: the record is finished, she is at lunch.
      await must(agent, 'POST', '/api/agent/not-ready', { reason: 'lunch' });
      await must(agent, 'POST', '/api/agent/complete', {});
      await textOf(row.locator('[data-state]'), 'Not ready');
      await textOf(row.locator('.dash-reason'), 'Lunch');
      await until('penetration 33%', async () => (await bar.getAttribute('aria-valuenow')) === '33');
      await textOf(mine.locator('.dash-penetration'), 'Penetration 33%');
      const lunch = seconds(await textOf(timer, /^\d+:\d\d$/));
      expect(lunch).toBeLessThan(5);
      await until('time at lunch counting', async () => seconds((await timer.textContent()) ?? '0:00') >= lunch + 1);
      await screenshot(page, shot('dashboard-agent'));

      // She leaves: gone from the grid.
      await must(agent, 'POST', '/api/agent/leave');
      await row.waitFor({ state: 'detached', timeout: WAIT_MS });
    } finally {
      await context.close();
      await resetAgent(ctx.floor, AGENT.login);
      await campaign.stop();
    }
  });

  it('R1, X2, D6: a predictive campaign with a ready agent says why the dialer placed its last calls — agents expected free, answer rate, abandon budget left — beside its calls, dial ratio and abandon rate against the 3% target', async () => {
    const { agentId } = await setup();
    const admin = await asAdmin();
    const queues = (await must(admin, 'GET', '/api/queues')) as Array<{ id: number; name: string }>;
    // One record: the pacer may place a second call while she talks (she may be free when it is
    // answered), and that call would be abandoned — this test follows the one call that reaches her.
    const list = await must(admin, 'POST', '/api/lists', { name: `${PREDICTIVE} list`, defaultRegion: 'PL', defaultTimeZone: 'Europe/Warsaw' });
    await importCsv(ctx.floor, admin, list.id, 'name,phone\nJan Predyk,+48221239401\n', { phones: [{ column: 'phone', type: 'home' }], name: 'name' });
    const allDay = [{ start: '00:00', end: '24:00' }];
    const created = await must(admin, 'POST', '/api/campaigns', {
      name: PREDICTIVE,
      mode: 'predictive',
      queueId: queues.find((q) => q.name === 'Sales')!.id,
      callerId: '+48223334460',
      listIds: [list.id],
      regulatoryProfile: 'none',
      contactableTimes: { weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay])), defaultTimeZone: 'Europe/Warsaw' },
      abandonMessage: 'Sorry we missed you; we will call again.',
    });
    const id = created.id as number;
    await must(admin, 'POST', `/api/campaigns/${id}/start`);
    await must(admin, 'PUT', `/api/campaigns/${id}/grants/${ctx.floor.supervisor.id}`);
    const agent = await ctx.floor.signIn(AGENT.login);
    const { page, context } = await ctx.browser.newPage();
    try {
      await openDashboard(page);
      const mine = card(page, PREDICTIVE);
      await mine.waitFor();
      await textOf(mine.locator('.dash-head'), /Predictive/);
      await textOf(block(mine, 'Abandon rate').locator('.dash-target'), 'Target 3% over 30 days (US)');

      await must(agent, 'POST', `/api/agent/campaigns/${id}/join`);
      const pacing = block(mine, 'Why the dialer placed its last calls');
      await textOf(pacing, /No wave placed yet/);
      await must(agent, 'POST', '/api/agent/ready');
      // The pacer places a call for her; the carrier answers after 1.5 s and it reaches her.
      await textOf(pacing.locator('.dash-why'), /one call per free agent; placed 1\./);
      await textOf(pacing.locator('[data-figure="free"] strong'), '1');
      await textOf(pacing.locator('[data-figure="free"] span'), '1 ready + 0 freeing up − 0 answered, waiting');
      await textOf(pacing.locator('[data-figure="answer-rate"] dt'), 'Answer rate');
      await textOf(pacing.locator('[data-figure="budget"] strong'), '3 points');
      await textOf(pacing.locator('[data-figure="budget"] span'), 'nobody answered in the window yet; target 3%');
      await textOf(pacing, /Last wave at .*: placed 1 of 1 asked/);
      await textOf(agentRow(mine, agentId).locator('[data-state]'), 'On a call');
      await textOf(block(mine, 'Calls').locator('[data-calls="active"] strong'), '1');
      await textOf(block(mine, 'Dial ratio'), /In flight: 0 · ready: 0 of 1 joined · 1\.00 calls per agent joined/);
      await screenshot(page, shot('dashboard-predictive'));

      // She ends the call and wraps up, not ready after it: a person answered and nobody was
      // abandoned, so the US window is at 0%, under the target, in green.
      await must(agent, 'POST', '/api/agent/not-ready', { reason: 'break' });
      await must(agent, 'POST', '/api/agent/hang-up');
      await must(agent, 'POST', '/api/agent/wrap-up', { code: 'no_answer' });
      await textOf(agentRow(mine, agentId).locator('.dash-reason'), 'Break');
      const us = block(mine, 'Abandon rate').locator('[data-window="us"]');
      await textOf(us.locator('strong'), '0%');
      await textOf(us.locator('.tag'), 'Under target');
      expect(await us.getAttribute('class')).toContain('under');
      await textOf(us.locator('dd span.muted'), '0 of 1 answered');

      // The same in Polish (the sentence why stays the server's English), and back.
      await page.getByLabel('Language').selectOption('pl');
      await textOf(connection(page).or(page.getByRole('status', { name: 'Transmisja na żywo' })), 'Na żywo');
      await textOf(block(card(page, PREDICTIVE), 'Odsetek porzuceń').locator('[data-window="us"] .tag'), 'Poniżej celu');
      await screenshot(page, shot('dashboard-pl'));
      await page.getByLabel('Język').selectOption('en');
      await textOf(connection(page), 'Live');
    } finally {
      await context.close();
      await must(admin, 'POST', `/api/campaigns/${id}/stop`);
      await resetAgent(ctx.floor, AGENT.login);
    }
  });

  it('O11, R1: an agent-owned campaign’s card shows each owner’s progress — owned, done, skipped, remaining, errors — and it moves live as an owner works her records on the desktop', async () => {
    const [ida, piotr] = [await addAgent(ctx.floor, 'owner-ida', 'Ida Wrona'), await addAgent(ctx.floor, 'owner-piotr', 'Piotr Lis')];
    const admin = await asAdmin();
    const queues = (await must(admin, 'GET', '/api/queues')) as Array<{ id: number; name: string }>;
    const list = await must(admin, 'POST', '/api/lists', { name: `${OWNED} list`, defaultRegion: 'PL', defaultTimeZone: 'Europe/Warsaw' });
    // Ida owns three (worked largest balance first), Piotr two; Sato's record cannot reach him (not in the queue: an error).
    const rows = [
      ['Ula Kos', '+48221239301', 'owner-ida@e2e.test', '900'],
      ['Eryk Mróz', '+48221239302', 'OWNER-IDA', '500'],
      ['Lea Bąk', '+48221239303', 'owner-ida', '100'],
      ['Olek Puch', '+48221239304', 'owner-piotr@e2e.test', '700'],
      ['Zyta Kruk', '+48221239305', 'owner-piotr', '300'],
      ['Ewa Obca', '+48221239306', 'sato@e2e.test', '50'],
    ];
    await importCsv(ctx.floor, admin, list.id, ownedCsv(rows), OWNED_MAPPING);
    const allDay = [{ start: '00:00', end: '24:00' }];
    const campaign = await must(admin, 'POST', '/api/campaigns', {
      name: OWNED,
      mode: 'agent_owned_preview',
      ownerColumn: 'owner',
      queueId: queues.find((q) => q.name === 'Sales')!.id,
      callerId: '+48223334474',
      listIds: [list.id],
      regulatoryProfile: 'none',
      contactableTimes: { weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay])), defaultTimeZone: 'Europe/Warsaw' },
      sortOrder: [{ column: 'balance', direction: 'desc', compareAs: 'number' }],
    });
    await must(admin, 'POST', `/api/campaigns/${campaign.id}/start`);
    await must(admin, 'PUT', `/api/campaigns/${campaign.id}/grants/${ctx.floor.supervisor.id}`);
    const satoId = ((await must(admin, 'GET', '/api/users?q=sato')).items as Array<{ id: number; userCode: string }>).find((u) => u.userCode === 'sato')!.id;

    const supervisor = await ctx.browser.newPage();
    const desk = await ctx.browser.newPage();
    try {
      const page = supervisor.page;
      await openDashboard(page);
      const mine = card(page, OWNED);
      await mine.waitFor();
      // The records are sorted to their owners when the dialer takes the campaign up (the first agent joins): no table before.
      await textOf(mine.locator('.dash-note'), 'No agent has joined yet: the dialer starts when the first agent joins.');
      expect(await block(mine, 'Progress per agent').count()).toBe(0);

      // Ida joins on her desktop: the card shows both owners, and Sato with the record he cannot get.
      await signInThroughPage(desk.page, ctx.floor, ida.login);
      await button(desk.page, `Join ${OWNED}`).click();
      await textOf(stateOf(desk.page), 'Not ready');
      const owners = block(mine, 'Progress per agent');
      const table = owners.getByRole('table');
      await table.waitFor({ timeout: WAIT_MS });
      expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Agent', 'Owned', 'Done', 'Skipped', 'Remaining', 'Errors']);
      const counts = (userId: number) => table.locator(`tr[data-owner-id="${userId}"] td`);
      const figures = async (userId: number) => (await counts(userId).allTextContents()).join(' ');
      const row = (userId: number, expected: string) => until(`owner ${userId}: ${expected}`, async () => (await figures(userId)) === expected);
      await row(ida.id, '3 0 0 3 0');
      await row(piotr.id, '2 0 0 2 0');
      await row(satoId, '1 0 0 0 1');
      expect(await table.locator('tbody th').allTextContents()).toEqual(['佐藤 恵', 'Ida Wrona', 'Piotr Lis']); // in the order they were made
      expect(await table.locator(`tr[data-owner-id="${satoId}"] [data-count="errors"]`).getAttribute('class')).toContain('error');

      // She skips her first record and completes the next: her row follows with no reload; Piotr's stays.
      await button(desk.page, 'Ready').click();
      const offer = desk.page.getByRole('dialog', { name: 'New record' });
      await textOf(offer.locator('.offer-name'), 'Ula Kos');
      await offer.getByRole('button', { name: 'Accept' }).click();
      await button(desk.page, 'Skip').click();
      await row(ida.id, '3 0 1 2 0');
      await textOf(offer.locator('.offer-name'), 'Eryk Mróz');
      await offer.getByRole('button', { name: 'Accept' }).click();
      await button(desk.page, 'Not ready').click();
      await button(desk.page, /^Complete/).click();
      await textOf(stateOf(desk.page), 'Not ready');
      await row(ida.id, '3 1 1 1 0');
      expect(await figures(piotr.id)).toBe('2 0 0 2 0');
      await textOf(block(mine, 'List progress').locator('[data-part="done"] dd'), '1');
      await screenshot(page, shot('dashboard-owners'));
    } finally {
      await supervisor.context.close();
      await desk.context.close();
      await must(admin, 'POST', `/api/campaigns/${campaign.id}/stop`);
      await resetAgent(ctx.floor, 'owner-ida');
    }
  }, 90_000);

  it('R1: when the server goes away the dashboard says Reconnecting…, and is Live again by itself once it is back', async () => {
    const { page, context } = await ctx.browser.newPage();
    try {
      await openDashboard(page);
      await card(page, PREVIEW_CAMPAIGN).waitFor();
      const restarted = ctx.floor.restart();
      await textOf(connection(page), 'Reconnecting…');
      await screenshot(page, shot('dashboard-reconnecting'));
      await restarted;
      await textOf(connection(page), 'Live', 30_000);
      await card(page, PREVIEW_CAMPAIGN).getByText('Running', { exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });
}
