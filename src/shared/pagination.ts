import { z } from 'zod';

/** Every listing takes the same `limit`/`offset` and answers `{ items, total, limit, offset }`. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PageQuery = z.infer<typeof pageQuery>;

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
