/** A recorded message the dialer plays (D6 abandon message, D5 machine message), as GET /api/recordings sends it. */
export interface Recording {
  id: number;
  /** Ends in .wav; a campaign's message that is this name plays the recording. */
  name: string;
  durationMs: number;
  createdAt: string;
  /** The campaigns whose abandonMessage or amd.message names it. */
  usedBy: Array<{ id: number; name: string }>;
}

/** A recording's length as m:ss (1.5 s → 0:02). */
export function length(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The name a file is kept under by default, as the server derives it: its own with the extension
 * replaced by .wav, characters a name may not have made spaces ("Sorry (EN).mp3" → "Sorry EN.wav").
 */
export function nameFor(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const clean = base.replace(/[^\w .-]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^[^\w]+/, '');
  return clean ? `${clean.slice(0, 96)}.wav` : '';
}
