import type { OrderList } from '@storefront/contracts';
import type { OrdersRepository } from '../data-access/orders-repository.js';

/** The signed-in customer's own orders, newest first. */
export async function listOrders(orders: OrdersRepository, userId: string): Promise<OrderList> {
  return { items: await orders.listForUser(userId) };
}
