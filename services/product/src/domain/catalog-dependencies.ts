import type { ProductCache } from '../data-access/product-cache.js';
import type { ProductsRepository } from '../data-access/products-repository.js';

export interface CatalogDependencies {
  products: ProductsRepository;
  cache: ProductCache;
}
