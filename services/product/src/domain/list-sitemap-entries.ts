import type { SitemapEntries, SitemapEntriesQuery } from '@storefront/contracts';
import type { ProductsRepository } from '../data-access/products-repository.js';

/** One batch of the sitemap's walk over published products, with how many there are in all. */
export async function listSitemapEntries(
  products: ProductsRepository,
  query: SitemapEntriesQuery,
): Promise<SitemapEntries> {
  const [total, entries] = await Promise.all([products.countPublished(), products.sitemapEntries(query)]);
  return {
    total,
    items: entries,
  };
}
