import type { ProductView } from '@storefront/contracts';
import type { ProductRecord } from '../data-access/products-repository.js';

/** The public path of a product's image: browsers reach the service through the gateway's /api prefix. */
export const productImageUrl = (slug: string) => `/api/products/images/${slug}.svg`;

/** The API's view of a product: the summary every consumer knows (with its placeholder image) plus the rest. */
export function toProductView(record: ProductRecord): ProductView {
  return { ...record, imageUrl: productImageUrl(record.slug) };
}
