import os from 'node:os';
import { Piscina } from 'piscina';
import type { BatchInput, BatchOutput } from './normalise-batch.js';

/**
 * Parsing phone numbers is the cost of an import, so batches are normalised on worker
 * threads (one per core) while the main thread parses the CSV and writes records.
 */
export interface Normaliser {
  run(input: BatchInput): Promise<BatchOutput>;
  close(): Promise<void>;
}

export function createNormaliserPool(threads = Math.max(1, os.availableParallelism())): Normaliser {
  let pool: Piscina | undefined;
  return {
    run(input) {
      pool ??= new Piscina({
        filename: new URL('./normalise-worker.mjs', import.meta.url).href,
        minThreads: 0,
        maxThreads: threads,
        idleTimeout: 30_000,
        // Each batch is small; a tight old generation keeps the workers' memory flat on big files.
        resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
      });
      return pool.run(input) as Promise<BatchOutput>;
    },
    async close() {
      await pool?.destroy();
      pool = undefined;
    },
  };
}
