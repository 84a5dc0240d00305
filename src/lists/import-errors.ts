import { AppError } from '../shared/errors.js';

/** Turns whatever stopped an import (an upload over the limit, cut short or malformed) into an AppError that says where and how to fix it. Malformed CSV is reported where it is found (cut-csv-chunks.ts, normalise-chunk.ts). */
export function importFailure(err: unknown, limits: { maxFileBytes: number }): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT') {
    return new AppError('payload_too_large', `The file is larger than ${limits.maxFileBytes} bytes (PACER_MAX_FILE_BYTES). Split it and append the parts to the list.`, {
      limit: limits.maxFileBytes,
    });
  }
  if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || (err as Error)?.message === 'aborted') {
    return new AppError('invalid_file', 'The upload stopped before the file was complete; nothing was imported. Upload it again.');
  }
  if (/Unexpected end of (form|multipart)|Malformed part header|multipart/i.test((err as Error)?.message ?? '')) {
    return new AppError('invalid_file', `The upload was cut short or is not valid multipart/form-data (${(err as Error).message}); nothing was imported. Upload it again.`);
  }
  return new AppError('internal', `The import failed: ${(err as Error)?.message ?? String(err)}`);
}
