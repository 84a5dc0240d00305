import { describe, expect, it } from 'vitest';
import { corpusToolsAvailable } from '../../../../bench/amd-corpus.js';
import { rms, tone } from './audio.js';
import { messageAudio } from './message-audio.js';

/**
 * The messages a campaign plays on a real line (D5 machine message, D6 abandon message): a
 * recording uploaded under Recordings, by name, or text spoken by espeak-ng. Speaking needs
 * espeak-ng and sox: without them that case is skipped with a loud notice, and fails under CI.
 */
const tools = await corpusToolsAvailable();
if (!tools.ok) {
  const message = `${tools.missing.join(' and ')} not installed: spoken messages need them (apt-get install espeak-ng sox).`;
  if (process.env.CI) throw new Error(`${message} CI must install them.`);
  process.stderr.write(`\n*** WARNING: ${message} The spoken-message test is SKIPPED. ***\n\n`);
}

describe('campaign messages on a SIP line (D5, D6, T2)', () => {
  const recorded = tone(425, 1500);
  // The recordings as the database gives them (src/recordings/, tested against the database in tests/api/recordings.test.ts).
  const uploaded = new Map([['sorry.wav', recorded]]);
  const fetches: string[] = [];
  const source = async (name: string) => {
    fetches.push(name);
    return uploaded.get(name.toLowerCase()) ?? null;
  };

  it('D6: a message named like a recording plays that recording: fetched when the campaign loads, and again after it changes', async () => {
    const messages = messageAudio({ voice: 'en-us' }, source);
    await messages.prepare(' sorry.wav ');
    expect(messages.audio('sorry.wav')).toBe(recorded); // ready for the call, no waiting
    uploaded.set('sorry.wav', tone(600, 1000)); // deleted and uploaded again
    await messages.prepare('sorry.wav');
    expect(messages.audio('sorry.wav')).toEqual(tone(600, 1000));
    uploaded.set('sorry.wav', recorded);
  });

  it('D6: a recording not prepared is fetched for the call; a missing one says to upload it', async () => {
    const messages = messageAudio({ voice: 'en-us' }, source);
    expect(await messages.audio('Sorry.wav')).toEqual(recorded);
    await expect(messages.audio('gone.wav')).rejects.toThrow(/There is no recording named "gone.wav": upload it under Recordings, or write the campaign's message as text/);
    await expect(messages.prepare('gone.wav')).rejects.toThrow(/no recording named "gone.wav"/);
  });

  it.skipIf(!tools.ok)('D6: a text message is spoken (espeak-ng) at 8 kHz, made once — prepared ahead, the call gets the same audio', async () => {
    const messages = messageAudio({ voice: 'en-us' }, source);
    const text = 'Sorry, all our advisers are busy. We will call you again.';
    await messages.prepare(text);
    const audio = messages.audio(text) as Int16Array;
    expect(audio.length / 8000).toBeGreaterThan(2); // a few seconds of speech
    expect(audio.length / 8000).toBeLessThan(8);
    expect(rms(audio)).toBeGreaterThan(500);
    expect(messages.audio(` ${text} `)).toBe(audio);
    expect(fetches).not.toContain(text); // text is never looked up as a recording
  });
});
