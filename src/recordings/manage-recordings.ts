import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { throwIfIssues } from '../campaigns/issues.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { isRecordingName, nameFromFile, RECORDING_NAME, RECORDING_NAME_MAX } from './recording-name.js';
import { pcmBytes, pcmFrom, toTelephoneAudio } from './telephone-audio.js';

/**
 * Recorded messages (D5, D6, T2): uploaded by supervisors and administrators, played by the SIP
 * carrier wherever a campaign's abandon message or machine message is a recording's name
 * (`sorry.wav`); any other message text is spoken by text-to-speech. Stored in the database, so
 * every dialer node plays the same audio.
 */
export interface RecordingView {
  id: number;
  name: string;
  durationMs: number;
  createdAt: string;
  usedBy: Array<{ id: number; name: string }>;
}

export async function uploadRecording(db: Kysely<Database>, clock: Clock, actor: Actor, upload: { file: Buffer; fileName: string | null; name: string | undefined }): Promise<RecordingView> {
  const name = (upload.name ?? nameFromFile(upload.fileName) ?? '').trim();
  if (!name) throwIfIssues([{ path: 'name', problem: 'Give the recording a name ending in .wav, e.g. sorry.wav (campaigns name it to play it).' }], 'The recording');
  if (!RECORDING_NAME.test(name) || name.length > RECORDING_NAME_MAX) {
    throwIfIssues([{ path: 'name', problem: `"${name}" is not a recording name: use letters, digits, spaces, dots, dashes or underscores, at most ${RECORDING_NAME_MAX} characters, ending in .wav (e.g. sorry-en.wav).` }], 'The recording');
  }
  await assertNameFree(db, name);
  const pcm = await toTelephoneAudio(upload.file);
  try {
    const row = await db
      .insertInto('recordings')
      .values({ name, pcm: pcmBytes(pcm), duration_ms: Math.round(pcm.length / 8), created_at: clock.now(), created_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await recordingViews(db, row.id))[0]!;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') await assertNameFree(db, name); // uploaded twice at once
    throw err;
  }
}

async function assertNameFree(db: Kysely<Database>, name: string): Promise<void> {
  const clash = await db.selectFrom('recordings').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();
  if (clash) throw new AppError('conflict', `A recording named "${name}" already exists (recording ${clash.id}); choose another name, or delete the old one first.`, { field: 'name', recordingId: clash.id });
}

/** Every recording, by name, with the campaigns that play it. */
export const listRecordings = (db: Kysely<Database>): Promise<RecordingView[]> => recordingViews(db);

/** The recordings (one, given its ID), with the campaigns that play them. */
async function recordingViews(db: Kysely<Database>, id?: number): Promise<RecordingView[]> {
  let query = db.selectFrom('recordings').select(['id', 'name', 'duration_ms', 'created_at']).orderBy('name');
  if (id !== undefined) query = query.where('id', '=', id);
  const rows = await query.execute();
  const users = await campaignsUsing(db);
  return rows.map((r) => ({ id: r.id, name: r.name, durationMs: r.duration_ms, createdAt: r.created_at.toISOString(), usedBy: users.get(r.name.toLowerCase()) ?? [] }));
}

/** Live campaigns by the recording names their messages play (lower case). */
async function campaignsUsing(db: Kysely<Database>): Promise<Map<string, Array<{ id: number; name: string }>>> {
  const campaigns = await db.selectFrom('campaigns').select(['id', 'name', 'settings']).where('deleted_at', 'is', null).orderBy('name').execute();
  const byName = new Map<string, Array<{ id: number; name: string }>>();
  for (const c of campaigns) {
    const settings = c.settings as { abandonMessage?: unknown; amd?: { message?: unknown } | null };
    const names = new Set([settings.abandonMessage, settings.amd?.message].filter((m): m is string => typeof m === 'string' && isRecordingName(m)).map((m) => m.trim().toLowerCase()));
    for (const n of names) byName.set(n, [...(byName.get(n) ?? []), { id: c.id, name: c.name }]);
  }
  return byName;
}

/** The recording as a WAV file's samples (8 kHz mono 16-bit), by ID. */
export async function recordingAudio(db: Kysely<Database>, id: number): Promise<{ name: string; pcm: Int16Array }> {
  const row = await db.selectFrom('recordings').select(['name', 'pcm']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `Recording ${id} does not exist.`, { recordingId: id });
  return { name: row.name, pcm: pcmFrom(row.pcm) };
}

/** The recording a campaign message names, or null when there is none by that name (the SIP carrier's message source). */
export async function recordingByName(db: Kysely<Database>, name: string): Promise<Int16Array | null> {
  const row = await db.selectFrom('recordings').select('pcm').where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase())).executeTakeFirst();
  return row ? pcmFrom(row.pcm) : null;
}

/** Deletes a recording no campaign plays; one still named by a campaign's message is refused, naming the campaigns. */
export async function deleteRecording(db: Kysely<Database>, id: number): Promise<void> {
  const [recording] = await recordingViews(db, id);
  if (!recording) throw new AppError('not_found', `Recording ${id} does not exist.`, { recordingId: id });
  if (recording.usedBy.length > 0) {
    const names = recording.usedBy.map((c) => `"${c.name}"`).join(', ');
    throw new AppError('conflict', `The recording "${recording.name}" is played by campaign${recording.usedBy.length > 1 ? 's' : ''} ${names}; change their messages first, then delete it.`, { usedBy: recording.usedBy });
  }
  await db.deleteFrom('recordings').where('id', '=', id).execute();
}

/**
 * A campaign's messages that name recordings must name uploaded ones: a typo would otherwise
 * leave abandoned calls without the message the law asks for. Issues by field path.
 */
export async function recordingIssues(db: Kysely<Database>, messages: Array<{ path: string; message: string | null | undefined }>): Promise<Array<{ path: string; problem: string }>> {
  const named = messages.filter((m): m is { path: string; message: string } => typeof m.message === 'string' && isRecordingName(m.message));
  if (named.length === 0) return [];
  const rows = await db
    .selectFrom('recordings')
    .select('name')
    .where((eb) => eb(eb.fn('lower', ['name']), 'in', named.map((m) => m.message.trim().toLowerCase())))
    .execute();
  const known = new Set(rows.map((r) => r.name.toLowerCase()));
  return named
    .filter((m) => !known.has(m.message.trim().toLowerCase()))
    .map((m) => ({ path: m.path, problem: `There is no recording named "${m.message.trim()}": upload it under Recordings first, or write the message as text to be spoken.` }));
}
