import type { ManagedProductListQuery, ProductListResponse } from '@storefront/contracts';
import type { CatalogDependencies } from './catalog-dependencies.js';
import { queryProducts } from './product-listing.js';
import { allStatuses } from './visibility.js';

/** The editors' listing: every status (or the one asked for), straight from the database. */
export async function listManagedProducts(
  deps: Pick<CatalogDependencies, 'products'>,
  query: ManagedProductListQuery,
): Promise<ProductListResponse> {
  return queryProducts(deps.products, query, query.status ? [query.status] : allStatuses);
}
