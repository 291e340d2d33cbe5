import type { OrderView } from '@storefront/contracts';
import type { Logger } from '@storefront/service-kit';
import type { ProductCatalog } from '../data-access/product-catalog.js';
import { changeOrderStatus, type ChangeOrderStatusDependencies } from './change-order-status.js';

export interface CancelOrderDependencies extends ChangeOrderStatusDependencies {
  catalog: Pick<ProductCatalog, 'release'>;
  logger: Logger;
}

/**
 * Cancels an order that is placed or paid and gives its stock back. The stock goes back now when the catalog
 * answers; whatever happens here, the product service also releases it when `order.cancelled` reaches it, so a
 * missed call never strands stock.
 */
export async function cancelOrder(
  deps: CancelOrderDependencies,
  command: { orderId: string; ownerId?: string },
): Promise<OrderView> {
  const order = await changeOrderStatus(deps, { ...command, to: 'cancelled' });
  await deps.catalog.release(order.id).catch((error: unknown) => {
    deps.logger.warn({ err: error, orderId: order.id }, 'stock release left to the order.cancelled event');
  });
  return order;
}
