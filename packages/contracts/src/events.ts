import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { currencySchema } from './products.js';
import { deliveryAddressSchema, orderLineView } from './orders.js';
import { notificationPreferencesSchema, roleSchema } from './users.js';

function envelope<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({
    id: z.uuid(),
    type: z.literal(type),
    occurredAt: z.iso.datetime(),
    version: z.literal(1),
    data,
  });
}

export const userRegisteredEvent = envelope(
  'user.registered',
  z.object({ userId: z.string(), email: z.string(), name: z.string() }),
);

/** The state after the change: consumers keep a copy of what they need (the notification service: contact data). */
export const userUpdatedEvent = envelope(
  'user.updated',
  z.object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    phone: z.string().nullable(),
    preferences: notificationPreferencesSchema,
  }),
);

/**
 * A customer asked for a password reset link: the notification service emails it. `token` is the only copy of the
 * secret outside the customer's mailbox (the user service keeps its hash), so consumers never store or log it.
 */
export const userPasswordResetRequestedEvent = envelope(
  'user.password-reset-requested',
  z.object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    token: z.string().min(32).max(128),
    expiresAt: z.iso.datetime(),
  }),
);

const productChange = z.object({
  productId: z.uuid(),
  slug: z.string(),
  status: z.enum(['draft', 'published', 'archived']),
  // Optional only because events written before the field existed may still sit in a queue; producers always set it.
  featured: z.boolean().optional(),
});
export const productCreatedEvent = envelope('product.created', productChange);
export const productUpdatedEvent = envelope('product.updated', productChange);
export const productPublishedEvent = envelope('product.published', productChange);
export const productDeletedEvent = envelope('product.deleted', productChange);
export const productStockChangedEvent = envelope(
  'product.stock.changed',
  z.object({ productId: z.uuid(), slug: z.string(), stock: z.number().int().nonnegative() }),
);

export const orderPlacedEvent = envelope(
  'order.placed',
  z.object({
    orderId: z.string(),
    userId: z.string(),
    totalMinor: z.number().int().nonnegative(),
    currency: currencySchema,
    lines: z.array(orderLineView),
    /** Absent only in events of orders placed before orders carried their address. */
    address: deliveryAddressSchema.optional(),
  }),
);

const orderStatusChange = z.object({ orderId: z.string(), userId: z.string(), totalMinor: z.number().int() });
export const orderPaidEvent = envelope('order.paid', orderStatusChange);
export const orderShippedEvent = envelope('order.shipped', orderStatusChange);
export const orderDeliveredEvent = envelope('order.delivered', orderStatusChange);
/** Consumed by the product service, which gives the order's reserved stock back. */
export const orderCancelledEvent = envelope('order.cancelled', orderStatusChange);

export const eventSchemas = {
  'user.registered': userRegisteredEvent,
  'user.updated': userUpdatedEvent,
  'user.password-reset-requested': userPasswordResetRequestedEvent,
  'product.created': productCreatedEvent,
  'product.updated': productUpdatedEvent,
  'product.published': productPublishedEvent,
  'product.deleted': productDeletedEvent,
  'product.stock.changed': productStockChangedEvent,
  'order.placed': orderPlacedEvent,
  'order.paid': orderPaidEvent,
  'order.shipped': orderShippedEvent,
  'order.delivered': orderDeliveredEvent,
  'order.cancelled': orderCancelledEvent,
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventOf<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
export type StorefrontEvent = { [T in EventType]: EventOf<T> }[EventType];

export const storefrontEvent = z.discriminatedUnion('type', [
  userRegisteredEvent,
  userUpdatedEvent,
  userPasswordResetRequestedEvent,
  productCreatedEvent,
  productUpdatedEvent,
  productPublishedEvent,
  productDeletedEvent,
  productStockChangedEvent,
  orderPlacedEvent,
  orderPaidEvent,
  orderShippedEvent,
  orderDeliveredEvent,
  orderCancelledEvent,
]);

export function makeEvent<T extends EventType>(type: T, data: EventOf<T>['data']): EventOf<T> {
  return eventSchemas[type].parse({
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    version: 1,
    data,
  }) as EventOf<T>;
}

/** Throws a ZodError for an unknown type or a malformed envelope: the caller treats that as poison. */
export function parseEvent(raw: unknown): StorefrontEvent {
  return storefrontEvent.parse(raw) as StorefrontEvent;
}
