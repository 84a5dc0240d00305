import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/**
 * Write-behind for the engine: decisions are made in memory, synchronously (a dial never waits
 * for the database), and what must be stored — attempts, agent transitions, record states — is
 * written here, one statement after another in the order it was decided. `drained()` resolves
 * when everything queued so far is written: REST commands answer after it, and virtual-time
 * tests await it between events so a simulated run is deterministic.
 *
 * A failed write is reported to `onError` (logged by the runtime) and does not stop the ones
 * after it.
 */
export type Write = (db: Kysely<Database>) => Promise<unknown>;

export class WriteQueue {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (label: string, err: unknown) => void,
  ) {}

  push(label: string, write: Write): Promise<void> {
    this.queued++;
    const run = async (): Promise<void> => {
      try {
        await write(this.db);
      } catch (err) {
        this.onError(label, err);
      } finally {
        this.queued--;
      }
    };
    this.tail = this.tail.then(run);
    return this.tail;
  }

  /** Writes queued and not yet finished. */
  get pending(): number {
    return this.queued;
  }

  /** Resolves once every write queued so far has been attempted. */
  async drained(): Promise<void> {
    while (this.queued > 0) await this.tail;
  }
}
