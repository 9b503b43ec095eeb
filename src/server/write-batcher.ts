/**
 * Group commit: writes that arrive while the previous transaction runs (or within the same turn
 * of the event loop) are committed together in one transaction, and each request is answered only
 * after its transaction commits. One fsync then covers many acknowledged rows.
 */

export interface WriteBatcher<T> {
  /** Resolves once `row` is committed; rejects when its transaction failed. */
  write(row: T): Promise<void>;
  /** Resolves when everything queued so far has been committed or has failed. */
  drain(): Promise<void>;
}

interface Pending<T> {
  row: T;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** A batcher that commits through `commit(rows)`, at most `maxBatch` rows per transaction. */
export function createWriteBatcher<T>(commit: (rows: readonly T[]) => Promise<void>, maxBatch = 512): WriteBatcher<T> {
  let queue: Pending<T>[] = [];
  let running: Promise<void> | undefined;

  const run = async (): Promise<void> => {
    // Let the requests already parsed in this turn join the batch.
    await new Promise<void>((r) => setImmediate(r));
    while (queue.length) {
      const batch = queue.length > maxBatch ? queue.splice(0, maxBatch) : queue;
      if (batch === queue) queue = [];
      try {
        await commit(batch.map((p) => p.row));
        for (const p of batch) p.resolve();
      } catch (e) {
        for (const p of batch) p.reject(e);
      }
    }
    running = undefined;
  };

  return {
    write(row: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        running ??= run();
      });
    },
    async drain(): Promise<void> {
      while (running) await running;
    },
  };
}
