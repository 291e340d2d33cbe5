import type { StorefrontEvent } from '@storefront/contracts';
import type { Models, OutboxDocument } from './models.js';

export function outboxRow(event: StorefrontEvent): OutboxDocument {
  return {
    _id: event.id,
    type: event.type,
    payload: event,
    createdAt: new Date(event.occurredAt),
    sentAt: null,
    claimedUntil: null,
  };
}

/**
 * Moves an event a user document carries into the outbox. Each step is safe to repeat, so the request that made
 * the user and a relay recovering after a crash may both run it.
 */
export async function movePendingEvent(
  models: Models,
  userId: string,
  event: StorefrontEvent,
): Promise<void> {
  const { _id, ...fields } = outboxRow(event);
  await models.Outbox.updateOne({ _id }, { $setOnInsert: fields }, { upsert: true });
  // Only this event: a later change may already have put its own on the user.
  await models.User.updateOne({ _id: userId, 'pendingEvent.id': event.id }, { $unset: { pendingEvent: 1 } });
}
