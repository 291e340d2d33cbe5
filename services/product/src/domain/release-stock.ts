import type { StockDependencies } from './reserve-stock.js';

/** Puts an order's reserved stock back (a failed or cancelled order); releasing twice changes nothing. */
export async function releaseStock(deps: StockDependencies, orderId: string): Promise<void> {
  const slugs = await deps.stock.release(orderId);
  if (slugs.length > 0) await deps.cache.invalidate(slugs);
}
