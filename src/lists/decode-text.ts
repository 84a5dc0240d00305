import { Transform, type TransformCallback } from 'node:stream';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { AppError } from '../shared/errors.js';

/**
 * L1 encodings: UTF-8, UTF-8 with BOM, Shift_JIS and Windows-1250, named by the uploader or
 * detected from the first bytes (a BOM; else valid UTF-8; else Shift_JIS or Windows-1250,
 * whichever the sample fits better). A file that is not valid in its encoding is an error.
 */
export type Encoding = 'utf-8' | 'shift_jis' | 'windows-1250';

export const encodingNames: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-8-sig': 'utf-8',
  shift_jis: 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  'windows-1250': 'windows-1250',
  cp1250: 'windows-1250',
  'iso-8859-2': 'windows-1250',
};

export function encodingOf(name: string): Encoding {
  const encoding = encodingNames[name.trim().toLowerCase()];
  if (!encoding) {
    throw new AppError('validation_failed', `The encoding "${name}" is not supported. Use utf-8, shift_jis or windows-1250, or leave it out to detect it.`, {
      encoding: name,
      supported: ['utf-8', 'shift_jis', 'windows-1250'],
    });
  }
  return encoding;
}

const hasBom = (sample: Buffer) => sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;

export function detectEncoding(sample: Buffer): Encoding {
  if (hasBom(sample)) return 'utf-8';
  if (isUtf8(sample)) return 'utf-8';
  // Not UTF-8: Shift_JIS or Windows-1250. A decoding that fails is out; of two that work, the
  // one that reads as more Japanese or Polish letters wins; chardet breaks a tie.
  const body = sample.subarray(0, sample.length - 1); // the sample may end inside a character
  const japanese = iconv.decode(body, 'shift_jis');
  const polish = iconv.decode(body, 'windows-1250');
  const japaneseOk = !japanese.includes('\uFFFD');
  const polishOk = !polish.includes('\uFFFD');
  if (japaneseOk !== polishOk) return japaneseOk ? 'shift_jis' : 'windows-1250';
  const kana = (japanese.match(/[\u3040-\u30ff\u4e00-\u9fff]/g) ?? []).length;
  const letters = (polish.match(/[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/g) ?? []).length;
  if (kana !== letters) return kana > letters ? 'shift_jis' : 'windows-1250';
  const scores = chardet.analyse(sample);
  const score = (...names: string[]) => Math.max(0, ...scores.filter((s) => names.includes(s.name)).map((s) => s.confidence));
  return score('Shift_JIS') > score('windows-1250', 'ISO-8859-2') ? 'shift_jis' : 'windows-1250';
}

/** Valid UTF-8, allowing the sample to end inside a character. */
function isUtf8(sample: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** A stream that turns bytes into text in the given encoding, failing on bytes the encoding cannot hold or on binary data. */
export class TextDecodeStream extends Transform {
  private readonly decodeChunk: (chunk: Buffer | undefined) => string;
  private offset = 0;

  constructor(readonly encoding: Encoding) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
    if (encoding === 'utf-8') {
      const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
      this.decodeChunk = (chunk) => (chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode());
    } else {
      const decoder = iconv.getDecoder(encoding);
      this.decodeChunk = (chunk) => (chunk ? decoder.write(chunk) : (decoder.end() ?? ''));
    }
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      const text = this.decodeChunk(chunk);
      this.check(text);
      this.offset += chunk.length;
      if (text) this.push(text);
      done();
    } catch (err) {
      done(this.asFileError(err));
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      const text = this.decodeChunk(undefined);
      this.check(text);
      if (text) this.push(text);
      done();
    } catch (err) {
      done(this.asFileError(err));
    }
  }

  private check(text: string): void {
    if (text.includes('\u0000')) {
      throw new AppError('invalid_file', `The file holds a NUL byte near byte ${this.offset}: it is a binary file (or UTF-16), not a CSV text file. Save it as CSV (UTF-8) and upload again.`, {
        nearByte: this.offset,
      });
    }
    if (this.encoding !== 'utf-8' && text.includes('\uFFFD')) throw this.invalid();
  }

  private invalid(): AppError {
    return new AppError('invalid_file', `The file is not valid ${label[this.encoding]}: bytes near byte ${this.offset} cannot be read in that encoding. Name the right encoding (utf-8, shift_jis, windows-1250), or save the file as UTF-8.`, {
      encoding: this.encoding,
      nearByte: this.offset,
    });
  }

  private asFileError(err: unknown): Error {
    if (err instanceof AppError) return err;
    if (err instanceof TypeError) return this.invalid(); // TextDecoder's fatal error
    return err as Error;
  }
}

const label: Record<Encoding, string> = { 'utf-8': 'UTF-8', shift_jis: 'Shift_JIS', 'windows-1250': 'Windows-1250' };
