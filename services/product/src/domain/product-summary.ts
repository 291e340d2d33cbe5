import type { ProductSummary } from '@storefront/contracts';
import type { ProductRecord } from '../data-access/products-repository.js';

/** The public path of a product's image: browsers reach the service through the gateway's /api prefix. */
export const productImageUrl = (slug: string) => `/api/products/images/${slug}.svg`;

export function toProductSummary(record: ProductRecord): ProductSummary {
  return { ...record, imageUrl: productImageUrl(record.slug) };
}
