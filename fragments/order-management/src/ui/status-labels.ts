import type { OrderStatus } from '@storefront/contracts';

/** How a customer reads an order's status. */
export const statusLabels: Record<OrderStatus, string> = {
  placed: 'Placed',
  paid: 'Paid',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};
