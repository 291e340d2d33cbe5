import type { ProductSummary } from '@storefront/contracts';
import { problems } from '@storefront/service-kit';
import { productCacheKeys } from '../data-access/product-cache.js';
import type { CatalogDependencies } from './catalog-dependencies.js';
import { toProductSummary } from './product-summary.js';

/** A published product by slug; drafts answer 404 like products that never existed. */
export async function getProduct(deps: CatalogDependencies, slug: string): Promise<ProductSummary> {
  const product = await deps.cache.remember<ProductSummary | null>(
    productCacheKeys.detail(slug),
    async () => {
      const record = await deps.products.findPublishedBySlug(slug);
      return record && toProductSummary(record);
    },
  );
  if (!product) throw problems.notFound(`There is no product "${slug}".`);
  return product;
}
