import type { Readable } from 'node:stream';
import type { ImportLimits } from '../config.js';
import { guessMapping } from './guess-mapping.js';
import { importFailure } from './import-errors.js';
import { headerNames, type Mapping } from './mapping.js';
import { openCsv, rowsOf } from './read-csv.js';

/** The mapping step of the supervisor UI: the first rows of a file, its encoding and delimiter, and a guessed mapping. */
export interface FilePreview {
  encoding: string;
  delimiter: string;
  header: string[];
  rows: string[][];
  mapping: Mapping | null;
  roles: Record<string, string>;
}

export async function previewFile(file: Readable, limits: ImportLimits, options: { encoding?: string | undefined; rows: number }): Promise<FilePreview> {
  let csv;
  try {
    csv = await openCsv(file, { encoding: options.encoding, maxRowChars: limits.maxCellChars * limits.maxColumns });
    const header = headerNames(csv.header);
    const rows: string[][] = [];
    while (rows.length < options.rows) {
      const chunk = await csv.nextChunk(0, options.rows - rows.length);
      if (!chunk) break;
      for (const cells of rowsOf(csv, chunk)) if (cells.length > 0) rows.push(cells); // empty lines are not shown
    }
    const guessed = guessMapping(header);
    return { encoding: csv.encoding, delimiter: csv.delimiter, header, rows, mapping: guessed.mapping, roles: guessed.roles };
  } catch (err) {
    throw importFailure(err, limits);
  } finally {
    if (csv) csv.close();
    else file.resume();
  }
}
