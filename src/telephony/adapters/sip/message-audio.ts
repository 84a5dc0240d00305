import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRecordingName } from '../../../recordings/recording-name.js';
import { AppError } from '../../../shared/errors.js';
import { readWav8k } from './audio.js';

/**
 * The audio of the messages a campaign plays on a real line — the abandon message (D6) and the
 * message left on a machine (D5). A campaign's message is either the name of a recording
 * uploaded under Recordings (`sorry.wav`: kept in the database as 8 kHz mono 16-bit PCM) or
 * text, which is spoken by espeak-ng in the configured voice. `prepare` fetches or speaks a
 * campaign's messages when its engine loads (and again after its settings change), off the
 * event loop, so that an abandoned call does not wait; spoken text is kept for good, a
 * recording until it is prepared again (it may have been replaced).
 */
export interface MessageAudioConfig {
  /** espeak-ng's voice for text messages (`espeak-ng --voices` lists them), e.g. en-us, pl or ja. */
  voice: string;
}

/** Where recordings come from: the audio of the recording with that name, or null when there is none. */
export type RecordingSource = (name: string) => Promise<Int16Array | null>;

export interface MessageAudio {
  /**
   * The message's 8 kHz PCM. Spoken text not prepared is made now; a recording not prepared is
   * fetched (a promise). Throws, or rejects, with an AppError saying what is missing.
   */
  audio(message: string): Int16Array | Promise<Int16Array>;
  /** Makes the message's audio in the background so that `audio` finds it ready. */
  prepare(message: string): Promise<void>;
}

export function messageAudio(config: MessageAudioConfig, recordings: RecordingSource): MessageAudio {
  const made = new Map<string, Int16Array>();
  const fetch = async (name: string): Promise<Int16Array> => {
    const audio = await recordings(name);
    if (!audio) throw new AppError('not_found', `There is no recording named "${name}": upload it under Recordings, or write the campaign's message as text.`, { message: name });
    made.set(name, audio);
    return audio;
  };
  return {
    audio(message) {
      const text = message.trim();
      const ready = made.get(text);
      if (ready) return ready;
      if (isRecordingName(text)) return fetch(text);
      const audio = speakNow(text, config.voice);
      made.set(text, audio);
      return audio;
    },
    async prepare(message) {
      const text = message.trim();
      if (isRecordingName(text)) {
        await fetch(text);
        return;
      }
      if (!made.has(text)) made.set(text, await speak(text, config.voice));
    },
  };
}

/** espeak-ng speaks at 22,050 Hz; sox makes the telephone's 8 kHz mono 16-bit. */
function commands(text: string, voice: string, dir: string): Array<[string, string[]]> {
  return [
    ['espeak-ng', ['-v', voice, '-w', join(dir, 'raw.wav'), '--', text]],
    ['sox', [join(dir, 'raw.wav'), '-r', '8000', '-c', '1', '-b', '16', join(dir, 'message.wav')]],
  ];
}

function speakNow(text: string, voice: string): Int16Array {
  const dir = mkdtempSync(join(tmpdir(), 'pacer-message-'));
  try {
    for (const [program, args] of commands(text, voice, dir)) execFileSync(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    return readWav8k(join(dir, 'message.wav'));
  } catch (err) {
    throw toolsMissing(err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function speak(text: string, voice: string): Promise<Int16Array> {
  const dir = mkdtempSync(join(tmpdir(), 'pacer-message-'));
  try {
    for (const [program, args] of commands(text, voice, dir)) await run(program, args);
    return readWav8k(join(dir, 'message.wav'));
  } catch (err) {
    throw toolsMissing(err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = promisify(execFile);

function toolsMissing(err: unknown): unknown {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return err;
  return new AppError('invalid_state', 'Text messages are spoken by espeak-ng and sox, which are not installed (apt-get install espeak-ng sox); or upload a recorded message under Recordings and name it in the campaign.');
}
