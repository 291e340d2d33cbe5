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
  images: ProductImage[];
  attributes: Record<string, AttributeValue>;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a keyset page starts: after the row with this sort value and slug. */
export interface KeysetPosition {
  value: string;
  slug: string;
}

export interface ProductFilter {
  statuses: readonly ProductStatus[];
  category?: string | undefined;
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

export const productColumns = `id, slug, name, description, price_minor AS "priceMinor", currency, category, stock,
  status, images, attributes, published_at AS "publishedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

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
  if (filter.minPrice !== undefined) conditions.push(`price_minor >= ${param(filter.minPrice)}`);
  if (filter.maxPrice !== undefined) conditions.push(`price_minor <= ${param(filter.maxPrice)}`);
  if (filter.q !== undefined)
    conditions.push(`search @@ websearch_to_tsquery('english', ${param(filter.q)})`);
  return conditions.join(' AND ');
}

export function createProductsRepository(pool: pg.Pool) {
  return {
    async list(options: ListOptions): Promise<ProductListing> {
      const sort = sorts[options.sort];
      const countParams: unknown[] = [];
      const countWhere = whereClause(options, countParams);
      const params: unknown[] = [];
      let where = whereClause(options, params);
      if (options.after) {
        params.push(options.after.value, options.after.slug);
        where += ` AND ${sort.after(`$${params.length - 1}`, `$${params.length}`)}`;
      }
      params.push(options.limit, options.offset ?? 0);
      const [rows, count] = await Promise.all([
        pool.query<ProductRecord & { sortValue: string }>(
          `SELECT ${productColumns}, ${sort.value} AS "sortValue" FROM products
            WHERE ${where} ORDER BY ${sort.order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
          params,
        ),
        pool.query<{ total: number }>(
          `SELECT count(*)::int AS total FROM products WHERE ${countWhere}`,
          countParams,
        ),
      ]);
      return {
        items: rows.rows.map(({ sortValue: _sortValue, ...record }) => record),
        positions: rows.rows.map((row) => ({ value: row.sortValue, slug: row.slug })),
        total: count.rows[0]?.total ?? 0,
      };
    },

    async findBySlug(slug: string, statuses: readonly ProductStatus[]): Promise<ProductRecord | null> {
      const { rows } = await pool.query<ProductRecord>(
        `SELECT ${productColumns} FROM products WHERE slug = $1 AND status = ANY($2::text[])`,
        [slug, statuses],
      );
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
