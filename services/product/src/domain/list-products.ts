import { productCacheKeys } from '../data-access/product-cache.js';
import type { ProductListQuery, ProductListResponse } from '@storefront/contracts';
import type { CatalogDependencies } from './catalog-dependencies.js';
import { queryProducts } from './product-listing.js';
import { visibleStatuses, type Audience } from './visibility.js';

/**
 * The storefront's listing. The public one goes through the Redis cache (one entry per distinct query, all retired
 * by any write); a preview, which includes drafts, is never cached.
 */
export async function listProducts(
  deps: CatalogDependencies,
  query: ProductListQuery,
  audience: Audience = 'public',
): Promise<ProductListResponse> {
  const load = () => queryProducts(deps.products, query, visibleStatuses(audience));
  if (audience === 'preview') return load();
  const key = productCacheKeys.listing(await deps.cache.listingGeneration(), query);
  return deps.cache.remember<ProductListResponse>(key, load);
}
