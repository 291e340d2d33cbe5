import type { Logger } from 'pino';
import type { StorefrontEvent } from '@storefront/contracts';
import type { Broker } from './broker.js';

/** A service's outbox table as the relay sees it. */
export interface OutboxStore {
  /** Claims up to `limit` unsent rows so that no other relay publishes them meanwhile. */
  claimBatch(limit: number): Promise<{ id: string; event: StorefrontEvent }[]>;
  markSent(ids: string[]): Promise<void>;
  /** Deletes up to `limit` rows sent before `before` (oldest first); answers how many went. */
  pruneSent(before: Date, limit: number): Promise<number>;
}

/** How long sent rows stay (for tracing a delivery), and how the relay clears them out afterwards. */
export interface OutboxRetention {
  keepSentMs: number;
  everyMs: number;
  /** Rows per delete: small batches keep each statement short and out of the way of the writes. */
  batchSize: number;
}

export const DEFAULT_OUTBOX_RETENTION: OutboxRetention = {
  keepSentMs: 7 * 24 * 60 * 60 * 1000,
  everyMs: 60_000,
  batchSize: 500,
};

export interface OutboxRelay {
  /** Relays now instead of at the next poll: called right after a transaction that wrote an outbox row. */
  kick(): void;
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
}

/**
 * Publishes outbox rows with publisher confirms and marks a row sent only after its confirm, so an event is
 * delivered at least once whatever fails in between; consumers dedup by event id.
 */
export function startOutboxRelay({
  store,
  broker,
  logger,
  intervalMs = 1_000,
  batchSize = 100,
  retention = DEFAULT_OUTBOX_RETENTION,
}: {
  store: OutboxStore;
  broker: Pick<Broker, 'publish'>;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
  retention?: OutboxRetention;
}): OutboxRelay {
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  async function relayBatch(): Promise<number> {
    const rows = await store.claimBatch(batchSize);
    if (rows.length === 0) return 0;
    const results = await Promise.allSettled(rows.map((row) => broker.publish(row.event)));
    const sent = rows.filter((_, index) => results[index]?.status === 'fulfilled').map((row) => row.id);
    await store.markSent(sent);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) {
      logger.warn(
        { err: failure.reason, unsent: rows.length - sent.length },
        'outbox events not confirmed; retrying',
      );
      return 0;
    }
    return rows.length;
  }

  async function drain() {
    try {
      // A full batch means more may be waiting: keep going until the outbox is empty or the broker fails.
      while (!stopped && (await relayBatch()) === batchSize);
    } catch (error) {
      logger.warn({ err: error }, 'outbox relay pass failed');
    }
  }

  function run() {
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = undefined;
      if (again && !stopped) {
        again = false;
        run();
      }
    });
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      run();
      schedule();
    }, intervalMs);
    timer.unref();
  }

  let pruning: Promise<void> | undefined;
  async function prune() {
    const before = new Date(Date.now() - retention.keepSentMs);
    let removed = 0;
    try {
      for (let batch = retention.batchSize; !stopped && batch === retention.batchSize; removed += batch)
        batch = await store.pruneSent(before, retention.batchSize);
      if (removed > 0) logger.debug({ removed }, 'sent outbox rows pruned');
    } catch (error) {
      logger.warn({ err: error }, 'outbox pruning failed; trying again next time');
    }
  }
  const pruneTimer = setInterval(() => {
    pruning ??= prune().finally(() => {
      pruning = undefined;
    });
  }, retention.everyMs);
  pruneTimer.unref();

  run();
  schedule();

  return {
    kick: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(pruneTimer);
      await Promise.all([running, pruning]);
    },
  };
}
