import { productCacheKeys } from '../data-access/product-cache.js';
import type { CategoryList } from '@storefront/contracts';
import type { CatalogDependencies } from './catalog-dependencies.js';

/** Every category, by name; cached with the listings (so any catalog write retires it). */
export async function listCategories(deps: CatalogDependencies): Promise<CategoryList> {
  const key = productCacheKeys.categories(await deps.cache.listingGeneration());
  return deps.cache.remember<CategoryList>(key, async () => ({
    items: await deps.products.listCategories(),
  }));
}
