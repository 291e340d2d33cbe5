import type { LookupProductsRequest, LookupProductsResponse } from '@storefront/contracts';
import type { ProductsRepository } from '../data-access/products-repository.js';
import { toProductView } from './product-summary.js';

/**
 * Current prices and stock for the order service, read from the database and never from the cache: an order is
 * charged what the catalog says now. Unknown and draft ids are simply absent; the caller decides what that means.
 */
export async function lookupProducts(
  products: ProductsRepository,
  request: LookupProductsRequest,
): Promise<LookupProductsResponse> {
  const records = await products.findPublishedByIds([...new Set(request.ids)]);
  return { items: records.map(toProductView) };
}
