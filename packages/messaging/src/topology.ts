import type { ConfirmChannel } from 'amqplib';

export const EVENTS_EXCHANGE = 'storefront.events';

export const retryQueue = (queue: string, delayMs: number) => `${queue}.retry.${delayMs}`;
export const deadLetterQueue = (queue: string) => `${queue}.dlq`;

/** The queue bound to its event types, one retry queue per back-off step, and the dead-letter queue. */
export async function declareTopology(
  channel: ConfirmChannel,
  { queue, bindings, delays }: { queue: string; bindings: string[]; delays: number[] },
) {
  await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
  await channel.assertQueue(queue, { durable: true });
  for (const binding of bindings) await channel.bindQueue(queue, EVENTS_EXCHANGE, binding);
  // A retry queue holds a message for its TTL, then dead-letters it through the default exchange back to the queue.
  for (const delay of delays) {
    await channel.assertQueue(retryQueue(queue, delay), {
      durable: true,
      arguments: { 'x-message-ttl': delay, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
    });
  }
  await channel.assertQueue(deadLetterQueue(queue), { durable: true });
}
