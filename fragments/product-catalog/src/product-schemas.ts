/**
 * What the catalog reads from the product service beyond the shared contract. The editor forms validate with the
 * service's own request schemas from @storefront/contracts (re-exported here), so the browser shows the messages the
 * API would answer; the answers are read leniently (a field the podlet does not show never breaks a page).
 */
import { z } from 'zod';
import { productStatusSchema, productSummary } from '@storefront/contracts';

export {
  changeStockRequest,
  createProductRequest,
  productImageSchema,
  productSlugSchema,
  productSortSchema,
  productStatusSchema,
  reservedSlugs,
  updateProductRequest,
  type CreateProductRequest,
  type ProductSort,
  type ProductStatus,
  type UpdateProductRequest,
} from '@storefront/contracts';

/** A product as the API shows it (public detail, listings, editor routes). */
export const productView = productSummary.extend({
  status: productStatusSchema,
  // Optional: an answer from a service without the field still shows (as not featured).
  featured: z.boolean().optional(),
  images: z.array(z.object({ url: z.string(), alt: z.string() })),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProductView = z.infer<typeof productView>;

/** A listing item: the summary every consumer knows, plus the status when the service sends it. */
export const listingItem = productSummary.extend({ status: productStatusSchema.optional() });
export type ListingItem = z.infer<typeof listingItem>;

export const productListResponse = z.object({
  items: z.array(listingItem),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive().optional(),
  pageSize: z.number().int().positive().optional(),
});

/** A home-page shelf's listing (newest, or the featured products). */
export const sectionListResponse = z.object({ items: z.array(listingItem) });

export const managedListResponse = z.object({
  items: z.array(productView),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive().optional(),
  pageSize: z.number().int().positive().optional(),
});

export const categoryList = z.object({ items: z.array(z.object({ slug: z.string(), name: z.string() })) });
export type Category = z.infer<typeof categoryList>['items'][number];

export interface FieldError {
  path: string;
  message: string;
}

/** zod issues as the API's problem+json `errors` ({path: 'a.b', message}). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
}
