import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { STAFF } from '../access/actor.js';
import { errorBody, errors, idParam } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { malformedUpload } from '../lists/read-upload.js';
import { AppError } from '../shared/errors.js';
import { wavBytes } from '../telephony/adapters/sip/audio.js';
import { deleteRecording, listRecordings, recordingAudio, uploadRecording } from './manage-recordings.js';

/** A WAV of two minutes at 48 kHz stereo is 23 MB: room for any message worth uploading. */
const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

const recordingView = z
  .object({
    id: z.number(),
    name: z.string().describe('What a campaign message names to play it, e.g. sorry.wav'),
    durationMs: z.number(),
    createdAt: z.string(),
    usedBy: z.array(z.object({ id: z.number(), name: z.string() })).describe('Live campaigns whose abandon or machine message plays it'),
  })
  .meta({ id: 'Recording' });

/**
 * Recorded messages (D5, D6, T2): supervisors and administrators upload, list, hear and delete
 * them; a campaign's abandon or machine message names one to play it on a SIP line.
 */
export function recordingRoutes(app: App, { storage: { db }, clock }: AppDeps): void {
  app.get('/recordings', {
    config: { roles: STAFF },
    schema: { tags: ['recordings'], summary: 'Every recorded message, by name, with the campaigns that play it', response: { 200: z.array(recordingView), ...errors } },
  }, () => listRecordings(db));

  app.post('/recordings', {
    config: { roles: STAFF },
    schema: {
      tags: ['recordings'],
      summary: 'Upload a recorded message (WAV, FLAC, OGG or AIFF, up to 2 minutes); it is kept as 8 kHz mono, what a phone line carries',
      description: 'multipart/form-data: `file`, and optionally `name` (ending in .wav; default: the file\'s name).',
      consumes: ['multipart/form-data'],
      response: { 201: recordingView, ...errors, 413: errorBody },
    },
  }, async (req, reply) => reply.status(201).send(await uploadRecording(db, clock, req.actor!, await readAudioUpload(req))));

  app.get('/recordings/:id/audio', {
    config: { roles: STAFF },
    schema: { tags: ['recordings'], summary: 'The recording as a WAV file (8 kHz mono 16-bit), to listen to', params: idParam },
  }, async (req, reply) => {
    const { name, pcm } = await recordingAudio(db, req.params.id);
    return reply.header('content-type', 'audio/wav').header('content-disposition', `inline; filename="${name.replace(/"/g, '')}"`).send(wavBytes(pcm));
  });

  app.delete('/recordings/:id', {
    config: { roles: STAFF },
    schema: { tags: ['recordings'], summary: 'Delete a recording no campaign plays', params: idParam, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await deleteRecording(db, req.params.id);
    return reply.status(204).send(null);
  });
}

/** The uploaded file and the optional name field, in either order. */
async function readAudioUpload(req: FastifyRequest): Promise<{ file: Buffer; fileName: string | null; name: string | undefined }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the recording as multipart/form-data, in a part named "file" (and optionally a "name" field).');
  let file: Buffer | null = null;
  let fileName: string | null = null;
  let name: string | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          continue;
        }
        file = await part.toBuffer();
        fileName = part.filename || null;
      } else if (part.fieldname === 'name' && typeof part.value === 'string' && part.value.trim() !== '') {
        name = part.value.trim();
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('payload_too_large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; a message of up to 2 minutes is far smaller. Export it as a mono WAV and upload it again.`, { limit: MAX_UPLOAD_BYTES });
    }
    throw malformedUpload(err);
  }
  if (!file || file.length === 0) throw new AppError('validation_failed', 'The recording is not valid: file — choose an audio file to upload (a part named "file").', [{ where: 'body', path: 'file', problem: 'Choose an audio file to upload.' }]);
  return { file, fileName, name };
}
