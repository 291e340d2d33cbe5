import type { EventOf } from '@storefront/contracts';
import { formatMoney, type OrderStatusData, type Template } from './render-email.js';

export interface RenderedSms {
  template: Template;
  /** A one-line summary for the delivery log (SMS has no subject on the wire). */
  subject: string;
  body: string;
}

/** Texts stay short: one SMS segment where the order id allows it. */
const PREFIX = 'Storefront:';

function totalOf(order: OrderStatusData): string {
  return order.currency === null ? '' : ` (${formatMoney(order.totalMinor, order.currency)})`;
}

export function renderOrderPlacedSms(order: EventOf<'order.placed'>['data']): RenderedSms {
  return {
    template: 'order-placed',
    subject: `Order ${order.orderId} placed`,
    body: `${PREFIX} we received your order ${order.orderId}, total ${formatMoney(order.totalMinor, order.currency)}. Thank you!`,
  };
}

export function renderOrderPaidSms(order: OrderStatusData): RenderedSms {
  return {
    template: 'order-paid',
    subject: `Payment received for order ${order.orderId}`,
    body: `${PREFIX} payment received for order ${order.orderId}${totalOf(order)}.`,
  };
}

export function renderOrderShippedSms(order: OrderStatusData): RenderedSms {
  return {
    template: 'order-shipped',
    subject: `Order ${order.orderId} has shipped`,
    body: `${PREFIX} your order ${order.orderId} has shipped.`,
  };
}

export function renderOrderCancelledSms(order: OrderStatusData): RenderedSms {
  return {
    template: 'order-cancelled',
    subject: `Order ${order.orderId} cancelled`,
    body: `${PREFIX} your order ${order.orderId} has been cancelled${totalOf(order)}.`,
  };
}
