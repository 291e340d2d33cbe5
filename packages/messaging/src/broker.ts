import amqp, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { Logger } from 'pino';
import type { StorefrontEvent } from '@storefront/contracts';
import { startConsumer, type ConsumerOptions, type RunningConsumer } from './consumer.js';
import { deadLetterQueue, EVENTS_EXCHANGE } from './topology.js';

export interface Broker {
  /** Resolves once the broker has confirmed the event is stored; rejects when it is not (the caller retries). */
  publish(event: StorefrontEvent): Promise<void>;
  /** Starts consuming now (or as soon as the broker is reachable) and again after every reconnect. */
  consume(options: ConsumerOptions): Promise<{ stop(): Promise<void> }>;
  /** Moves every parked message of a consumer's dead-letter queue back to its queue; returns how many. */
  replayDeadLetters(queue: string): Promise<number>;
  /** Throws unless connected: the readiness probe. */
  check(): Promise<void>;
  close(): Promise<void>;
}

interface Connected {
  model: ChannelModel;
  publisher: ConfirmChannel;
}

interface Registration {
  options: ConsumerOptions;
  running?: RunningConsumer;
  stopped: boolean;
}

export async function createBroker({
  url,
  logger,
  startupRetries = 10,
}: {
  url: string;
  logger: Logger;
  startupRetries?: number;
}): Promise<Broker> {
  let current: Connected | undefined;
  let closing = false;
  const registrations = new Set<Registration>();

  const connection = await amqp.connect(url, {
    recovery: {
      initialDelay: 200,
      maxDelay: 5_000,
      // Fail the deployment fast when the broker is wrong at start-up, but never give up once it has worked.
      initialMaxRetries: startupRetries,
      maxRetries: Infinity,
      async setup(model: ChannelModel) {
        const publisher = await model.createConfirmChannel();
        await publisher.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
        current = { model, publisher };
        for (const registration of registrations) {
          if (!registration.stopped)
            registration.running = await startConsumer(model, registration.options, logger);
        }
        logger.info('connected to the broker');
      },
    },
  });
  connection.on('disconnect', (error: Error) => {
    current = undefined;
    for (const registration of registrations) registration.running = undefined;
    if (!closing) logger.warn({ err: error }, 'lost the broker; reconnecting');
  });
  connection.on('error', (error: Error) => logger.warn({ err: error }, 'broker connection error'));

  function connected(): Connected {
    if (!current) throw new Error('the message broker is not connected');
    return current;
  }

  return {
    async publish(event) {
      const { publisher } = connected();
      await new Promise<void>((resolve, reject) => {
        publisher.publish(
          EVENTS_EXCHANGE,
          event.type,
          Buffer.from(JSON.stringify(event)),
          {
            persistent: true,
            contentType: 'application/json',
            messageId: event.id,
            type: event.type,
            timestamp: Math.floor(Date.parse(event.occurredAt) / 1000),
          },
          (error: unknown) =>
            error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
        );
      });
    },

    async consume(options) {
      const registration: Registration = { options, stopped: false };
      registrations.add(registration);
      if (current) registration.running = await startConsumer(current.model, options, logger);
      return {
        async stop() {
          registration.stopped = true;
          registrations.delete(registration);
          await registration.running?.stop();
        },
      };
    },

    async replayDeadLetters(queue) {
      const channel = await connected().model.createConfirmChannel();
      try {
        // Only what is parked now: the running consumer may park a replayed poison message again at once, and
        // draining until empty would then never end. A message parked again waits for the next replay.
        const parked = (await channel.checkQueue(deadLetterQueue(queue))).messageCount;
        let moved = 0;
        while (moved < parked) {
          const message = await channel.get(deadLetterQueue(queue), { noAck: false });
          if (!message) break;
          // A replayed message starts over: a fresh round of retries, no stale error.
          const {
            'x-attempt': _attempt,
            'x-last-error': _error,
            ...headers
          } = message.properties.headers ?? {};
          // Confirmed before the parked copy is acknowledged: a crash in between duplicates (consumers dedup),
          // never loses.
          channel.sendToQueue(queue, message.content, { ...message.properties, headers, persistent: true });
          await channel.waitForConfirms();
          channel.ack(message);
          moved += 1;
        }
        return moved;
      } finally {
        // Closing the channel flushes the last acknowledgement before anything else closes.
        await channel.close().catch(() => undefined);
      }
    },

    async check() {
      connected();
    },

    async close() {
      closing = true;
      for (const registration of registrations) {
        registration.stopped = true;
        await registration.running?.stop();
      }
      registrations.clear();
      await connection.close().catch(() => undefined);
      current = undefined;
    },
  };
}
