import { makeEvent, orderTransitions, type OrderStatus, type OrderView } from '@storefront/contracts';
import { HttpProblem, problems } from '@storefront/service-kit';
import type { OrdersRepository } from '../data-access/orders-repository.js';

export interface ChangeOrderStatusDependencies {
  orders: Pick<OrdersRepository, 'transition'>;
  kickRelay: () => void;
}

const eventTypes = {
  paid: 'order.paid',
  shipped: 'order.shipped',
  delivered: 'order.delivered',
  cancelled: 'order.cancelled',
} as const;

/**
 * Moves an order along its status machine and publishes the change. `ownerId` limits the change to one customer's
 * own orders (whose others' orders answer 404 like missing ones); staff pass none.
 */
export async function changeOrderStatus(
  deps: ChangeOrderStatusDependencies,
  { orderId, to, ownerId }: { orderId: string; to: OrderStatus; ownerId?: string },
): Promise<OrderView> {
  if (to === 'placed') {
    throw problems.unprocessable(
      'An order is placed once, by POST /orders; it cannot be set back to placed.',
    );
  }
  const allowedFrom = (Object.keys(orderTransitions) as OrderStatus[]).filter((from) =>
    orderTransitions[from].includes(to),
  );
  const result = await deps.orders.transition(
    orderId,
    to,
    allowedFrom,
    (order) =>
      makeEvent(eventTypes[to], { orderId: order.id, userId: order.userId, totalMinor: order.totalMinor }),
    ownerId,
  );
  switch (result.kind) {
    case 'not-found':
      throw problems.notFound(`There is no order ${orderId}.`);
    case 'refused':
      throw new HttpProblem(409, 'Conflict', `An order that is ${result.from} cannot become ${to}.`);
    case 'changed':
      deps.kickRelay();
      return result.order;
  }
}
