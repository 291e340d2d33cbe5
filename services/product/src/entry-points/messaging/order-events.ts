import type { Broker } from '@storefront/messaging';
import { releaseStock } from '../../domain/release-stock.js';
import type { StockDependencies } from '../../domain/reserve-stock.js';

export const PRODUCT_SERVICE_QUEUE = 'product-service';

/** A cancelled order's stock comes back even when the order service's direct release call never arrived. */
export function consumeOrderEvents(broker: Pick<Broker, 'consume'>, deps: StockDependencies) {
  return broker.consume({
    queue: PRODUCT_SERVICE_QUEUE,
    bindings: ['order.cancelled'],
    handle: async (event) => {
      if (event.type === 'order.cancelled') await releaseStock(deps, event.data.orderId);
    },
  });
}
