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
  /** Chunks handed to each worker at once: work queued on the worker itself, so it keeps going while the main thread is busy (the embedded database runs there). */
  readonly tasksPerThread: number;
  run(input: ChunkInput): Promise<ChunkOutput>;
  close(): Promise<void>;
}

/**
 * Worker threads for an engine: one per core; one fewer with the embedded database, which runs
 * on the main thread and is then the slowest stage (on 2 cores one worker keeps up with it:
 * the same speed as two, and ~60 MiB less memory).
 */
export function normaliserThreads(engine: 'embedded' | 'postgres', cores = os.availableParallelism()): number {
  return Math.max(1, engine === 'embedded' ? cores - 1 : cores);
}

export function createNormaliserPool(threads = Math.max(1, os.availableParallelism())): Normaliser {
  let pool: Piscina | undefined;
  const tasksPerThread = 4;
  return {
    threads,
    tasksPerThread,
    run(input) {
      pool ??= new Piscina({
        filename: new URL('./normalise-worker.mjs', import.meta.url).href,
        minThreads: 0,
        maxThreads: threads,
        idleTimeout: 30_000,
        concurrentTasksPerWorker: tasksPerThread,
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
