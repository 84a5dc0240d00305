import fs from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../src/engine/random.js';

/**
 * Generates a contact list CSV for the import benchmark: 10 columns, 2 phone columns, regions
 * US, JP, PL and GB mixed, written in the ways people write numbers. Deterministic (seeded).
 */
export const HEADER = ['id', 'name', 'furigana', 'phone', 'mobile', 'zip', 'country', 'owner', 'email', 'note'];

/** The project's seeded generator (src/engine/random.ts) as a plain function: the same numbers every run. */
function rng(seed: number): () => number {
  const random = seededRandom(seed);
  return () => random.next();
}

const PL_AREAS = ['12', '22', '32', '42', '52', '58', '61', '71', '81', '91'];
const US_AREAS = ['212', '602', '303', '415', '312', '713', '206', '305', '480', '617'];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function rowMaker(seed = 1) {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  return (i: number): string[] => {
    const region = (['US', 'JP', 'PL', 'GB'] as const)[i % 4]!;
    let phone: string;
    let mobile: string;
    let zip: string;
    switch (region) {
      case 'US':
        phone = `(${US_AREAS[int(0, US_AREAS.length - 1)]}) ${int(201, 989)}-${pad(int(0, 9999), 4)}`;
        mobile = `+1 ${US_AREAS[int(0, US_AREAS.length - 1)]} ${int(201, 989)} ${pad(int(0, 9999), 4)}`;
        zip = pad(int(10001, 99950), 5);
        break;
      case 'JP':
        phone = `0${int(0, 1) ? 3 : 6}-${pad(int(3000, 6999), 4)}-${pad(int(0, 9999), 4)}`;
        mobile = `090-${pad(int(1000, 9999), 4)}-${pad(int(0, 9999), 4)}`;
        zip = `${pad(int(100, 999), 3)}-${pad(int(0, 9999), 4)}`;
        break;
      case 'PL':
        phone = `+48 ${PL_AREAS[int(0, PL_AREAS.length - 1)]} ${int(200, 899)} ${pad(int(0, 99), 2)} ${pad(int(0, 99), 2)}`;
        mobile = `${int(501, 799)} ${pad(int(0, 999), 3)} ${pad(int(0, 999), 3)}`;
        zip = `${pad(int(0, 99), 2)}-${pad(int(0, 999), 3)}`;
        break;
      default:
        phone = `020 ${int(7, 8)}${pad(int(0, 999), 3)} ${pad(int(0, 9999), 4)}`;
        mobile = `07${int(400, 999)} ${pad(int(0, 999999), 6)}`;
        zip = `SW1A ${int(1, 9)}AA`;
    }
    return [String(i + 1), `Contact ${i + 1}`, `コンタクト${i % 1000}`, phone, mobile, zip, region, `agent${i % 50}@example.test`, `c${i}@example.test`, i % 7 === 0 ? 'call after 5pm, "please"' : ''];
  };
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export async function writeCsv(path: string, rows: number, seed = 1): Promise<number> {
  const out = fs.createWriteStream(path);
  const make = rowMaker(seed);
  out.write(HEADER.join(',') + '\n');
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    chunk.push(make(i).map(csvCell).join(','));
    if (chunk.length === 5000) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(chunk.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
  return fs.statSync(path).size;
}
