import type { Logger } from 'pino';
import type { AppDeps } from './http/types.js';

/**
 * Work done once at start, after migrations and before listening: clean up what a crash
 * left behind (unfinished imports), then load demo data when asked.
 */
export async function startupTasks(_deps: AppDeps, _logger: Logger, _options: { demo: boolean }): Promise<void> {
  // Filled in by the lists (sweep unfinished imports) and demo modules.
}
