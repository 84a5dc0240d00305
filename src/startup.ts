import type { Logger } from 'pino';
import type { AppDeps } from './http/types.js';
import { loadDemo } from './demo/load-demo.js';
import { sweepUnfinishedImports } from './lists/sweep-unfinished-imports.js';

/**
 * Work done once at start, after migrations and before listening: clean up what a crash
 * left behind (unfinished imports), then load demo data when asked.
 */
export async function startupTasks(deps: AppDeps, logger: Logger, options: { demo: boolean }): Promise<void> {
  const swept = await sweepUnfinishedImports(deps.storage, deps.clock);
  if (swept.length) logger.warn({ imports: swept }, 'imports left running by a stopped server were marked failed and their records deleted');
  if (options.demo) await loadDemo(deps, logger);
}
