import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';
import { mappingSchema, type Mapping } from './mapping.js';

/**
 * The HTTP edge of an upload: multipart/form-data with the fields first (`mapping` as JSON,
 * `encoding`, `region`, `size`) and then the `file` part, which is handed on as a stream.
 */
export interface Upload {
  file: Readable;
  fileName: string | null;
  mapping: Mapping | undefined;
  encoding: string | undefined;
  region: string | undefined;
  sizeBytes: number | null;
}

export async function readUpload(request: FastifyRequest, maxFileBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data: the fields mapping (JSON), encoding and region first, then the file part.');
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxFileBytes + 1024 * 1024) {
    throw tooLarge(maxFileBytes, declared);
  }
  let part;
  try {
    part = await request.file();
  } catch (err) {
    throw malformedUpload(err);
  }
  if (!part) throw new AppError('validation_failed', 'The upload has no file part. Send the CSV in a part named "file", after the other fields.');
  // Past the size limit busboy only truncates the file: turn that into an error for the importer.
  const truncated = () => part.file.destroy(tooLarge(maxFileBytes));
  if (part.file.truncated) truncated();
  else part.file.once('limit', truncated);
  const field = (name: string): string | undefined => {
    const f = part.fields[name];
    const one = Array.isArray(f) ? f[0] : f;
    return one && one.type === 'field' && typeof one.value === 'string' && one.value.trim() !== '' ? one.value : undefined;
  };
  try {
    const size = field('size');
    const upload: Upload = {
      file: part.file,
      fileName: part.filename || null,
      mapping: parseMapping(field('mapping')),
      encoding: field('encoding'),
      region: field('region'),
      sizeBytes: size !== undefined && /^\d+$/.test(size) ? Number(size) : null,
    };
    return upload;
  } catch (err) {
    part.file.resume();
    throw err;
  }
}

function parseMapping(text: string | undefined): Mapping | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppError('invalid_json', `The mapping field is not valid JSON: ${(err as Error).message}. Send e.g. {"phones":[{"column":"phone","type":"mobile"}],"name":"name"}.`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ where: 'mapping', path: i.path.join('.') || '(root)', problem: i.message }));
    throw new AppError('validation_failed', `The mapping is not valid: ${details[0]!.path} — ${details[0]!.problem}. Fix the fields listed in details.`, details);
  }
  return parsed.data;
}

/** A multipart body that cannot be read (wrong boundary, cut short) is the client's error. */
export function malformedUpload(err: unknown): Error {
  if (err instanceof AppError || (err as { statusCode?: number }).statusCode) return err as Error;
  return new AppError('validation_failed', `The upload is not valid multipart/form-data (${(err as Error).message}). Send the fields, then the file part, with the boundary named in Content-Type.`);
}

const tooLarge = (limit: number, declared?: number) =>
  new AppError('payload_too_large', `${declared ? `The upload is ${declared} bytes; files` : 'The file is larger than allowed; files'} may be at most ${limit} bytes (PACER_MAX_FILE_BYTES). Split it and append the parts to the list.`, {
    limit,
  });
