/**
 * Request and response schemas of the catalog's editor API and of the extended public listing: the product service
 * validates with them, and the catalog podlet validates its editor forms with the very same rules.
 */
import { z } from 'zod';
import { currencySchema, productSummary, slugSchema } from './products.js';
import { lineOfText, paragraphsOfText } from './text.js';

export const productStatusSchema = z.enum(['draft', 'published', 'archived']);
export type ProductStatus = z.infer<typeof productStatusSchema>;

export const productSortSchema = z.enum(['name', 'price', '-price', 'newest']);
export type ProductSort = z.infer<typeof productSortSchema>;

/** First path segments under /products that belong to routes, so no product may take them as its slug. */
export const reservedSlugs = ['manage', 'categories', 'lookup', 'reservations', 'images', 'preview-token'];

export const productSlugSchema = slugSchema.refine((slug) => !reservedSlugs.includes(slug), {
  message: 'is reserved for the API',
});

const price = z.coerce.number().int().min(0).max(100_000_000);

/**
 * The public listing: the page/pageSize paging the storefront uses, or keyset paging with an opaque `cursor` and
 * `limit` (not both), sorted and filtered. `q` is full-text search over name and description.
 */
export const productListQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).optional(),
    cursor: z
      .string()
      .min(1)
      .max(1000)
      .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor from nextCursor')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
    category: slugSchema.optional(),
    minPrice: price.optional(),
    maxPrice: price.optional(),
    q: lineOfText(200).min(1).optional(),
    sort: productSortSchema.default('name'),
    // `featured=true`: only the products editors marked for the home page's shelf (`false` only the others).
    featured: z
      .stringbool({ truthy: ['true'], falsy: ['false'], case: 'sensitive' })
      .optional()
      .meta({ description: '`true`: only featured products; `false`: only the others.' }),
  })
  .refine((query) => !(query.cursor ?? query.limit) || (query.page ?? query.pageSize) === undefined, {
    message: 'use either page/pageSize or cursor/limit',
    path: ['cursor'],
  })
  .refine(
    (query) =>
      query.minPrice === undefined || query.maxPrice === undefined || query.minPrice <= query.maxPrice,
    { message: 'must not be above maxPrice', path: ['minPrice'] },
  );
export type ProductListQuery = z.infer<typeof productListQuery>;

/** The editors' listing: the same, plus every status or one of them. */
export const managedProductListQuery = productListQuery.and(
  z.object({ status: productStatusSchema.optional() }),
);
export type ManagedProductListQuery = z.infer<typeof managedProductListQuery>;

export const productImageSchema = z
  .object({
    // An absolute https/http URL or a path on our own origin; never javascript: or data: URLs.
    url: z
      .string()
      .max(2000)
      .regex(/^(https?:\/\/[^\s]+|\/[^\s/][^\s]*)$/, 'must be an http(s) URL or an absolute path'),
    alt: lineOfText(300).default(''),
  })
  .strict();

export const productAttributesSchema = z
  .record(lineOfText(60).min(1), z.union([lineOfText(500), z.number().finite(), z.boolean()]))
  .refine((attributes) => Object.keys(attributes).length <= 50, { message: 'at most 50 attributes' });

const productName = lineOfText(200).min(1);
const productDescription = paragraphsOfText(5000);

export const createProductRequest = z
  .object({
    slug: productSlugSchema,
    name: productName,
    description: productDescription.default(''),
    priceMinor: z.number().int().min(0).max(100_000_000),
    currency: currencySchema.default('EUR'),
    category: slugSchema,
    images: z.array(productImageSchema).max(10).default([]),
    attributes: productAttributesSchema.default({}),
    stock: z.number().int().min(0).max(1_000_000).default(0),
    status: productStatusSchema.default('draft'),
    /** Shown on the home page's Featured shelf. */
    featured: z.boolean().default(false),
  })
  .strict();
export type CreateProductRequest = z.infer<typeof createProductRequest>;

export const updateProductRequest = z
  .object({
    slug: productSlugSchema,
    name: productName,
    description: productDescription,
    priceMinor: z.number().int().min(0).max(100_000_000),
    currency: currencySchema,
    category: slugSchema,
    images: z.array(productImageSchema).max(10),
    attributes: productAttributesSchema,
    stock: z.number().int().min(0).max(1_000_000),
    status: productStatusSchema,
    featured: z.boolean(),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'change at least one field' });
export type UpdateProductRequest = z.infer<typeof updateProductRequest>;

/** Sets the stock to a figure (a count) or moves it by a delta (a delivery, a write-off); exactly one of them. */
export const changeStockRequest = z.union([
  z.object({ stock: z.number().int().min(0).max(1_000_000) }).strict(),
  z
    .object({ delta: z.number().int().min(-1_000_000).max(1_000_000) })
    .strict()
    .refine((body) => body.delta !== 0, { message: 'must not be zero', path: ['delta'] }),
]);
export type ChangeStockRequest = z.infer<typeof changeStockRequest>;

export const productIdParams = z.object({ id: z.uuid() });

/** A product as the API shows it: the summary every consumer knows, plus the editable catalog fields. */
export const productView = productSummary.extend({
  status: productStatusSchema,
  featured: z.boolean(),
  images: z.array(productImageSchema),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type ProductView = z.infer<typeof productView>;

/**
 * A listing answer. Page paging answers page and pageSize (as before), keyset paging answers limit; both answer
 * the total of matches and nextCursor, the cursor of the page after this one (null on the last page).
 */
export const productListResponse = z.object({
  items: z.array(productView),
  total: z.number().int().nonnegative(),
  nextCursor: z.string().nullable(),
  page: z.number().int().positive().optional(),
  pageSize: z.number().int().positive().optional(),
  limit: z.number().int().positive().optional(),
});
export type ProductListResponse = z.infer<typeof productListResponse>;

export const previewTokenResponse = z.object({ token: z.string(), expiresAt: z.iso.datetime() });
export type PreviewTokenResponse = z.infer<typeof previewTokenResponse>;

export const categoryView = z.object({ slug: z.string(), name: z.string() });
export type CategoryView = z.infer<typeof categoryView>;
export const categoryList = z.object({ items: z.array(categoryView) });
export type CategoryList = z.infer<typeof categoryList>;

const categoryName = lineOfText(100).min(1);

export const createCategoryRequest = z.object({ slug: slugSchema, name: categoryName }).strict();
export type CreateCategoryRequest = z.infer<typeof createCategoryRequest>;

export const renameCategoryRequest = z.object({ name: categoryName }).strict();
export type RenameCategoryRequest = z.infer<typeof renameCategoryRequest>;

export const categoryParams = z.object({ slug: slugSchema });

/** The furthest product a sitemap file may start at: the walk serves catalogs of up to 100 million products. */
export const SITEMAP_MAX_OFFSET = 100_000_000;

/**
 * The sitemap's walk over every published product, by slug: `offset` finds where one sitemap file starts, `after`
 * (the last slug of the previous batch) continues from there, so no request holds more than `limit` products.
 */
export const sitemapEntriesQuery = z.object({
  after: slugSchema.optional(),
  offset: z.coerce.number().int().min(0).max(SITEMAP_MAX_OFFSET).optional(),
  limit: z.coerce.number().int().min(1).max(5_000).default(1_000),
});
export type SitemapEntriesQuery = z.infer<typeof sitemapEntriesQuery>;

export const sitemapEntries = z.object({
  /** Published products in all. */
  total: z.number().int().nonnegative(),
  items: z.array(z.object({ slug: slugSchema, updatedAt: z.string() })),
});
export type SitemapEntries = z.infer<typeof sitemapEntries>;
