import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, resetAgent, textOf, until, WAIT_MS } from './support/desk-page.js';
import { addAgent, addCampaign, ADMIN_PASSWORD, CALL_GUIDE, PASSWORD, type Floor } from './support/pacer-floor.js';

/**
 * Issue 6 points 8 and 9: every section of the console in Japanese and in Polish, each screen
 * photographed whole (test-results/screenshots/console-{ja,pl}-*.png) for people to look at, and
 * read for English left behind: no visible text, option, placeholder or label may be an English
 * message of the catalogue that the language translates. An admin of each language (Tokyo,
 * Warsaw) switches in the top bar; the data is the test's own — a Tokyo campaign whose agent made
 * a sale and left two callbacks — so the reports and the callback search have rows, and the
 * phonetic name is searched in hiragana (ja) and katakana (pl).
 */
const CAMPAIGN = 'Languages — Tokyo';
const AGENT = { login: 'gengo', name: '星野 結衣' };
const DNC_LIST = '苦情・Skargi';
const CUSTOMERS = [
  { name: '小川 真理', kana: 'オガワ マリ', phone: '03-5550-8101' },
  { name: '松本 葵', kana: 'マツモト アオイ', phone: '03-5550-8102' },
  { name: '松田 陸', kana: 'マツダ リク', phone: '03-5550-8103' },
  { name: '井上 翼', kana: 'イノウエ ツバサ', phone: '03-5550-8104' },
];

/** What each language must say, and how its admin searches the phonetic name. */
const LANGUAGES = {
  ja: {
    title: 'Japanese',
    admin: { login: 'kanri-ja', name: '高橋 彩', timeZone: 'Asia/Tokyo' },
    browser: 'ja-JP',
    nav: ['リアルタイム状況', 'キャンペーン', 'リスト', '録音メッセージ', '再発信管理', 'レポート', '管理'],
    kana: 'まつ', // hiragana for マツモト and マツダ
  },
  pl: {
    title: 'Polish',
    admin: { login: 'admin-pl', name: 'Małgorzata Brzęczyszczykiewicz', timeZone: 'Europe/Warsaw' },
    browser: 'pl-PL',
    nav: ['Pulpit na żywo', 'Kampanie', 'Listy', 'Nagrania', 'Oddzwonienia', 'Raporty', 'Administracja'],
    kana: 'マツ',
  },
} as const;

interface Made {
  campaignId: number;
  listId: number;
  /** How many callbacks the campaign has, and how many of them are for a マツ… */
  callbacks: number;
  matsu: number;
}

export function languagesConsoleTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  let made: Promise<Made> | undefined;
  const setup = () => (made ??= makeData(ctx.floor));

  for (const lang of ['ja', 'pl'] as const) {
    const L = LANGUAGES[lang];
    it(`A1, R1, L1, C2, R2, R3: every console section in ${L.title} — dashboard, campaigns, wizard, lists, callbacks found by kana, reports, administration — with no English left`, async () => {
      const { campaignId, listId, callbacks, matsu } = await setup();
      expect(matsu).toBeGreaterThan(0);
      expect(matsu).toBeLessThan(callbacks);
      const [en, here] = await Promise.all([catalogue('en'), catalogue(lang)]);
      const english = englishOnly(en, here);
      const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
      if ((await ctx.floor.api(admin, 'GET', `/api/users?q=${L.admin.login}`)).json.items.length === 0) {
        const res = await ctx.floor.api(admin, 'POST', '/api/users', { email: `${L.admin.login}@e2e.test`, userCode: L.admin.login, displayName: L.admin.name, role: 'admin', password: PASSWORD, locale: 'en', timeZone: L.admin.timeZone });
        expect(res.status, JSON.stringify(res.json)).toBe(201);
      }
      // A browser of the language's country: the sign-in page speaks it; the console starts in the user's English.
      const { page, context } = await ctx.browser.newPage({ locale: L.browser, timezoneId: L.admin.timeZone });
      const leaks: string[] = [];
      const overflows: string[] = [];
      let n = 0;
      /** Opens a console address, waits for its heading, then what `ready` waits for; photographs the whole page and notes English left. */
      const visit = async (name: string, address: string | null, heading: string | RegExp, ready?: () => Promise<unknown>) => {
        if (address !== null) await page.goto(`${ctx.floor.url}/console${address}`);
        await textOf(page.locator('main h1').first(), heading);
        await ready?.();
        await screenshot(page, shot(`${lang}-${String(++n).padStart(2, '0')}-${name}`), { fullPage: true });
        for (const text of await englishOn(page, english)) leaks.push(`${name}: ${text}`);
        for (const box of await scrolledSideways(page)) overflows.push(`${name}: ${box}`);
      };
      const m = (key: string) => here[key]!;
      try {
        await page.goto(ctx.floor.url);
        await page.getByLabel(m('signIn.login')).fill(L.admin.login);
        await page.getByLabel(m('signIn.password')).fill(PASSWORD);
        await button(page, m('signIn.submit')).click();
        await page.waitForURL(/\/console$/, { timeout: WAIT_MS });
        await page.getByRole('navigation', { name: 'Console sections' }).waitFor();
        await page.locator('header').getByLabel('Language').selectOption(lang);
        const nav = page.getByRole('navigation', { name: m('console.nav') });
        await until('the navigation in the language', async () => JSON.stringify(await nav.getByRole('link').allTextContents()) === JSON.stringify(L.nav));
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);

        await visit('dashboard', '/', m('console.dashboard.title'), () => page.locator(`[data-campaign-id="${campaignId}"]`).waitFor());
        await visit('campaigns', '/campaigns', m('console.campaigns.title'), () => textOf(page.locator(`tr[data-campaign="${CAMPAIGN}"] .penetration`), /^25%/));
        await visit('campaign', `/campaigns/${campaignId}`, new RegExp(CAMPAIGN), () => page.getByRole('region', { name: m('console.campaigns.section.dialing'), exact: true }).waitFor());
        await visit('wizard-1', '/campaigns/new', m('console.wizard.title'));
        const steps = page.getByRole('navigation', { name: m('console.wizard.steps') }).getByRole('button');
        for (const step of [2, 3, 4]) {
          await steps.nth(step - 1).click();
          await visit(`wizard-${step}`, null, m('console.wizard.title'));
        }
        await visit('lists', '/lists', m('console.lists.title'), () => page.getByRole('link', { name: `${CAMPAIGN} list` }).waitFor());
        await visit('list', `/lists/${listId}`, `${CAMPAIGN} list`, () => page.locator('main table').first().waitFor());
        await visit('recordings', '/recordings', m('console.recordings.title'), () => page.getByRole('form', { name: m('console.recordings.upload') }).waitFor());

        // C2: the phonetic name in kana — hiragana finds katakana (ja); katakana as stored (pl). The test's campaign only: other tests' callbacks are theirs.
        await visit('callbacks-form', `/callbacks?campaignId=${campaignId}`, m('console.callbacks.title'), () => page.getByRole('region', { name: m('console.callbacks.results') }).waitFor());
        const form = page.getByRole('form', { name: m('console.callbacks.search') });
        await form.getByLabel(m('console.callbacks.phoneticName'), { exact: true }).fill(L.kana);
        await form.getByRole('button', { name: m('console.callbacks.searchButton'), exact: true }).click();
        const found = page.getByRole('region', { name: m('console.callbacks.results') }).locator('tbody tr');
        await until('only the マツ… callbacks', async () => (await found.count()) === matsu);
        for (const row of await found.allTextContents()) expect(row).toMatch(/マツモト アオイ|マツダ リク/);
        expect(new URL(page.url()).searchParams.get('phoneticName')).toBe(L.kana);
        await visit('callbacks', null, m('console.callbacks.title'));

        await visit('report-campaigns', `/reports/campaigns?campaignId=${campaignId}`, m('console.reports.title'), () => textOf(page.locator('tr[data-row="totals"] td').first(), '1'));
        await visit('report-codes', `/reports/wrap-up-codes?campaignId=${campaignId}`, m('console.reports.title'), () => page.locator('main tr[data-code="sale"]').waitFor());
        await visit('report-agents', `/reports/agents?campaignId=${campaignId}`, m('console.reports.title'), () => page.locator('main tbody tr', { hasText: AGENT.name }).first().waitFor());
        await visit('report-attempts', `/reports/attempts?campaignId=${campaignId}`, m('console.reports.title'), () => page.locator('main tbody tr', { hasText: CUSTOMERS[0]!.kana }).first().waitFor());
        await visit('report-customers', '/reports/customers', m('console.reports.title'));
        await page.getByLabel(m('console.reports.customers.phonetic')).fill(lang === 'ja' ? 'おがわ' : 'オガワ');
        await button(page, m('console.reports.search')).click();
        await page.getByText(CUSTOMERS[0]!.kana).first().waitFor({ timeout: WAIT_MS });
        await visit('report-customers-found', null, m('console.reports.title'));

        await visit('admin-users', '/admin/users', m('console.admin.title'), () => page.getByText(L.admin.name).first().waitFor());
        await visit('admin-queues', '/admin/queues', m('console.admin.title'), () => page.getByRole('table', { name: m('console.admin.tab.queues') }).waitFor());
        await visit('admin-grants', '/admin/grants', m('console.admin.title'));
        await visit('admin-dnc', '/admin/dnc', m('console.admin.title'), async () => {
          await page.getByRole('button', { name: DNC_LIST, exact: true }).click();
          await page.getByRole('region', { name: DNC_LIST }).getByText('+81355509999').waitFor();
        });
        await visit('admin-guides', '/admin/guides', m('console.admin.title'), async () => {
          await page.getByRole('button', { name: /^Sales — preview/ }).click();
          await page.locator('main h2', { hasText: 'Sales — preview' }).waitFor();
        });

        expect(leaks).toEqual([]);
        expect(overflows).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000);
  }
}

type Catalogue = Record<string, string>;
const web = path.resolve(import.meta.dirname, '../../web/src');
async function catalogue(lang: string): Promise<Catalogue> {
  const mod = (await import(path.join(web, 'i18n', `${lang}.ts`))) as Record<string, Catalogue>;
  return mod[lang]!;
}

/** The English messages the language says otherwise: exact texts, and patterns for those with {placeholders} and enough words of their own. */
function englishOnly(en: Catalogue, here: Catalogue): { texts: Set<string>; patterns: RegExp[] } {
  const texts = new Set<string>();
  const patterns: RegExp[] = [];
  // The same word in both languages (Agent, Fax) is no leak, nor the floor's data: the built-in admin's name, the English call guide.
  const guide = CALL_GUIDE.questions.flatMap((q) => [q.text, ...q.answers.map((a) => a.text)]);
  const said = new Set([...Object.values(here), 'Administrator', ...guide]);
  for (const [key, text] of Object.entries(en)) {
    if (here[key] === text || !/[A-Za-z]{2}/.test(text) || said.has(text)) continue;
    if (!text.includes('{')) texts.add(text);
    else if (text.replace(/\{\w+\}/g, '').replace(/[^A-Za-z]/g, '').length >= 8) {
      patterns.push(new RegExp(`^${text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.+?')}$`));
    }
  }
  return { texts, patterns };
}

/** The page's own words — each element's own text, its placeholder, title and aria-label — that are English messages. */
async function englishOn(page: Page, english: { texts: Set<string>; patterns: RegExp[] }): Promise<string[]> {
  const words = await page.locator('body').evaluate((body) => {
    const out: string[] = [];
    for (const el of body.querySelectorAll('*')) {
      if (!(el instanceof HTMLElement) || el.tagName === 'SCRIPT' || el.tagName === 'STYLE') continue;
      if (el.tagName !== 'OPTION' && !el.checkVisibility()) continue;
      const own = [...el.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE).map((c) => c.textContent ?? '').join('').trim();
      if (own) out.push(own);
      for (const attr of ['placeholder', 'title', 'aria-label']) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push(value);
      }
    }
    return out;
  });
  return [...new Set(words.filter((w) => english.texts.has(w) || english.patterns.some((p) => p.test(w))))];
}

/** Boxes whose content is wider than they are (a table scrolled sideways, a word pushed out of its column), named by tag and class. */
async function scrolledSideways(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) => {
    const out: string[] = [];
    for (const el of [main, ...main.querySelectorAll('*')]) {
      if (!(el instanceof HTMLElement) || el.classList.contains('visually-hidden') || !el.checkVisibility() || el.scrollWidth <= el.clientWidth + 1) continue;
      // C3's fourteen callback columns scroll sideways at 1280 px in every language (the column chooser hides some).
      if (el.classList.contains('cb-scroll')) continue;
      const style = getComputedStyle(el);
      if (style.overflowX === 'visible' && el.tagName !== 'MAIN') continue;
      out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${el.scrollWidth}>${el.clientWidth}`);
    }
    return out;
  });
}

/** The test's campaign: one sale by its agent (for the reports) and two callbacks (for the search). */
async function makeData(floor: Floor): Promise<Made> {
  const campaign = await addCampaign(floor, {
    name: CAMPAIGN,
    csv: ['name,kana,phone', ...CUSTOMERS.map((c) => `${c.name},${c.kana},${c.phone}`)].join('\n') + '\n',
    mapping: { phones: [{ column: 'phone', type: 'home' }], name: 'name', phoneticName: 'kana' },
    region: 'JP',
    timeZone: 'Asia/Tokyo',
  });
  await addAgent(floor, AGENT.login, AGENT.name);
  const admin = await floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
  const must = async (cookie: string, method: string, url: string, body?: unknown) => {
    const res = await floor.api(cookie, method, url, body);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  };
  const lists = (await must(admin, 'GET', '/api/lists')).items as Array<{ id: number; name: string }>;
  const listId = lists.find((l) => l.name === `${CAMPAIGN} list`)!.id;

  const cookie = await floor.signIn(AGENT.login);
  const state = async () => (await must(cookie, 'GET', '/api/agent/state')) as { state: string; work?: { recordId?: number } };
  const offered = async () => {
    let recordId = 0;
    await floor.api(cookie, 'POST', '/api/agent/ready'); // after a record she is ready already
    await until('a record offered', async () => {
      const view = await state();
      recordId = view.work?.recordId ?? 0;
      return view.state === 'reserved.offered' && recordId > 0;
    });
    await must(cookie, 'POST', '/api/agent/accept', { recordId });
    return recordId;
  };
  await must(cookie, 'POST', `/api/agent/campaigns/${campaign.id}/join`);
  // The first record: dialed, answered, a sale.
  const sold = await offered();
  await must(cookie, 'POST', '/api/agent/dial', { recordId: sold, number: '+81355508101' });
  await until('the call answered', async () => (await state()).state === 'on_call.active');
  await new Promise((r) => setTimeout(r, 2200));
  await floor.api(cookie, 'POST', '/api/agent/hang-up');
  await until('wrap-up', async () => (await state()).state === 'wrap_up');
  await must(cookie, 'POST', '/api/agent/wrap-up', { recordId: sold, code: 'sale', notes: 'ゴールドプランを契約' });
  // The other three: called back in two, three and four days.
  for (const days of [2, 3, 4]) {
    const recordId = await offered();
    if (days === 4) await must(cookie, 'POST', '/api/agent/not-ready', { reason: 'break' });
    await must(cookie, 'POST', '/api/agent/reschedule', { recordId, callback: { at: new Date(Date.now() + days * 86_400_000).toISOString(), assignee: 'me', notes: `${days}日後に再発信`, windowMinutes: 30 } });
  }
  await resetAgent(floor, AGENT.login);

  const dnc = await must(admin, 'POST', '/api/dnc/lists', { name: DNC_LIST });
  await must(admin, 'POST', `/api/dnc/lists/${dnc.id}/numbers`, { number: '+81355509999', reason: '本人の希望 / na prośbę klienta' });
  const callbacks = (await must(admin, 'GET', `/api/callbacks?campaignId=${campaign.id}`)).items as Array<{ phoneticName: string }>;
  return { campaignId: campaign.id, listId, callbacks: callbacks.length, matsu: callbacks.filter((c) => c.phoneticName.startsWith('マツ')).length };
}
