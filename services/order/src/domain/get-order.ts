import type { OrderView } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';
import type { OrdersRepository } from '../data-access/orders-repository.js';

/** Someone else's order answers exactly like a missing one, so order ids reveal nothing. */
export async function getOrder(
  orders: OrdersRepository,
  userId: string,
  orderId: string,
): Promise<OrderView> {
  const order = await orders.findForUser(userId, orderId);
  if (!order) throw problems.notFound(`There is no order ${orderId}.`);
  return order;
}
