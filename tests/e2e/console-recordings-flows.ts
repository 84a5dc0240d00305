import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tone, wavBytes } from '../../src/telephony/adapters/sip/audio.js';
import { soxInstalled } from '../support/recordings.js';
import type { TestBrowser } from './support/browser.js';
import { screenshot } from './support/browser.js';
import { button, signInThroughPage, textOf, until, WAIT_MS } from './support/desk-page.js';
import { ADMIN_PASSWORD, type Floor } from './support/pacer-floor.js';

/**
 * D5, D6: the recorded messages the dialer plays (the abandon message, the machine message) kept
 * on the console's Recordings page — uploaded through the page, listed with their length, played
 * from the server, picked by name in a campaign's settings, and kept while a campaign uses them.
 */
export function recordingsConsoleTests(ctx: { floor: Floor; browser: TestBrowser }, shot: (name: string) => string): void {
  // The server converts uploads with sox (apt-get install sox; CI installs it).
  it.skipIf(!soxInstalled())('D6, T2: a supervisor uploads a recorded message, hears it listed with its length, picks it as the abandon message, and cannot delete it while a campaign uses it', async () => {
    const stamp = Date.now();
    const name = `E2E sorry we missed you ${stamp}.wav`;
    const admin = await ctx.floor.signIn('admin@e2e.test', ADMIN_PASSWORD);
    const must = async (method: string, url: string, body?: unknown) => {
      const res = await ctx.floor.api(admin, method, url, body);
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.json)}`);
      return res.json;
    };
    const queueId = (await must('GET', `/api/campaigns/${ctx.floor.previewCampaignId}`)).queueId as number;
    const campaign = await must('POST', '/api/campaigns', { name: `Recordings — power ${stamp}`, mode: 'power', queueId, callerId: '+48223334481', regulatoryProfile: 'none', linesPerAgent: 1 });
    await must('PUT', `/api/campaigns/${campaign.id}/grants/${ctx.floor.supervisor.id}`);
    const empty = ((await must('GET', '/api/recordings')) as unknown[]).length === 0;

    // A 1.5 s 440 Hz tone, 16-bit PCM at 8 kHz, as a WAV file; and a text file that is no audio.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pacer-e2e-recordings-'));
    const wav = path.join(dir, 'sorry-we-missed-you.wav');
    await writeFile(wav, wavBytes(tone(440, 1500)));
    const text = path.join(dir, 'notes.txt');
    await writeFile(text, 'Sorry we missed you; we will call again.\n'.repeat(50));

    const { page, context } = await ctx.browser.newPage();
    try {
      await signInThroughPage(page, ctx.floor, 'nakamura');
      await page.waitForURL(/\/console$/, { timeout: WAIT_MS });
      await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Recordings' }).click();
      await page.waitForURL(/\/console\/recordings$/);
      await page.getByRole('heading', { level: 1, name: 'Recordings' }).waitFor({ timeout: WAIT_MS });
      if (empty) await page.getByText('No recordings yet. Upload one above; until then campaigns speak their messages with text-to-speech.').waitFor({ timeout: WAIT_MS });

      // Upload: the name is prefilled from the file's; she gives it her own.
      const form = page.getByRole('form', { name: 'Upload a recording' });
      await form.getByLabel('Audio file').setInputFiles(wav);
      expect(await form.getByRole('textbox', { name: /^Name/ }).inputValue()).toBe('sorry-we-missed-you.wav');
      await form.getByRole('textbox', { name: /^Name/ }).fill(name);
      await form.getByRole('button', { name: 'Upload' }).click();
      await form.getByRole('status').getByText(`Uploaded “${name}”.`).waitFor({ timeout: WAIT_MS });
      const row = page.locator(`tr[data-recording="${name}"]`);
      await row.waitFor({ timeout: WAIT_MS });
      expect(await row.locator('td').first().textContent()).toMatch(/^0:0[12]$/);
      expect(await row.locator('td.used-by').textContent()).toBe('—');
      const stored = ((await must('GET', '/api/recordings')) as Array<{ id: number; name: string; durationMs: number; createdAt: string }>).find((r) => r.name === name)!;
      expect(stored.durationMs).toBeGreaterThanOrEqual(1400);
      expect(stored.durationMs).toBeLessThanOrEqual(1600);
      // Uploaded at, in the supervisor's own time zone (Warsaw), not the browser's (UTC).
      const warsaw = new Intl.DateTimeFormat('en', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Warsaw' }).format(new Date(stored.createdAt));
      expect((await row.locator('td').nth(1).textContent())!.replace(/\s/g, ' ')).toBe(warsaw.replace(/\s/g, ' '));
      // The player plays the server's 8 kHz WAV.
      const player = row.getByLabel(`Play ${name}`);
      expect([await player.getAttribute('src'), await player.getAttribute('preload'), await player.getAttribute('controls')]).toEqual([`/api/recordings/${stored.id}/audio`, 'none', '']);
      const audio = await page.evaluate(async (src) => {
        const res = await fetch(src);
        const bytes = new Uint8Array(await res.arrayBuffer());
        return { status: res.status, type: res.headers.get('content-type'), riff: String.fromCharCode(...bytes.slice(0, 4)), rate: new DataView(bytes.buffer).getUint32(24, true) };
      }, `/api/recordings/${stored.id}/audio`);
      expect(audio).toEqual({ status: 200, type: expect.stringMatching(/^audio\/(x-)?wav/), riff: 'RIFF', rate: 8000 });
      await screenshot(page, shot('recordings'));

      // The same name again: the server's refusal under the name.
      await form.getByLabel('Audio file').setInputFiles(wav);
      await form.getByRole('textbox', { name: /^Name/ }).fill(name);
      await form.getByRole('button', { name: 'Upload' }).click();
      await textOf(form.locator('label[data-field="name"]').getByRole('alert'), new RegExp(`A recording named "${name}" already exists`));
      expect(await form.locator('label[data-field="file"]').getByRole('alert').count()).toBe(0);

      // The campaign's abandon message: her recording is suggested by name, and the hint says what a message is.
      await page.goto(`${ctx.floor.url}/console/campaigns/${campaign.id}`);
      const dialing = page.getByRole('region', { name: 'Dialing' });
      await button(page, 'Edit Dialing').click();
      const settings = dialing.getByRole('form', { name: 'Dialing' });
      const message = settings.getByLabel('Message on abandoned calls');
      await settings.getByText('Text is spoken by text-to-speech; the name of a recording (see Recordings) plays it.').first().waitFor({ timeout: WAIT_MS });
      const suggestions = await page.locator(`datalist#${CSS_ESCAPE(await message.getAttribute('list'))} option`).evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      expect(suggestions).toContain(name);
      await message.fill(name);
      await button(page, 'Save').click();
      await settings.waitFor({ state: 'detached', timeout: WAIT_MS });
      await dialing.getByText(name).waitFor({ timeout: WAIT_MS });
      expect((await must('GET', `/api/campaigns/${campaign.id}`)).abandonMessage).toBe(name);

      // Back on Recordings: the campaign plays it, linked; Delete is disabled and says why; the server refuses too.
      await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Recordings' }).click();
      const usedBy = row.locator('td.used-by').getByRole('link', { name: campaign.name });
      await usedBy.waitFor({ timeout: WAIT_MS });
      expect(await usedBy.getAttribute('href')).toBe(`/console/campaigns/${campaign.id}`);
      const remove = row.getByRole('button', { name: `Delete ${name}` });
      expect(await remove.isDisabled()).toBe(true);
      await row.getByText('A campaign plays it: change that campaign’s message first.').waitFor();
      await screenshot(page, shot('recordings-in-use'));
      const refused = await ctx.floor.api(admin, 'DELETE', `/api/recordings/${stored.id}`);
      expect([refused.status, refused.json.error.code, refused.json.error.details.usedBy]).toEqual([409, 'conflict', [expect.objectContaining({ id: campaign.id, name: campaign.name })]]);

      // A text file is no audio: the server's problem under the file field, and nothing listed.
      await form.getByLabel('Audio file').setInputFiles(text);
      expect(await form.getByRole('textbox', { name: /^Name/ }).inputValue()).toBe('notes.wav');
      await form.getByRole('button', { name: 'Upload' }).click();
      await textOf(form.locator('label[data-field="file"]').getByRole('alert'), /^This is not a WAV, FLAC, OGG or AIFF audio file\./);
      expect(await form.locator('label[data-field="name"]').getByRole('alert').count()).toBe(0);
      await screenshot(page, shot('recordings-not-audio'));
      expect(await page.locator('tr[data-recording="notes.wav"]').count()).toBe(0);

      // Once the campaign speaks text again, the recording can go: asked first, then gone.
      await must('PATCH', `/api/campaigns/${campaign.id}`, { abandonMessage: 'Sorry we missed you; we will call again.' });
      await page.reload();
      await until('Delete enabled', async () => !(await remove.isDisabled().catch(() => true)));
      await remove.click();
      const dialog = page.getByRole('dialog', { name: `Delete “${name}”?` });
      await dialog.getByRole('button', { name: 'Delete' }).click();
      await row.waitFor({ state: 'detached', timeout: WAIT_MS });
      expect(((await must('GET', '/api/recordings')) as Array<{ name: string }>).some((r) => r.name === name)).toBe(false);
    } finally {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }

    // The page in Japanese (her language is saved, so it is put back).
    const ja = await ctx.browser.newPage();
    const cookie = await ctx.floor.signIn('nakamura');
    try {
      await signInThroughPage(ja.page, ctx.floor, 'nakamura');
      await ja.page.goto(`${ctx.floor.url}/console/recordings`);
      await ja.page.locator('header').getByLabel('Language').selectOption('ja');
      await textOf(ja.page.locator('main h1'), '録音メッセージ');
    } finally {
      await ja.context.close();
      await ctx.floor.api(cookie, 'PATCH', '/api/auth/me', { locale: 'en' });
    }
  }, 90_000);
}

/** An id from useId (":r1:") as a CSS selector part. */
const CSS_ESCAPE = (id: string | null) => (id ?? '').replace(/[^\w-]/g, (c) => `\\${c}`);
