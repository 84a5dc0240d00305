import type { TestApp } from '../support/app.js';

/** Sends a CSV file as multipart/form-data (field "file") to a DNC import URL as the signed-in user. */
export async function upload(t: TestApp, cookie: string, url: string, content: string | Buffer, fileName = 'dnc.csv') {
  const boundary = '----pacer-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  return { status: res.statusCode, json: res.json() as any };
}
