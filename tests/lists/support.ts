import { randomBytes } from 'node:crypto';
import type { Session, TestApp } from '../support/app.js';

/** Helpers for the list tests: multipart uploads through the real HTTP pipeline. */
export function multipartBody(fields: Record<string, string | undefined>, file: Buffer | string | undefined, fileName = 'contacts.csv') {
  const boundary = `----pacer${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file !== undefined) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`));
    parts.push(typeof file === 'string' ? Buffer.from(file) : file);
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface UploadOptions {
  mapping?: unknown;
  encoding?: string;
  region?: string;
  wait?: boolean;
  path?: string;
  fileName?: string;
}

export async function upload(t: TestApp, who: Session, listId: number, file: Buffer | string | undefined, options: UploadOptions = {}) {
  const { body, contentType } = multipartBody(
    {
      mapping: options.mapping === undefined ? undefined : JSON.stringify(options.mapping),
      encoding: options.encoding,
      region: options.region,
    },
    file,
    options.fileName,
  );
  const wait = options.wait ?? true;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/lists/${listId}/imports${options.path ?? ''}${wait && !options.path ? '?wait=true' : ''}`,
    headers: { cookie: who.cookie, 'content-type': contentType },
    payload: body,
  });
  return { status: res.statusCode, json: res.body ? safeJson(res.body) : undefined, body: res.body, headers: res.headers };
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

let n = 0;
export async function createList(who: Session, body: Record<string, unknown> = {}): Promise<number> {
  n += 1;
  const res = await who.call('POST', '/api/lists', { name: `List ${n} ${randomBytes(3).toString('hex')}`, defaultRegion: 'US', ...body });
  if (res.status !== 201) throw new Error(`create list failed: ${res.status} ${res.body}`);
  return res.json.id;
}

/** Every record of a list that readers can see (committed imports only), by row number. */
export async function visibleRecords(t: TestApp, listId: number) {
  return t.storage.db
    .selectFrom('contact_records as r')
    .innerJoin('list_imports as i', 'i.id', 'r.import_id')
    .selectAll('r')
    .where('r.list_id', '=', listId)
    .where('i.status', '=', 'committed')
    .orderBy('r.row_number')
    .execute();
}

export const basicMapping = { phones: [{ column: 'phone', type: 'mobile' }], name: 'name' };
