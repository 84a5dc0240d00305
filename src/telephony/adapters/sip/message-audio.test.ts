import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusToolsAvailable } from '../../../../bench/amd-corpus.js';
import { rms, tone, wavBytes } from './audio.js';
import { messageAudio } from './message-audio.js';

/**
 * The messages a campaign plays on a real line (D5 machine message, D6 abandon message): a
 * recording by name from the messages directory, or text spoken by espeak-ng. Speaking needs
 * espeak-ng and sox: without them that case is skipped with a loud notice, and fails under CI.
 */
const tools = await corpusToolsAvailable();
if (!tools.ok) {
  const message = `${tools.missing.join(' and ')} not installed: spoken messages need them (apt-get install espeak-ng sox).`;
  if (process.env.CI) throw new Error(`${message} CI must install them.`);
  process.stderr.write(`\n*** WARNING: ${message} The spoken-message test is SKIPPED. ***\n\n`);
}

describe('campaign messages on a SIP line (D5, D6, T2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pacer-messages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const recorded = tone(425, 1500);
  writeFileSync(join(dir, 'sorry.wav'), wavBytes(recorded));
  writeFileSync(join(dir, 'cd-quality.wav'), Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.from([16, 0, 0, 0, 1, 0, 2, 0, 0x44, 0xac, 0, 0, 0, 0, 0, 0, 4, 0, 16, 0]), Buffer.from('data'), Buffer.alloc(4)]));

  it('D6: a message named like a recording plays that file from the messages directory', () => {
    expect(messageAudio({ dir, voice: 'en-us' }).audio('sorry.wav')).toEqual(recorded);
  });

  it('D6: a missing recording, a recording without a messages directory, or one in the wrong format each say what to do', () => {
    const messages = messageAudio({ dir, voice: 'en-us' });
    expect(() => messages.audio('gone.wav')).toThrow(/The recording "gone.wav" is not in the messages directory .*; add it there \(8 kHz mono 16-bit WAV\)/);
    expect(() => messageAudio({ dir: null, voice: 'en-us' }).audio('sorry.wav')).toThrow(/no messages directory is configured: set messages.dir/);
    expect(() => messages.audio('cd-quality.wav')).toThrow(/44100 Hz, 2 channel\(s\).*Convert it with: sox/);
  });

  it.skipIf(!tools.ok)('D6: a text message is spoken (espeak-ng) at 8 kHz, made once — prepared ahead, the call gets the same audio', async () => {
    const messages = messageAudio({ dir: null, voice: 'en-us' });
    const text = 'Sorry, all our advisers are busy. We will call you again.';
    await messages.prepare(text);
    const audio = messages.audio(text);
    expect(audio.length / 8000).toBeGreaterThan(2); // a few seconds of speech
    expect(audio.length / 8000).toBeLessThan(8);
    expect(rms(audio)).toBeGreaterThan(500);
    expect(messages.audio(` ${text} `)).toBe(audio);
  });
});
