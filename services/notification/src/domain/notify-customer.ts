import { passwordResetLink } from '@storefront/auth';
import type { NotifiableEvent, StorefrontEvent } from '@storefront/contracts';
import type { Contact } from '../data-access/notifications-store.js';
import {
  deliverMessage,
  type DeliverMessageDependencies,
  type DeliveryOutcome,
  type OutgoingMessage,
} from './deliver-message.js';
import {
  renderOrderCancelledEmail,
  renderOrderPaidEmail,
  renderOrderPlacedEmail,
  renderOrderShippedEmail,
  renderPasswordResetEmail,
  renderWelcomeEmail,
  PASSWORD_RESET_LOGGED_BODY,
  type OrderStatusData,
  type RenderedEmail,
} from './render-email.js';
import {
  renderOrderCancelledSms,
  renderOrderPaidSms,
  renderOrderPlacedSms,
  renderOrderShippedSms,
  type RenderedSms,
} from './render-sms.js';

/** The events this service consumes. */
export const CONSUMED_EVENTS = [
  'user.registered',
  'user.updated',
  'user.password-reset-requested',
  'order.placed',
  'order.paid',
  'order.shipped',
  'order.cancelled',
] as const;

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

export interface MessageResult {
  channel: OutgoingMessage['channel'];
  outcome: DeliveryOutcome;
}

export interface NotifyResult {
  /** `ignored`: the event asks for no message (a profile update, or the customer turned both channels off). */
  outcome: 'delivered' | 'duplicate' | 'ignored';
  messages: MessageResult[];
  /** Channels the customer wants but cannot be reached on (SMS without a phone number). */
  unreachable: OutgoingMessage['channel'][];
}

type Rendered = { email: RenderedEmail; sms: RenderedSms };

export interface NotifyCustomerDependencies extends DeliverMessageDependencies {
  /** The shop's public address (GATEWAY_URL): the links in emails point there. */
  shopUrl: string;
}

/** The messages an order event asks for, by the customer's preferences for that event. */
function orderMessages(
  event: StorefrontEvent,
  notifiable: NotifiableEvent,
  contact: Contact,
  userId: string,
  rendered: Rendered,
): { messages: OutgoingMessage[]; unreachable: OutgoingMessage['channel'][] } {
  const wants = contact.preferences[notifiable];
  const messages: OutgoingMessage[] = [];
  const unreachable: OutgoingMessage['channel'][] = [];
  const base = { eventId: event.id, userId };
  if (wants.email) {
    messages.push({ ...base, channel: 'email', to: contact.email, ...rendered.email });
  }
  if (wants.sms) {
    if (contact.phone) messages.push({ ...base, channel: 'sms', to: contact.phone, ...rendered.sms });
    else unreachable.push('sms');
  }
  return { messages, unreachable };
}

async function plan(
  deps: NotifyCustomerDependencies,
  event: StorefrontEvent,
): Promise<{ messages: OutgoingMessage[]; unreachable: OutgoingMessage['channel'][] }> {
  const { notifications } = deps;
  const version = Date.parse(event.occurredAt);
  const contactOf = async (userId: string) => {
    const contact = await notifications.findContact(userId);
    if (!contact) throw new RecipientUnknownError(userId);
    return contact;
  };
  const statusOf = async (data: { orderId: string; totalMinor: number }): Promise<OrderStatusData> => ({
    orderId: data.orderId,
    totalMinor: data.totalMinor,
    currency: await notifications.findOrderCurrency(data.orderId),
  });

  switch (event.type) {
    case 'user.registered': {
      const { userId, email, name } = event.data;
      // Later events (orders) carry only the user id: remember where to write.
      await notifications.rememberContact(userId, { email, name }, version);
      // The welcome mail is part of signing up, not one of the order notifications a customer can turn off.
      const welcome = renderWelcomeEmail({ email, name });
      return {
        messages: [{ eventId: event.id, userId, channel: 'email', to: email, ...welcome }],
        unreachable: [],
      };
    }
    case 'user.updated': {
      const { userId, email, name, phone, preferences } = event.data;
      await notifications.rememberContact(userId, { email, name, phone, preferences }, version);
      return { messages: [], unreachable: [] };
    }
    case 'user.password-reset-requested': {
      // Sent to the address the account has now (the event's), whatever the preferences: the customer asked for it.
      const { userId, email, name, token, expiresAt } = event.data;
      const reset = renderPasswordResetEmail(
        { email, name },
        passwordResetLink(deps.shopUrl, token),
        new Date(expiresAt),
      );
      return {
        messages: [
          {
            eventId: event.id,
            userId,
            channel: 'email',
            to: email,
            ...reset,
            loggedBody: PASSWORD_RESET_LOGGED_BODY,
          },
        ],
        unreachable: [],
      };
    }
    case 'order.placed': {
      const order = event.data;
      await notifications.rememberOrderCurrency(order.orderId, order.currency);
      const contact = await contactOf(order.userId);
      return orderMessages(event, 'order.placed', contact, order.userId, {
        email: renderOrderPlacedEmail(contact, order),
        sms: renderOrderPlacedSms(order),
      });
    }
    case 'order.paid': {
      const contact = await contactOf(event.data.userId);
      const order = await statusOf(event.data);
      return orderMessages(event, 'order.paid', contact, event.data.userId, {
        email: renderOrderPaidEmail(contact, order),
        sms: renderOrderPaidSms(order),
      });
    }
    case 'order.shipped': {
      const contact = await contactOf(event.data.userId);
      const order = await statusOf(event.data);
      return orderMessages(event, 'order.shipped', contact, event.data.userId, {
        email: renderOrderShippedEmail(contact, order),
        sms: renderOrderShippedSms(order),
      });
    }
    case 'order.cancelled': {
      const contact = await contactOf(event.data.userId);
      const order = await statusOf(event.data);
      return orderMessages(event, 'order.cancelled', contact, event.data.userId, {
        email: renderOrderCancelledEmail(contact, order),
        sms: renderOrderCancelledSms(order),
      });
    }
    default:
      return { messages: [], unreachable: [] };
  }
}

/**
 * Turns one event into the messages the customer asked for and delivers each at most once. The channels go one
 * after the other: if one fails, the error goes up and the retried event skips the channel already done.
 */
export async function notifyCustomer(
  deps: NotifyCustomerDependencies,
  event: StorefrontEvent,
): Promise<NotifyResult> {
  const { messages, unreachable } = await plan(deps, event);
  const results: MessageResult[] = [];
  for (const message of messages) {
    results.push({ channel: message.channel, outcome: await deliverMessage(deps, message) });
  }
  const outcome =
    results.length === 0
      ? 'ignored'
      : results.every((result) => result.outcome === 'duplicate')
        ? 'duplicate'
        : 'delivered';
  return { outcome, messages: results, unreachable };
}
