/**
 * The product service's editor-API and listing schemas, MIRRORED here: the service keeps them in its own
 * `src/entry-points/http/schemas.ts`, which no package exports yet. Keep this file in step with that one (every rule
 * below is copied from it); once they move to @storefront/contracts, import them from there and delete the copies.
 * The browser validates a form with these before sending it, so it shows the same messages the API would answer.
 */
import { z } from 'zod';
import { currencySchema, productSummary, slugSchema } from '@storefront/contracts';

export const productStatusSchema = z.enum(['draft', 'published', 'archived']);
export type ProductStatus = z.infer<typeof productStatusSchema>;

export const productSortSchema = z.enum(['name', 'price', '-price', 'newest']);
export type ProductSort = z.infer<typeof productSortSchema>;

export const reservedSlugs = ['manage', 'categories', 'lookup', 'reservations', 'images', 'preview-token'];

export const productSlugSchema = slugSchema.refine((slug) => !reservedSlugs.includes(slug), {
  message: 'is reserved for the API',
});

export const productImageSchema = z
  .object({
    url: z
      .string()
      .max(2000)
      .regex(/^(https?:\/\/[^\s]+|\/[^\s/][^\s]*)$/, 'must be an http(s) URL or an absolute path'),
    alt: z.string().max(300).default(''),
  })
  .strict();

const attributeValue = z.union([z.string().max(500), z.number().finite(), z.boolean()]);
const productName = z.string().trim().min(1).max(200);
const priceMinor = z.number().int().min(0).max(100_000_000);
const stock = z.number().int().min(0).max(1_000_000);

export const createProductRequest = z
  .object({
    slug: productSlugSchema,
    name: productName,
    description: z.string().trim().max(5000).default(''),
    priceMinor,
    currency: currencySchema.default('EUR'),
    category: slugSchema,
    images: z.array(productImageSchema).max(10).default([]),
    attributes: z.record(z.string().trim().min(1).max(60), attributeValue).default({}),
    stock: stock.default(0),
    status: productStatusSchema.default('draft'),
  })
  .strict();
export type CreateProductRequest = z.input<typeof createProductRequest>;

export const updateProductRequest = z
  .object({
    slug: productSlugSchema,
    name: productName,
    description: z.string().trim().max(5000),
    priceMinor,
    currency: currencySchema,
    category: slugSchema,
    images: z.array(productImageSchema).max(10),
    stock,
    status: productStatusSchema,
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'change at least one field' });
export type UpdateProductRequest = z.input<typeof updateProductRequest>;

export const changeStockRequest = z.union([
  z.object({ stock }).strict(),
  z
    .object({ delta: z.number().int().min(-1_000_000).max(1_000_000) })
    .strict()
    .refine((body) => body.delta !== 0, { message: 'must not be zero', path: ['delta'] }),
]);

/** A product as the API shows it (public detail, listings, editor routes). */
export const productView = productSummary.extend({
  status: productStatusSchema,
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

/** A home-page shelf's listing: the items with their attributes (a `featured: true` one puts a product there). */
export const sectionListResponse = z.object({
  items: z.array(
    listingItem.extend({
      attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
  ),
});

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
