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

/**
 * Whole rows of a file as text; throws an AppError naming the byte near which the file stops
 * being text in its encoding (bytes it cannot hold, or a NUL byte: a binary or UTF-16 file).
 */
export function decodeBytes(bytes: Uint8Array, encoding: Encoding, byteOffset: number): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw binaryFile(byteOffset + nul);
  if (encoding === 'utf-8') {
    try {
      return utf8.decode(bytes);
    } catch {
      const loose = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      throw notInEncoding(encoding, byteOffset + Buffer.byteLength(loose.slice(0, loose.indexOf('\uFFFD'))));
    }
  }
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding);
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) throw notInEncoding(encoding, byteOffset + iconv.encode(text.slice(0, bad), encoding).length);
  return text;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Most bytes one character (UTF-16 unit) takes in the encoding: for a row length limit in bytes. */
export const maxBytesPerChar: Record<Encoding, number> = { 'utf-8': 3, shift_jis: 2, 'windows-1250': 1 };

export const hasUtf8Bom = hasBom;

function binaryFile(nearByte: number): AppError {
  return new AppError('invalid_file', `The file holds a NUL byte near byte ${nearByte}: it is a binary file (or UTF-16), not a CSV text file. Save it as CSV (UTF-8) and upload again.`, {
    nearByte,
  });
}

function notInEncoding(encoding: Encoding, nearByte: number): AppError {
  return new AppError('invalid_file', `The file is not valid ${label[encoding]}: bytes near byte ${nearByte} cannot be read in that encoding. Name the right encoding (utf-8, shift_jis, windows-1250), or save the file as UTF-8.`, {
    encoding,
    nearByte,
  });
}

const label: Record<Encoding, string> = { 'utf-8': 'UTF-8', shift_jis: 'Shift_JIS', 'windows-1250': 'Windows-1250' };
