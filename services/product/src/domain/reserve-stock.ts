import type { ReserveStockRequest, StockReservation } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';
import type { ProductCache } from '../data-access/product-cache.js';
import type { StockRepository } from '../data-access/stock-repository.js';

export interface StockDependencies {
  stock: StockRepository;
  cache: Pick<ProductCache, 'invalidate'>;
}

/**
 * Holds stock for an order, all lines or none. Asking again for the same order answers the first reservation,
 * so the order service may retry safely; a product that has too little left answers 409 and takes nothing.
 */
export async function reserveStock(
  deps: StockDependencies,
  request: ReserveStockRequest,
): Promise<{ reservation: StockReservation; created: boolean }> {
  const outcome = await deps.stock.reserve(request);
  switch (outcome.kind) {
    case 'existing':
      return { reservation: outcome.reservation, created: false };
    case 'reserved':
      await deps.cache.invalidate(outcome.slugs);
      return { reservation: outcome.reservation, created: true };
    case 'short':
      throw problems.conflict(
        outcome.name === null
          ? `Product ${outcome.productId} is not for sale.`
          : `Only ${outcome.available} of "${outcome.name}" left in stock.`,
      );
  }
}
