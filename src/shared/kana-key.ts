import { sql, type RawBuilder } from 'kysely';

/**
 * R3: phonetic names (furigana) compared as katakana without spaces, so サトウ, さとう, ｻﾄｳ and
 * "サトウ イチロウ" against "サトウイチロウ" all match. The same folding runs in TypeScript (the input)
 * and in SQL (the stored value): width folded (NFKC), hiragana shifted to katakana, spaces
 * (ASCII and full-width) dropped, Latin letters lower-cased.
 */
const HIRAGANA = Array.from({ length: 0x3096 - 0x3041 + 1 }, (_, i) => String.fromCharCode(0x3041 + i)).join('') + '\u309D\u309E';
const KATAKANA = Array.from({ length: 0x3096 - 0x3041 + 1 }, (_, i) => String.fromCharCode(0x30a1 + i)).join('') + '\u30FD\u30FE';
const SPACES = ' \u3000';

export function kanaKey(input: string): string {
  let out = '';
  for (const ch of input.normalize('NFKC').toLowerCase()) {
    if (SPACES.includes(ch)) continue;
    const i = HIRAGANA.indexOf(ch);
    out += i >= 0 ? KATAKANA[i] : ch;
  }
  return out;
}

/** The same key for a stored column: characters of `from` past the end of `to` (the spaces) are dropped by translate(). */
export const kanaKeySql = (column: RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`translate(lower(normalize(coalesce(${column}, ''), NFKC)), ${HIRAGANA + SPACES}, ${KATAKANA})`;
