import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { readWav8k } from './audio.js';

/**
 * The audio of the messages a campaign plays on a real line — the abandon message (D6) and the
 * message left on a machine (D5). A campaign's message is either the file name of a recording
 * in the messages directory (`sorry.wav`: 8 kHz mono 16-bit PCM, as Asterisk and FreeSWITCH
 * prompts are made) or text, which is spoken by espeak-ng in the configured voice. Either is
 * made once and kept: the dialer asks for the same few messages on every abandoned call, and
 * `prepare` makes a campaign's messages when it starts, off the event loop, so that the first
 * abandoned call does not wait for espeak-ng.
 */
export interface MessageAudioConfig {
  /** Where recordings are; null = messages are always text. */
  dir: string | null;
  /** espeak-ng's voice for text messages (`espeak-ng --voices` lists them), e.g. en-us, pl, ja. */
  voice: string;
}

const RECORDING = /^[\w][\w .-]*\.wav$/i;

export interface MessageAudio {
  /** The message's 8 kHz PCM, made now if it was not prepared; throws an AppError saying what is missing. */
  audio(message: string): Int16Array;
  /** Makes the message's audio in the background (spoken text) so that `audio` finds it ready. */
  prepare(message: string): Promise<void>;
}

export function messageAudio(config: MessageAudioConfig): MessageAudio {
  const made = new Map<string, Int16Array>();
  return {
    audio(message) {
      const text = message.trim();
      let audio = made.get(text);
      if (!audio) {
        audio = RECORDING.test(text) ? recording(config.dir, text) : speakNow(text, config.voice);
        made.set(text, audio);
      }
      return audio;
    },
    async prepare(message) {
      const text = message.trim();
      if (made.has(text)) return;
      const audio = RECORDING.test(text) ? recording(config.dir, text) : await speak(text, config.voice);
      made.set(text, audio);
    },
  };
}

function recording(dir: string | null, name: string): Int16Array {
  if (!dir) {
    throw new AppError('invalid_state', `The message "${name}" is a recording, but no messages directory is configured: set messages.dir in the SIP carrier's configuration.`, { message: name });
  }
  try {
    return readWav8k(join(dir, basename(name)));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('not_found', `The recording "${name}" is not in the messages directory ${dir}; add it there (8 kHz mono 16-bit WAV).`, { message: name });
    }
    throw err;
  }
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
  return new AppError('invalid_state', 'Text messages are spoken by espeak-ng and sox, which are not installed (apt-get install espeak-ng sox); or record the message as a WAV in the messages directory.');
}
