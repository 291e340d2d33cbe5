import { lineOfText, type ProductSummary } from '@storefront/contracts';
import type { CatalogState } from '@storefront/store';
import { z } from 'zod';
import { apiGet } from '../product-api.js';
import { categoryList, type Category, type ListingItem } from '../product-schemas.js';
import type { CatalogView } from '../render-contract.js';

/** What a page asks the product service with: the address, the visitor's headers, and the page's own query. */
export interface PageCall {
  api: (path: string) => URL;
  headers: Record<string, string>;
  query: URLSearchParams;
  csrfToken: string;
}

/** What a page shows, and the products the shared store's catalog slice holds for it (none unless given). */
export interface PageData {
  view: CatalogView;
  catalog?: CatalogState;
}

export const pageSchema = z.coerce.number().int().min(1).max(10_000);
export const pageSizeSchema = z.coerce.number().int().min(1).max(100);
export const searchSchema = lineOfText(200).min(1);

/** A query parameter when it is valid; a page ignores what it cannot read rather than refusing the visitor. */
export function pick<T>(schema: z.ZodType<T>, value: string | null): T | undefined {
  if (value === null) return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export async function categoriesOf(call: PageCall): Promise<Category[]> {
  try {
    const answer = await apiGet(call.api('/products/categories'), categoryList, call.headers);
    return answer.ok ? answer.data.items : [];
  } catch {
    // The filters can do without the category names; the products themselves cannot.
    return [];
  }
}

/** The listing items as the shared store's catalog slice has them (the contract's summary fields only). */
export function summaries(items: ListingItem[]): ProductSummary[] {
  return items.map(({ id, slug, name, description, priceMinor, currency, category, imageUrl, stock }) => ({
    id,
    slug,
    name,
    description,
    priceMinor,
    currency,
    category,
    imageUrl,
    stock,
  }));
}
