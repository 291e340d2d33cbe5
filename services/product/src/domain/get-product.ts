import { problems } from '@storefront/service-kit';
import { productCacheKeys } from '../data-access/product-cache.js';
import type { ProductView } from '@storefront/contracts';
import type { CatalogDependencies } from './catalog-dependencies.js';
import { toProductView } from './product-summary.js';
import { visibleStatuses, type Audience } from './visibility.js';

/**
 * A product by slug. The public sees published products (through the cache); drafts answer 404 like products that
 * never existed. A preview also sees drafts, read from the database and never cached.
 */
export async function getProduct(
  deps: CatalogDependencies,
  slug: string,
  audience: Audience = 'public',
): Promise<ProductView> {
  const load = async () => {
    const record = await deps.products.findBySlug(slug, visibleStatuses(audience));
    return record && toProductView(record);
  };
  const product =
    audience === 'preview'
      ? await load()
      : await deps.cache.remember<ProductView | null>(productCacheKeys.detail(slug), load);
  if (!product) throw problems.notFound(`There is no product "${slug}".`);
  return product;
}
