import type { OrderStatus } from '@storefront/contracts';
import type { OrderSummary } from './render-contract.js';

/** How many of the newest orders the dashboard lists. */
export const LAST_ORDERS_LIMIT = 10;

interface OrderLike {
  id: string;
  status: OrderStatus;
  totalMinor: number;
  currency: string;
  createdAt: string;
}

/** The newest orders first, trimmed to what the dashboard shows (no lines, no user id). */
export function lastOrders(orders: readonly OrderLike[], limit = LAST_ORDERS_LIMIT): OrderSummary[] {
  return [...orders]
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .slice(0, limit)
    .map(({ id, status, totalMinor, currency, createdAt }) => ({
      id,
      status,
      totalMinor,
      currency,
      createdAt,
    }));
}
