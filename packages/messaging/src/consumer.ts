import type { ChannelModel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import { parseEvent, type StorefrontEvent } from '@storefront/contracts';
import { deadLetterQueue, declareTopology, retryQueue } from './topology.js';

export interface ConsumerOptions {
  /** Durable queue of this consumer; `<queue>.retry.<ms>` and `<queue>.dlq` are made beside it. */
  queue: string;
  /** Routing keys (event types, topic patterns allowed) bound to the queue. */
  bindings: string[];
  prefetch?: number;
  /** Back-off before each retry; after the last one a failing message is parked in the dead-letter queue. */
  retryDelaysMs?: number[];
  /** Must make its work durable before resolving: the message is acknowledged right after. */
  handle: (event: StorefrontEvent) => Promise<void>;
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 30_000];

export async function startConsumer(
  model: ChannelModel,
  options: ConsumerOptions,
  logger: Logger,
): Promise<RunningConsumer> {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const channel = await model.createConfirmChannel();
  await declareTopology(channel, { queue: options.queue, bindings: options.bindings, delays });
  await channel.prefetch(options.prefetch ?? 10);
  const inFlight = new Set<Promise<void>>();

  // The copy is confirmed before the original is acknowledged, so a crash in between duplicates, never loses.
  async function forward(message: ConsumeMessage, queue: string, headers: Record<string, unknown>) {
    channel.sendToQueue(queue, message.content, {
      ...message.properties,
      headers: { ...message.properties.headers, ...headers },
      persistent: true,
    });
    await channel.waitForConfirms();
  }

  async function process(message: ConsumeMessage) {
    const log = logger.child({ queue: options.queue, messageId: message.properties.messageId });
    let event: StorefrontEvent;
    try {
      event = parseEvent(JSON.parse(message.content.toString('utf8')));
    } catch (error) {
      log.error({ err: error }, 'unreadable message parked in the dead-letter queue');
      await forward(message, deadLetterQueue(options.queue), { 'x-last-error': 'invalid event envelope' });
      channel.ack(message);
      return;
    }
    try {
      await options.handle(event);
      channel.ack(message);
    } catch (error) {
      const attempt = Number(message.properties.headers?.['x-attempt'] ?? 0);
      const delay = delays[attempt];
      const reason = error instanceof Error ? error.message : String(error);
      if (delay === undefined) {
        log.error(
          { err: error, eventId: event.id, attempt },
          'event failed every retry; parked in the dead-letter queue',
        );
        await forward(message, deadLetterQueue(options.queue), {
          'x-attempt': attempt,
          'x-last-error': reason,
        });
      } else {
        log.warn({ err: error, eventId: event.id, attempt, delay }, 'event failed; retrying later');
        await forward(message, retryQueue(options.queue, delay), {
          'x-attempt': attempt + 1,
          'x-last-error': reason,
        });
      }
      channel.ack(message);
    }
  }

  const { consumerTag } = await channel.consume(options.queue, (message) => {
    if (!message) return;
    const work = process(message)
      .catch((error: unknown) => {
        // The channel went away mid-message: it stays unacknowledged and the broker redelivers it.
        logger.warn({ err: error, queue: options.queue }, 'message left for redelivery');
      })
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  });

  return {
    async stop() {
      await channel.cancel(consumerTag).catch(() => undefined);
      await Promise.allSettled([...inFlight]);
      await channel.close().catch(() => undefined);
    },
  };
}
