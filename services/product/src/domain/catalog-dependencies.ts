import type { CatalogWriter } from '../data-access/catalog-writer.js';
import type { ProductCache } from '../data-access/product-cache.js';
import type { ProductsRepository } from '../data-access/products-repository.js';

export interface CatalogDependencies {
  products: ProductsRepository;
  cache: ProductCache;
}

/** What an editor's write needs: the transaction (with its outbox), the cache to invalidate, the relay to wake. */
export interface CatalogWriteDependencies {
  writer: CatalogWriter;
  cache: Pick<ProductCache, 'invalidate'>;
  /** Publishes the outbox now rather than at the relay's next poll. */
  kickRelay?: () => void;
}
