import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Clock } from '../shared/clock.js';
import type { CsvEncoding } from '../shared/csv.js';

/**
 * Sends a CSV download streamed from `chunks`. The first chunk is awaited before the headers go
 * out, so the use case's checks (filters, grants) still answer with a proper error status.
 * The file is named `<name>-<yyyymmddhhmm>.csv` by the server's clock.
 */
export async function sendCsv(reply: FastifyReply, clock: Clock, name: string, encoding: CsvEncoding, chunks: AsyncGenerator<Buffer>): Promise<FastifyReply> {
  const first = await chunks.next();
  const body = Readable.from((async function* () {
    if (!first.done) yield first.value;
    yield* chunks;
  })());
  const stamp = clock.now().toISOString().slice(0, 16).replace(/\D/g, '');
  return reply
    .type(`text/csv; charset=${encoding === 'shift_jis' ? 'shift_jis' : 'utf-8'}`)
    .header('content-disposition', `attachment; filename="${name}-${stamp}.csv"`)
    .send(body);
}
