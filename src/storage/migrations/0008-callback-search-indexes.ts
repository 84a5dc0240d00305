import type { Kysely } from 'kysely';
import { runScript } from '../run-script.js';

/**
 * Callbacks (C2, C3): indexes for the supervisor's search (src/callbacks/search-callbacks.ts).
 *
 * - (window_start, id): the default order and the period filter across all campaigns — an
 *   admin's first page reads 50 index entries instead of sorting every callback.
 * - open callbacks (pending, delivered) by window start: the alerts (overdue, due, approaching)
 *   are only ever open callbacks, a small part of a table that keeps every done one.
 *
 * The existing (campaign_id, window_start) and (assignee_id, window_start) serve a supervisor's
 * campaigns and an agent's own list (C5).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    CREATE INDEX callbacks_window_idx ON callbacks (window_start, id);
    CREATE INDEX callbacks_open_idx ON callbacks (window_start) WHERE status IN ('pending', 'delivered');
  `);
}
