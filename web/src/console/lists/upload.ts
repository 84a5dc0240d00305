import { ApiError } from '../../api/client';
import type { FilePreview, Mapping } from './types';

/**
 * Multipart uploads to the list API (api() speaks JSON only): an XMLHttpRequest, so the bytes
 * sent can drive a progress bar, with the server's errors mapped as api() maps them.
 */
export function sendFile<T>(url: string, fields: Record<string, string>, file: Blob, fileName: string, onProgress?: (sent: number, total: number) => void): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, fileName); // the server reads the fields first, then the file
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (onProgress) xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded, e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached.'));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        return reject(new ApiError(xhr.status, 'bad_response', `The server answered ${xhr.status} with something that is not JSON.`));
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json as T);
      const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${xhr.status}`, error?.details ?? null));
    };
    xhr.send(form);
  });
}

/** The start of a big file is enough for the preview: up to 1 MiB, cut after a line break (never inside a character). */
const PREVIEW_BYTES = 1024 * 1024;

async function previewPart(file: File): Promise<Blob> {
  if (file.size <= PREVIEW_BYTES) return file;
  const head = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const end = head.lastIndexOf(0x0a);
  return end > 0 ? file.slice(0, end + 1) : file;
}

export async function previewFile(listId: number, file: File, encoding: string): Promise<FilePreview> {
  const fields: Record<string, string> = encoding ? { encoding } : {};
  return sendFile<FilePreview>(`/api/lists/${listId}/imports/preview?rows=20`, fields, await previewPart(file), file.name);
}

export function startImport(listId: number, file: File, mapping: Mapping, encoding: string, onProgress: (sent: number, total: number) => void) {
  const fields: Record<string, string> = { mapping: JSON.stringify(mapping), size: String(file.size) };
  if (encoding) fields.encoding = encoding;
  return sendFile<{ importId: number }>(`/api/lists/${listId}/imports`, fields, file, file.name, onProgress);
}
