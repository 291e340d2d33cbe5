import type pg from 'pg';
import type { Currency } from '@storefront/contracts';
import type { ProductSort, ProductStatus } from '@storefront/contracts';

export interface ProductImage {
  url: string;
  alt: string;
}

export type AttributeValue = string | number | boolean;

export interface ProductRecord {
  id: string;
  slug: string;
  name: string;
  description: string;
  priceMinor: number;
  currency: Currency;
  category: string;
  stock: number;
  status: ProductStatus;
  featured: boolean;
  images: ProductImage[];
  attributes: Record<string, AttributeValue>;
  /** Timestamps as the API writes them: ISO 8601 in UTC, to the millisecond (see isoTimestamp). */
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Where a keyset page starts: after the row with this sort value and slug. */
export interface KeysetPosition {
  value: string;
  slug: string;
}

export interface ProductFilter {
  statuses: readonly ProductStatus[];
  category?: string | undefined;
  featured?: boolean | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  q?: string | undefined;
}

export interface ListOptions extends ProductFilter {
  sort: ProductSort;
  limit: number;
  /** Offset paging (page/pageSize)… */
  offset?: number;
  /** …or keyset paging, after this position. */
  after?: KeysetPosition;
}

export interface ProductListing {
  items: ProductRecord[];
  total: number;
  /** The sort value of each item, in order: what a cursor after that item holds. */
  positions: KeysetPosition[];
}

/**
 * A timestamp column as ISO 8601 text, written by PostgreSQL: parsing it into a Date and printing it again took a
 * tenth of a listing page's time in Node.
 */
const isoTimestamp = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const productColumns = `id, slug, name, description, price_minor AS "priceMinor", currency, category, stock,
  status, featured, images, attributes, ${isoTimestamp('published_at')} AS "publishedAt",
  ${isoTimestamp('created_at')} AS "createdAt", ${isoTimestamp('updated_at')} AS "updatedAt"`;

/**
 * Every sort is a fixed piece of SQL chosen by name (never text from the request), with the slug as the unique
 * tie-breaker. `value` is the sort key as text, which is what a cursor carries; `after` is the keyset condition.
 */
const sorts: Record<ProductSort, { order: string; value: string; after: (v: string, s: string) => string }> =
  {
    name: {
      order: 'name ASC, slug ASC',
      value: 'name',
      after: (v, s) => `(name, slug) > (${v}, ${s})`,
    },
    price: {
      order: 'price_minor ASC, slug ASC',
      value: 'price_minor::text',
      after: (v, s) => `(price_minor, slug) > (${v}::integer, ${s})`,
    },
    '-price': {
      order: 'price_minor DESC, slug ASC',
      value: 'price_minor::text',
      after: (v, s) => `(price_minor < ${v}::integer OR (price_minor = ${v}::integer AND slug > ${s}))`,
    },
    newest: {
      order: 'created_at DESC, slug ASC',
      // ISO 8601 in UTC with microseconds: a cursor must compare equal to the stored value, whatever the session.
      value: `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      after: (v, s) => `(created_at < ${v}::timestamptz OR (created_at = ${v}::timestamptz AND slug > ${s}))`,
    },
  };

function whereClause(filter: ProductFilter, params: unknown[]): string {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [`status = ANY(${param(filter.statuses)}::text[])`];
  if (filter.category !== undefined) conditions.push(`category = ${param(filter.category)}`);
  // A literal, not a parameter: the planner can then use the partial index of featured products.
  if (filter.featured !== undefined) conditions.push(filter.featured ? 'featured' : 'NOT featured');
  if (filter.minPrice !== undefined) conditions.push(`price_minor >= ${param(filter.minPrice)}`);
  if (filter.maxPrice !== undefined) conditions.push(`price_minor <= ${param(filter.maxPrice)}`);
  if (filter.q !== undefined)
    conditions.push(`search @@ websearch_to_tsquery('english', ${param(filter.q)})`);
  return conditions.join(' AND ');
}

/** The SQL of one listing page, exported so tests EXPLAIN exactly what runs. */
export function listingQuery(options: ListOptions): { text: string; values: unknown[] } {
  const sort = sorts[options.sort];
  const values: unknown[] = [];
  let where = whereClause(options, values);
  if (options.after) {
    values.push(options.after.value, options.after.slug);
    where += ` AND ${sort.after(`$${values.length - 1}`, `$${values.length}`)}`;
  }
  values.push(options.limit, options.offset ?? 0);
  const page = `ORDER BY ${sort.order} LIMIT $${values.length - 1} OFFSET $${values.length}`;
  const columns = `${productColumns}, ${sort.value} AS "sortValue"`;
  // A search finds its page's slugs first, so that in name order the index holding each row's search vector can
  // answer alone (products_published_by_name_with_search); only the page's rows are read from the table.
  const text =
    options.q === undefined
      ? `SELECT ${columns} FROM products WHERE ${where} ${page}`
      : `SELECT ${columns} FROM products
          WHERE slug IN (SELECT slug FROM products WHERE ${where} ${page}) ORDER BY ${sort.order}`;
  return { text, values };
}

export const findBySlugQuery = `SELECT ${productColumns} FROM products WHERE slug = $1 AND status = ANY($2::text[])`;

export const sitemapQuery = `SELECT slug, ${isoTimestamp('updated_at')} AS "updatedAt" FROM products
  WHERE status = 'published' AND ($1::text IS NULL OR slug > $1) ORDER BY slug OFFSET $2 LIMIT $3`;

/** Below this many matches a total is counted on every page; above it, a count is reused for a while. */
const EXACT_COUNT_BELOW = 1_000;
const COUNT_REUSE_MS = 30_000;
const COUNTS_KEPT = 1_000;

/**
 * Totals of large listings, by filter. Counting 100,000 matches on every page would cost more than the page itself;
 * a total some seconds old is fine for page numbers, while small catalogs (and editors' fresh changes there) stay
 * exact.
 */
function createCountMemo(count: (filter: ProductFilter) => Promise<number>) {
  const memo = new Map<string, { total: number; at: number }>();
  return async (filter: ProductFilter): Promise<number> => {
    const key = JSON.stringify([
      filter.statuses,
      filter.category,
      filter.featured,
      filter.minPrice,
      filter.maxPrice,
      filter.q,
    ]);
    const known = memo.get(key);
    if (known && Date.now() - known.at < COUNT_REUSE_MS) return known.total;
    const total = await count(filter);
    memo.delete(key);
    if (total >= EXACT_COUNT_BELOW) {
      memo.set(key, { total, at: Date.now() });
      // Oldest first in a Map: past the cap, the oldest entry goes.
      if (memo.size > COUNTS_KEPT) memo.delete(memo.keys().next().value as string);
    }
    return total;
  };
}

export function createProductsRepository(pool: pg.Pool) {
  const countMatches = createCountMemo(async (filter) => {
    const params: unknown[] = [];
    const where = whereClause(filter, params);
    const { rows } = await pool.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM products WHERE ${where}`,
      params,
    );
    return rows[0]?.total ?? 0;
  });

  return {
    async list(options: ListOptions): Promise<ProductListing> {
      const query = listingQuery(options);
      const [rows, total] = await Promise.all([
        pool.query<ProductRecord & { sortValue: string }>(query.text, query.values),
        countMatches(options),
      ]);
      return {
        items: rows.rows.map(({ sortValue: _sortValue, ...record }) => record),
        positions: rows.rows.map((row) => ({ value: row.sortValue, slug: row.slug })),
        total,
      };
    },

    /** Published slugs in slug order, from a position: the sitemap's walk. */
    async sitemapEntries(options: {
      after?: string | undefined;
      offset?: number | undefined;
      limit: number;
    }): Promise<{ slug: string; updatedAt: string }[]> {
      const { rows } = await pool.query<{ slug: string; updatedAt: string }>(sitemapQuery, [
        options.after ?? null,
        options.offset ?? 0,
        options.limit,
      ]);
      return rows;
    },

    /** How many products are published (a count reused for a while on a large catalog). */
    countPublished: () => countMatches({ statuses: ['published'] }),

    async findBySlug(slug: string, statuses: readonly ProductStatus[]): Promise<ProductRecord | null> {
      const { rows } = await pool.query<ProductRecord>(findBySlugQuery, [slug, statuses]);
      return rows[0] ?? null;
    },

    async findById(id: string): Promise<ProductRecord | null> {
      const { rows } = await pool.query<ProductRecord>(
        `SELECT ${productColumns} FROM products WHERE id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },

    async findPublishedByIds(ids: string[]): Promise<ProductRecord[]> {
      const { rows } = await pool.query<ProductRecord>(
        `SELECT ${productColumns} FROM products WHERE id = ANY($1::uuid[]) AND status = 'published' ORDER BY slug`,
        [ids],
      );
      return rows;
    },

    async listCategories(): Promise<{ slug: string; name: string }[]> {
      const { rows } = await pool.query<{ slug: string; name: string }>(
        'SELECT slug, name FROM categories ORDER BY name, slug',
      );
      return rows;
    },
  };
}

export type ProductsRepository = ReturnType<typeof createProductsRepository>;
