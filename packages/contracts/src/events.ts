import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { currencySchema } from './products.js';
import { orderLineView } from './orders.js';

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

export const orderPlacedEvent = envelope(
  'order.placed',
  z.object({
    orderId: z.string(),
    userId: z.string(),
    totalMinor: z.number().int().nonnegative(),
    currency: currencySchema,
    lines: z.array(orderLineView),
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
