import type { Broker } from '@storefront/messaging';

/** The broker moves what is parked in `<queue>.dlq` back to the queue, at most what was parked when asked. */
export type DeadLetters = Pick<Broker, 'replayDeadLetters'>;

/**
 * Moves the parked events of the service's queue back to it, e.g. once the cause of their failure is fixed.
 * Safe to run at any time: an event already delivered is recognised by its id and sends nothing again, and one
 * that still fails is parked again after its retries.
 */
export async function replayDeadLetters(
  deadLetters: DeadLetters,
  queue: string,
): Promise<{ replayed: number }> {
  return { replayed: await deadLetters.replayDeadLetters(queue) };
}
