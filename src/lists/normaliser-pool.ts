import os from 'node:os';
import { Piscina } from 'piscina';
import type { ChunkInput, ChunkOutput } from './normalise-chunk.js';

/**
 * Decoding, parsing and normalising a file's rows is the cost of an import, so chunks of
 * rows go to worker threads (one per core) while the main thread cuts the file and writes.
 * A chunk's bytes are moved to the worker and its COPY text moved back, never copied.
 */
export interface Normaliser {
  readonly threads: number;
  run(input: ChunkInput): Promise<ChunkOutput>;
  close(): Promise<void>;
}

export function createNormaliserPool(threads = Math.max(1, os.availableParallelism())): Normaliser {
  let pool: Piscina | undefined;
  return {
    threads,
    run(input) {
      pool ??= new Piscina({
        filename: new URL('./normalise-worker.mjs', import.meta.url).href,
        minThreads: 0,
        maxThreads: threads,
        idleTimeout: 30_000,
        // A chunk is a few MB in and out; a tight heap keeps the workers' memory flat on big files.
        resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
      });
      return pool.run(input, { transferList: [input.bytes.buffer as ArrayBuffer] }) as Promise<ChunkOutput>;
    },
    async close() {
      await pool?.destroy();
      pool = undefined;
    },
  };
}
