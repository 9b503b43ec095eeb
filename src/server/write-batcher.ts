/**
 * Group commit: writes that arrive while the previous transaction runs (or within the same turn
 * of the event loop) are committed together in one transaction, and each request is answered only
 * after its transaction commits. One fsync then covers many acknowledged rows.
 *
 * A batch refused because of its rows (`retryRowsWhen`, e.g. a constraint or a value the database
 * cannot hold) is written again row by row, so one bad row fails only its own request, never the
 * good rows that happened to share its transaction. A batch that failed for any other reason
 * (the database is down) fails as a whole: retrying each row would only multiply the waiting.
 *
 * The rows waiting for their commit are bounded (`maxWaiting`): while the database is slow or
 * stalled, a client that keeps writing would otherwise grow the queue (and the open requests
 * holding it) without end. A write beyond the bound is refused at once as a StorageError (503,
 * "nothing was recorded"); the rows already waiting are not touched.
 */
import { StorageError } from "./storage/repository.ts";

export interface WriteBatcher<T> {
  /** Resolves once `row` is committed; rejects when its transaction failed. */
  write(row: T): Promise<void>;
  /** Resolves when everything queued so far has been committed or has failed. */
  drain(): Promise<void>;
}

export interface WriteBatcherOptions {
  /** Most rows per transaction. Default 512. */
  maxBatch?: number;
  /**
   * Transactions in flight at once. Default 1 (SQLite has one writer anyway); PostgreSQL commits
   * several concurrently, so the next batch need not wait for the previous fsync.
   */
  maxInFlight?: number;
  /** Most rows waiting for their commit (queued or in a running transaction). Default 10,000. */
  maxWaiting?: number;
  /** Whether a failed batch was refused because of its rows (then each row is tried alone). */
  retryRowsWhen?: (error: unknown) => boolean;
}

interface Pending<T> {
  row: T;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** A batcher that commits through `commit(rows)`. */
export function createWriteBatcher<T>(commit: (rows: readonly T[]) => Promise<void>, options: WriteBatcherOptions = {}): WriteBatcher<T> {
  const maxBatch = options.maxBatch ?? 512;
  const maxInFlight = options.maxInFlight ?? 1;
  const retryRowsWhen = options.retryRowsWhen ?? (() => false);
  const maxWaiting = options.maxWaiting ?? 10_000;
  let waiting = 0;
  let queue: Pending<T>[] = [];
  const running = new Set<Promise<void>>();

  const commitBatch = async (batch: Pending<T>[]): Promise<void> => {
    try {
      await commit(batch.map((p) => p.row));
      for (const p of batch) p.resolve();
    } catch (e) {
      if (batch.length === 1 || !retryRowsWhen(e)) {
        for (const p of batch) p.reject(e);
        return;
      }
      for (const p of batch) {
        try {
          await commit([p.row]);
          p.resolve();
        } catch (rowError) {
          p.reject(rowError);
        }
      }
    }
  };

  const start = () => {
    // The worker leaves `running` in the same step as it sees the queue empty: a write arriving
    // just after (from a promise continuation, before a later .finally) then starts a new worker
    // instead of waiting for one that has already stopped.
    const self: { worker?: Promise<void> } = {};
    const worker: Promise<void> = (async (): Promise<void> => {
      try {
        // Let the requests already parsed in this turn join the batch.
        await new Promise<void>((r) => setImmediate(r));
        while (queue.length) {
          const batch = queue.length > maxBatch ? queue.splice(0, maxBatch) : queue;
          if (batch === queue) queue = [];
          await commitBatch(batch);
        }
      } finally {
        running.delete(self.worker!);
      }
    })();
    self.worker = worker;
    running.add(worker);
  };

  return {
    write(row: T): Promise<void> {
      if (waiting >= maxWaiting) return Promise.reject(new StorageError(`${waiting} rows are already waiting for the database; this one was not queued`));
      waiting++;
      const settle = () => void waiting--;
      return new Promise<void>((resolve, reject) => {
        queue.push({ row, resolve: () => (settle(), resolve()), reject: (e) => (settle(), reject(e)) });
        // A new worker only when all are busy committing (not while one is still gathering).
        if (running.size < maxInFlight && (running.size === 0 || queue.length === 1)) start();
      });
    },
    async drain(): Promise<void> {
      while (running.size) await Promise.all([...running]);
    },
  };
}
