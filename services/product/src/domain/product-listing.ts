import { problems } from '@storefront/service-kit';
import {
  DEFAULT_PAGE_SIZE,
  type ProductStatus,
  type ProductListQuery,
  type ProductListResponse,
} from '@storefront/contracts';
import type { ProductsRepository } from '../data-access/products-repository.js';
import { decodeCursor, encodeCursor } from './product-cursor.js';
import { toProductView } from './product-summary.js';

/** Cursor paging when the query names a cursor or a limit; page paging (the storefront's) otherwise. */
export const usesCursor = (query: ProductListQuery) =>
  query.cursor !== undefined || query.limit !== undefined;

/**
 * One page of products with the given statuses, filtered and sorted as the query asks, paged by page number or by
 * cursor. Shared by the public listing and the editors' one.
 */
export async function queryProducts(
  products: ProductsRepository,
  query: ProductListQuery,
  statuses: readonly ProductStatus[],
): Promise<ProductListResponse> {
  const filter = {
    statuses,
    category: query.category,
    featured: query.featured,
    minPrice: query.minPrice,
    maxPrice: query.maxPrice,
    q: query.q,
  };
  try {
    if (usesCursor(query)) {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
      // One more than asked tells whether another page follows.
      const listing = await products.list({
        ...filter,
        sort: query.sort,
        limit: limit + 1,
        ...(after ? { after } : {}),
      });
      const more = listing.items.length > limit;
      const last = listing.positions[Math.min(limit, listing.items.length) - 1];
      return {
        items: listing.items.slice(0, limit).map(toProductView),
        total: listing.total,
        limit,
        nextCursor: more && last ? encodeCursor(query.sort, last) : null,
      };
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const offset = (page - 1) * pageSize;
    const listing = await products.list({ ...filter, sort: query.sort, limit: pageSize, offset });
    const last = listing.positions.at(-1);
    return {
      items: listing.items.map(toProductView),
      page,
      pageSize,
      total: listing.total,
      nextCursor:
        last && offset + listing.items.length < listing.total ? encodeCursor(query.sort, last) : null,
    };
  } catch (error) {
    // A value PostgreSQL cannot read (class 22, data exception) came from the request: the client's mistake.
    if (
      typeof (error as { code?: unknown }).code === 'string' &&
      (error as { code: string }).code.startsWith('22')
    ) {
      throw problems.badRequest('Invalid query: a value could not be read.');
    }
    throw error;
  }
}
