import type { ListProductsQuery, ProductPage } from '@storefront/contracts';
import { productCacheKeys } from '../data-access/product-cache.js';
import type { CatalogDependencies } from './catalog-dependencies.js';
import { toProductSummary } from './product-summary.js';

export async function listProducts(
  deps: CatalogDependencies,
  query: ListProductsQuery,
): Promise<ProductPage> {
  const { page, pageSize, category } = query;
  const key = productCacheKeys.listing(await deps.cache.listingGeneration(), page, pageSize, category);
  return deps.cache.remember<ProductPage>(key, async () => {
    const listing = await deps.products.listPublished({
      offset: (page - 1) * pageSize,
      limit: pageSize,
      ...(category === undefined ? {} : { category }),
    });
    return { items: listing.items.map(toProductSummary), page, pageSize, total: listing.total };
  });
}
