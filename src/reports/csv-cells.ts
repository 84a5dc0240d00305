import { DateTime } from 'luxon';

/** How the report CSVs write their cells: durations in whole seconds, percentages to two places, times in the report's zone. */
export const seconds = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 1000));
export const percentCell = (p: number | null): number | null => (p === null ? null : Math.round(p * 100) / 100);
export const timeIn = (timeZone: string) => (iso: string | null): string | null =>
  iso === null ? null : DateTime.fromISO(iso).setZone(timeZone).toFormat('yyyy-LL-dd HH:mm:ss');

/** A header line, then a search's every row read `size` at a time in its order, each page as one chunk of lines. */
export async function* pagedLines<T>(header: string, page: (limit: number, offset: number) => Promise<T[]>, line: (row: T) => string, size = 2000): AsyncGenerator<string> {
  yield header;
  for (let offset = 0; ; offset += size) {
    const rows = await page(size, offset);
    if (rows.length > 0) yield rows.map(line).join('');
    if (rows.length < size) return;
  }
}
