/**
 * How a campaign message names a recording (D5, D6): `sorry.wav`. Anything else is text to be
 * spoken. Pure, so the SIP carrier's message source and the recordings use cases share it.
 */
export const RECORDING_NAME = /^[\w][\w .-]*\.wav$/i;
export const RECORDING_NAME_MAX = 100;

/** Does a campaign message name a recording (rather than being text to speak)? */
export const isRecordingName = (message: string): boolean => RECORDING_NAME.test(message.trim());

/** The name a recording gets from its file when none is given: "Sorry (EN).mp3" → "Sorry (EN).wav" → "Sorry EN.wav". */
export function nameFromFile(fileName: string | null): string | null {
  if (!fileName) return null;
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const clean = base.replace(/[^\w .-]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^[^\w]+/, '');
  return clean ? `${clean.slice(0, RECORDING_NAME_MAX - 4)}.wav` : null;
}

