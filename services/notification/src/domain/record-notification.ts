import { randomUUID } from 'node:crypto';
import type { NotificationView, StorefrontEvent } from '@storefront/contracts';
import type { Contact, NotificationsStore, RecordOutcome } from '../data-access/notifications-store.js';
import { renderOrderPlacedEmail, renderWelcomeEmail, type RenderedEmail } from './render-email.js';

export interface RecordNotificationDependencies {
  notifications: NotificationsStore;
  now?: () => Date;
}

/**
 * The event names a customer this service has not heard of yet (their user.registered is still on its way, or
 * predates this service). Thrown, so the broker retries with back-off and finally parks the event, from where it
 * can be replayed once the contact is known.
 */
export class RecipientUnknownError extends Error {
  override name = 'RecipientUnknownError';
  constructor(readonly userId: string) {
    super(`no contact known for user ${userId}`);
  }
}

export type RecordNotificationOutcome = RecordOutcome | 'ignored';

async function render(
  deps: RecordNotificationDependencies,
  event: StorefrontEvent,
): Promise<{ userId: string; to: string; email: RenderedEmail } | null> {
  switch (event.type) {
    case 'user.registered': {
      const contact: Contact = { email: event.data.email, name: event.data.name };
      // Later events (an order) carry only the user id: remember where to write.
      await deps.notifications.rememberContact(event.data.userId, contact);
      return { userId: event.data.userId, to: contact.email, email: renderWelcomeEmail(contact) };
    }
    case 'order.placed': {
      const contact = await deps.notifications.findContact(event.data.userId);
      if (!contact) throw new RecipientUnknownError(event.data.userId);
      return {
        userId: event.data.userId,
        to: contact.email,
        email: renderOrderPlacedEmail(contact, event.data),
      };
    }
    default:
      return null;
  }
}

/**
 * Turns one event into one email notification in the customer's inbox. Idempotent by event id: a redelivered or
 * replayed event is recognised and records nothing new.
 */
export async function recordNotification(
  deps: RecordNotificationDependencies,
  event: StorefrontEvent,
): Promise<RecordNotificationOutcome> {
  const rendered = await render(deps, event);
  if (!rendered) return 'ignored';
  const notification: NotificationView = {
    id: randomUUID(),
    eventId: event.id,
    userId: rendered.userId,
    channel: 'email',
    template: rendered.email.template,
    to: rendered.to,
    subject: rendered.email.subject,
    body: rendered.email.body,
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
  };
  return deps.notifications.record(notification);
}
