import type { Logger } from 'pino';
import type { StorefrontEvent } from '@storefront/contracts';
import type { Broker } from './broker.js';

/** A service's outbox table as the relay sees it. */
export interface OutboxStore {
  /** Claims up to `limit` unsent rows so that no other relay publishes them meanwhile. */
  claimBatch(limit: number): Promise<{ id: string; event: StorefrontEvent }[]>;
  markSent(ids: string[]): Promise<void>;
}

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
}: {
  store: OutboxStore;
  broker: Pick<Broker, 'publish'>;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
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

  run();
  schedule();

  return {
    kick: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
