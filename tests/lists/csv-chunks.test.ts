import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvChunkCutter } from '../../src/lists/cut-csv-chunks.js';
import { decodeBytes, type Encoding } from '../../src/lists/decode-text.js';
import { LF, parseCsvRows } from '../../src/lists/parse-csv-rows.js';

/**
 * L1: the importer cuts an upload into chunks of whole rows for its worker threads. However the
 * bytes arrive and wherever the chunks end, every row must read as in the whole file, with its
 * spreadsheet row number.
 */
describe('L1 CSV chunks', () => {
  const tricky = [
    'name,phone,note',
    '"Nowak, Jan",601 234 567,"two',
    'lines"',
    'Ann,(602) 555-0100,"say ""hi"""',
    '山田太郎,03-1234-5678,5\'10" tall',
    '',
    ' "x",+48 22 123 45 67,"a,b"',
    'Żółć,,',
  ];

  function cutAll(bytes: Buffer, encoding: Encoding, seed: number) {
    let s = seed;
    const rand = (n: number) => 1 + ((s = (s * 1103515245 + 12345) % 2 ** 31) % n);
    const cutter = new CsvChunkCutter({ delimiter: ',', newline: LF, maxRowBytes: 10_000, byteOffset: 0 });
    const rows: Array<{ row: number; cells: string[] }> = [];
    const read = (chunk: { bytes: Uint8Array; firstRow: number; rows: number; byteOffset: number }) => {
      let row = chunk.firstRow;
      parseCsvRows(decodeBytes(chunk.bytes, encoding, chunk.byteOffset), ',', LF, (cells) => rows.push({ row: row++, cells }));
      expect(row - chunk.firstRow).toBe(chunk.rows);
    };
    for (let p = 0; p < bytes.length; ) {
      const n = rand(7);
      cutter.push(bytes.subarray(p, p + n));
      p += n;
      for (let c; (c = cutter.take(rand(40))); ) read(c);
    }
    for (let c; (c = cutter.take(rand(40), Number.POSITIVE_INFINITY, true)); ) read(c);
    return rows;
  }

  it.each([
    ['UTF-8, \\n', 'utf-8', '\n'],
    ['UTF-8, \\r\\n', 'utf-8', '\r\n'],
    ['Shift_JIS', 'shift_jis', '\n'],
  ] as const)('L1 rows cut at random byte boundaries read as in the whole file (%s)', (_label, encoding, newline) => {
    const text = tricky.join(newline) + newline;
    const bytes = encoding === 'utf-8' ? Buffer.from(text) : iconv.encode(text.replace('Żółć', 'Zolc'), encoding);
    const whole = parse(encoding === 'utf-8' ? text : text.replace('Żółć', 'Zolc'), { relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    for (let seed = 1; seed <= 50; seed++) {
      const rows = cutAll(bytes, encoding, seed);
      // The empty line is a row of its own (row 5), as a spreadsheet numbers it.
      expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(rows.filter((r) => r.cells.length > 0).map((r) => r.cells)).toEqual(whole);
    }
    expect(whole[1]).toEqual(['Nowak, Jan', '601 234 567', `two${newline}lines`]);
    expect(whole[3]![2]).toBe('5\'10" tall');
  });

  it('L1 a quote never closed, or a row over the length limit, names its row', () => {
    const open = new CsvChunkCutter({ delimiter: ',', newline: LF, maxRowBytes: 1000, byteOffset: 0 });
    open.push(Buffer.from('name,phone\nA,1\n"B,2\nC,3\n'));
    expect(open.take(1)).toMatchObject({ firstRow: 1, rows: 1 });
    expect(() => {
      while (open.take(1, Number.POSITIVE_INFINITY, true));
    }).toThrow(/malformed at row 3: a quoted cell is never closed/);

    const long = new CsvChunkCutter({ delimiter: ',', newline: LF, maxRowBytes: 100, byteOffset: 0 });
    long.push(Buffer.from(`name,phone\n"${'x'.repeat(200)}`));
    expect(() => long.take(1000)).toThrow(/malformed at row 2: the row is too long/);
  });
});
