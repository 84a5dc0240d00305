import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';

/**
 * `pacer import FILE [--list NAME] [--region CC] [--encoding NAME] [--mapping FILE.json] [--json] [--url URL] [--token TOKEN]`
 *
 * Imports a CSV file into a list through the running server's API (L1, L2): creates the list
 * when --list names a new one (else appends), guesses the mapping from the header unless
 * --mapping gives it, streams the upload with progress on stderr, and prints a summary
 * (with --json: one JSON object). Exits 1 when the import failed.
 */
const usage = `Usage: pacer import FILE [--list NAME] [--region CC] [--encoding utf-8|shift_jis|windows-1250]
                    [--mapping FILE.json] [--json] [--url URL] [--token TOKEN]
  --url    the server (default $PACER_URL or http://localhost:3000)
  --token  an API token (default $PACER_TOKEN; create one with POST /api/auth/tokens)`;

interface Summary {
  importId: number;
  listId: number;
  status: string;
  rowsRead: number;
  imported: number;
  rejected: number;
  duplicates: number;
  replaced: number;
  errorCount: number;
}

export async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        list: { type: 'string' },
        region: { type: 'string' },
        encoding: { type: 'string' },
        mapping: { type: 'string' },
        json: { type: 'boolean', default: false },
        url: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    process.stderr.write(`Name one file to import.\n${usage}\n`);
    return 2;
  }
  const token = values.token ?? process.env.PACER_TOKEN;
  if (!token) {
    process.stderr.write('No API token: pass --token or set PACER_TOKEN (create one with POST /api/auth/tokens).\n');
    return 2;
  }
  const api = new Api((values.url ?? process.env.PACER_URL ?? 'http://localhost:3000').replace(/\/+$/, ''), token);
  const say = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };

  try {
    const stat = fs.statSync(file);
    const listName = values.list ?? path.basename(file).replace(/\.[^.]+$/, '');
    const list = await api.findOrCreateList(listName, values.region);
    say(`${list.created ? 'Created' : 'Appending to'} list "${listName}" (ID ${list.id}).`);

    let mapping: unknown;
    if (values.mapping) {
      mapping = JSON.parse(fs.readFileSync(values.mapping, 'utf8'));
    } else {
      const preview = await api.preview(list.id, file, values.encoding);
      if (!preview.mapping) throw new Error(`No phone column was recognised in the header (${preview.header.join(', ')}); pass --mapping FILE.json.`);
      mapping = preview.mapping;
      say(`Encoding ${preview.encoding}; mapping guessed from the header: ${JSON.stringify(mapping)}`);
    }

    const summary = await api.upload(list.id, file, stat.size, { mapping, encoding: values.encoding, region: values.region }, values.json ? undefined : progress(stat.size));
    const errors = await api.errors(list.id, summary.importId, 1000);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...summary, errors })}\n`);
    } else {
      process.stderr.write('\n');
      process.stdout.write(
        `Import ${summary.importId} ${summary.status}: ${summary.rowsRead} rows read, ${summary.imported} imported, ${summary.rejected} rejected ` +
          `(${summary.duplicates} duplicates), ${summary.replaced} records replaced.\n`,
      );
      for (const e of errors.slice(0, 20)) process.stdout.write(`  row ${e.row}${e.column ? `, ${e.column}` : ''}${e.value ? ` "${e.value}"` : ''}: ${e.reason}\n`);
      if (summary.errorCount > 20) process.stdout.write(`  … ${summary.errorCount - 20} more: ${api.base}/api/lists/${list.id}/imports/${summary.importId}/errors.csv\n`);
    }
    return summary.status === 'committed' ? 0 : 1;
  } catch (err) {
    const failure = err instanceof ApiError ? err.body : { code: 'cli_error', message: (err as Error).message };
    if (values.json) process.stdout.write(`${JSON.stringify({ status: 'failed', error: failure })}\n`);
    process.stderr.write(`\nImport failed: ${failure.message}\n`);
    return 1;
  }
}

function progress(total: number): (sent: number) => void {
  let shown = -1;
  return (sent) => {
    const pct = total ? Math.floor((sent / total) * 100) : 0;
    if (pct === shown) return;
    shown = pct;
    process.stderr.write(`\rUploading… ${pct}% (${(sent / 1024 / 1024).toFixed(1)} of ${(total / 1024 / 1024).toFixed(1)} MiB)`);
  };
}

class ApiError extends Error {
  constructor(readonly body: { code: string; message: string; details?: unknown }) {
    super(body.message);
  }
}

class Api {
  constructor(readonly base: string, private readonly token: string) {}

  private async call<T>(method: string, url: string, init: { json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<T> {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
      ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new ApiError(json?.error ?? { code: `http_${res.status}`, message: `${method} ${url} answered ${res.status}` });
    return json as T;
  }

  async findOrCreateList(name: string, region: string | undefined): Promise<{ id: number; created: boolean }> {
    const found = await this.call<{ items: Array<{ id: number; name: string }> }>('GET', `/api/lists?limit=500&q=${encodeURIComponent(name)}`);
    const same = found.items.find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (same) return { id: same.id, created: false };
    const created = await this.call<{ id: number }>('POST', '/api/lists', { json: { name, ...(region ? { defaultRegion: region } : {}) } });
    return { id: created.id, created: true };
  }

  async preview(listId: number, file: string, encoding: string | undefined) {
    const head = Buffer.alloc(64 * 1024);
    const fd = fs.openSync(file, 'r');
    const n = fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    // Cut at the last line break so the preview never sees half a row.
    const cut = n === head.length ? head.lastIndexOf(0x0a, n - 1) + 1 || n : n;
    const form = multipart({ encoding }, Readable.from([head.subarray(0, cut)]), path.basename(file));
    return this.call<{ encoding: string; header: string[]; mapping: unknown }>('POST', `/api/lists/${listId}/imports/preview`, { body: form.body, headers: form.headers });
  }

  async upload(listId: number, file: string, size: number, fields: { mapping: unknown; encoding?: string | undefined; region?: string | undefined }, onProgress?: (sent: number) => void): Promise<Summary> {
    let sent = 0;
    const source = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
    source.on('data', (chunk) => {
      sent += chunk.length;
      onProgress?.(sent);
    });
    const form = multipart({ mapping: JSON.stringify(fields.mapping), encoding: fields.encoding, region: fields.region, size: String(size) }, source, path.basename(file));
    return this.call<Summary>('POST', `/api/lists/${listId}/imports?wait=true`, { body: form.body, headers: form.headers });
  }

  async errors(listId: number, importId: number, max: number) {
    const all: Array<{ row: number; column: string | null; value: string | null; reason: string }> = [];
    while (all.length < max) {
      const page = await this.call<{ items: typeof all; total: number }>('GET', `/api/lists/${listId}/imports/${importId}/errors?limit=500&offset=${all.length}`);
      all.push(...page.items);
      if (page.items.length === 0 || all.length >= page.total) break;
    }
    return all.slice(0, max);
  }
}

/** A multipart/form-data body streamed from the file: the fields first, then the file part. */
function multipart(fields: Record<string, string | undefined>, file: Readable, fileName: string) {
  const boundary = `----pacer-${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  async function* parts() {
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    }
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName.replace(/"/g, '')}"\r\nContent-Type: text/csv\r\n\r\n`);
    for await (const chunk of file) yield chunk as Buffer;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return { body: Readable.toWeb(Readable.from(parts())) as unknown as ReadableStream, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
