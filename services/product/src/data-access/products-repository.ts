import type pg from 'pg';
import type { Currency } from '@storefront/contracts';

export interface ProductRecord {
  id: string;
  slug: string;
  name: string;
  description: string;
  priceMinor: number;
  currency: Currency;
  category: string;
  stock: number;
}

export interface ProductListing {
  items: ProductRecord[];
  total: number;
}

const columns = `id, slug, name, description, price_minor AS "priceMinor", currency, category, stock`;

export function createProductsRepository(pool: pg.Pool) {
  return {
    async listPublished(options: {
      offset: number;
      limit: number;
      category?: string;
    }): Promise<ProductListing> {
      const category = options.category ?? null;
      // Name then slug (unique) gives every visitor the same order, so pages never overlap or skip.
      const [rows, count] = await Promise.all([
        pool.query<ProductRecord>(
          `SELECT ${columns} FROM products
            WHERE status = 'published' AND ($1::text IS NULL OR category = $1)
            ORDER BY name, slug LIMIT $2 OFFSET $3`,
          [category, options.limit, options.offset],
        ),
        pool.query<{ total: number }>(
          `SELECT count(*)::int AS total FROM products
            WHERE status = 'published' AND ($1::text IS NULL OR category = $1)`,
          [category],
        ),
      ]);
      return { items: rows.rows, total: count.rows[0]?.total ?? 0 };
    },

    async findPublishedBySlug(slug: string): Promise<ProductRecord | null> {
      const { rows } = await pool.query<ProductRecord>(
        `SELECT ${columns} FROM products WHERE slug = $1 AND status = 'published'`,
        [slug],
      );
      return rows[0] ?? null;
    },

    async findPublishedByIds(ids: string[]): Promise<ProductRecord[]> {
      const { rows } = await pool.query<ProductRecord>(
        `SELECT ${columns} FROM products WHERE id = ANY($1::uuid[]) AND status = 'published' ORDER BY slug`,
        [ids],
      );
      return rows;
    },
  };
}

export type ProductsRepository = ReturnType<typeof createProductsRepository>;
