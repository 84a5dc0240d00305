import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 5 point 8: every string of the desktop in English, Japanese and Polish. The type checker
 * already refuses a catalogue without a key of en.ts; this checks what it cannot: the same
 * {placeholders} in every language, nothing left untranslated by accident, and no message key
 * used in the code that the catalogue lacks.
 */
const web = path.resolve(import.meta.dirname, '../../web/src');
type Catalogue = Record<string, string>;
const load = async (lang: string): Promise<Catalogue> => {
  const mod = (await import(path.join(web, 'i18n', `${lang}.ts`))) as Record<string, Catalogue>;
  return mod[lang]!;
};
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the desktop message catalogues', () => {
  it('point 8: ja and pl have every key of en, no other key, non-empty, with the same placeholders', async () => {
    const en = await load('en');
    for (const lang of ['ja', 'pl']) {
      const other = await load(lang);
      expect(Object.keys(other).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        expect(other[key]!.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(other[key]!), `${lang} ${key}`).toEqual(placeholders(text));
      }
    }
  });

  it('point 8: Japanese is translated (a few words may stay as they are: names, codes, "Pacer")', async () => {
    const [en, ja, pl] = await Promise.all([load('en'), load('ja'), load('pl')]);
    const same = (other: Catalogue) => Object.keys(en).filter((k) => other[k] === en[k] && !/^\{?\w*\}?$/.test(en[k]!) && en[k] !== 'Pacer');
    expect(same(ja)).toEqual([]);
    // Polish shares a few words with English (Lunch, Coaching, Power).
    expect(same(pl).length).toBeLessThanOrEqual(4);
  });

  it('point 8: every literal message key the code asks for is in the catalogue', async () => {
    const en = await load('en');
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (/\.tsx?$/.test(e.name) && !p.includes(`${path.sep}i18n${path.sep}`)) files.push(p);
      }
    };
    await walk(web);
    const used = new Set<string>();
    for (const file of files) {
      for (const m of (await readFile(file, 'utf8')).matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
  });
});
