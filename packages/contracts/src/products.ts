import { z } from 'zod';
import { CURRENCIES } from './cart-mirror.js';
import { DEFAULT_PAGE_SIZE } from './page-size.js';

export { DEFAULT_PAGE_SIZE };

export const currencySchema = z.enum(CURRENCIES);
export type Currency = z.infer<typeof currencySchema>;

export const productSummary = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  priceMinor: z.number().int().nonnegative(),
  currency: currencySchema,
  category: z.string(),
  imageUrl: z.string(),
  stock: z.number().int().nonnegative(),
});
export type ProductSummary = z.infer<typeof productSummary>;

export const productPage = z.object({
  items: z.array(productSummary),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  total: z.number().int().nonnegative(),
});
export type ProductPage = z.infer<typeof productPage>;

export const slugSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');

export const listProductsQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(DEFAULT_PAGE_SIZE),
  category: slugSchema.optional(),
});
export type ListProductsQuery = z.infer<typeof listProductsQuery>;

export const lookupProductsRequest = z.object({
  ids: z.array(z.uuid()).min(1).max(100),
});
export type LookupProductsRequest = z.infer<typeof lookupProductsRequest>;

export const lookupProductsResponse = z.object({ items: z.array(productSummary) });
export type LookupProductsResponse = z.infer<typeof lookupProductsResponse>;

/** The order service holding stock for one order: all lines or none. */
export const reserveStockRequest = z.object({
  orderId: z.uuid(),
  lines: z
    .array(z.object({ productId: z.uuid(), quantity: z.number().int().min(1).max(10_000) }))
    .min(1)
    .max(100)
    .refine((lines) => new Set(lines.map((line) => line.productId)).size === lines.length, {
      message: 'each product may appear in one line only',
    }),
});
export type ReserveStockRequest = z.infer<typeof reserveStockRequest>;

export const stockReservation = z.object({
  orderId: z.uuid(),
  status: z.enum(['reserved', 'released']),
  lines: reserveStockRequest.shape.lines,
});
export type StockReservation = z.infer<typeof stockReservation>;
