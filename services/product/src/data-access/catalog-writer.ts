import type pg from 'pg';
import type { StorefrontEvent } from '@storefront/contracts';
import type { ProductStatus } from '@storefront/contracts';
import { inTransaction } from './connection.js';
import {
  productColumns,
  type AttributeValue,
  type ProductImage,
  type ProductRecord,
} from './products-repository.js';

export interface ProductFields {
  slug: string;
  name: string;
  description: string;
  priceMinor: number;
  currency: string;
  category: string;
  images: ProductImage[];
  attributes: Record<string, AttributeValue>;
  stock: number;
  status: ProductStatus;
  featured: boolean;
}

/** A write the database refused for a reason the editor can fix. */
export class CatalogConstraintError extends Error {
  constructor(
    readonly reason: 'duplicate-slug' | 'unknown-category' | 'negative-stock' | 'duplicate-category',
  ) {
    super(reason);
    this.name = 'CatalogConstraintError';
  }
}

function translate(error: unknown): unknown {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (code === '23505' && constraint === 'products_slug_key')
    return new CatalogConstraintError('duplicate-slug');
  if (code === '23505' && constraint === 'categories_pkey')
    return new CatalogConstraintError('duplicate-category');
  if (code === '23503') return new CatalogConstraintError('unknown-category');
  if (code === '23514' && constraint === 'products_stock_check')
    return new CatalogConstraintError('negative-stock');
  return error;
}

const columnOf: Record<keyof ProductFields, string> = {
  slug: 'slug',
  name: 'name',
  description: 'description',
  priceMinor: 'price_minor',
  currency: 'currency',
  category: 'category',
  images: 'images',
  attributes: 'attributes',
  stock: 'stock',
  status: 'status',
  featured: 'featured',
};

const asParam = (field: keyof ProductFields, value: unknown) =>
  field === 'images' || field === 'attributes' ? JSON.stringify(value) : value;

/** The statements one catalog write may run; all of them inside the caller's transaction. */
function transactionOf(client: pg.PoolClient) {
  return {
    async lockProduct(id: string): Promise<ProductRecord | null> {
      const { rows } = await client.query<ProductRecord>(
        `SELECT ${productColumns} FROM products WHERE id = $1 FOR UPDATE`,
        [id],
      );
      return rows[0] ?? null;
    },

    async insertProduct(fields: ProductFields): Promise<ProductRecord> {
      const { rows } = await client.query<ProductRecord>(
        `INSERT INTO products (slug, name, description, price_minor, currency, category, images, attributes, stock,
                               status, featured, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $10 = 'published' THEN now() END)
         RETURNING ${productColumns}`,
        [
          fields.slug,
          fields.name,
          fields.description,
          fields.priceMinor,
          fields.currency,
          fields.category,
          JSON.stringify(fields.images),
          JSON.stringify(fields.attributes),
          fields.stock,
          fields.status,
          fields.featured,
        ],
      );
      return rows[0]!;
    },

    /** Sets the given fields; a product that becomes published gets its publish time. */
    async updateProduct(id: string, changes: Partial<ProductFields>): Promise<ProductRecord> {
      const params: unknown[] = [id];
      const sets = ['updated_at = now()'];
      for (const [field, value] of Object.entries(changes) as [keyof ProductFields, unknown][]) {
        if (value === undefined) continue;
        params.push(asParam(field, value));
        sets.push(`${columnOf[field]} = $${params.length}`);
      }
      if (changes.status === 'published') {
        sets.push(`published_at = CASE WHEN status = 'published' THEN published_at ELSE now() END`);
      }
      const { rows } = await client.query<ProductRecord>(
        `UPDATE products SET ${sets.join(', ')} WHERE id = $1 RETURNING ${productColumns}`,
        params,
      );
      return rows[0]!;
    },

    async adjustStock(id: string, delta: number): Promise<ProductRecord> {
      const { rows } = await client.query<ProductRecord>(
        `UPDATE products SET stock = stock + $2, updated_at = now() WHERE id = $1 RETURNING ${productColumns}`,
        [id, delta],
      );
      return rows[0]!;
    },

    async deleteProduct(id: string): Promise<void> {
      await client.query('DELETE FROM products WHERE id = $1', [id]);
    },

    async insertCategory(slug: string, name: string): Promise<{ slug: string; name: string }> {
      const { rows } = await client.query<{ slug: string; name: string }>(
        'INSERT INTO categories (slug, name) VALUES ($1, $2) RETURNING slug, name',
        [slug, name],
      );
      return rows[0]!;
    },

    async renameCategory(slug: string, name: string): Promise<{ slug: string; name: string } | null> {
      const { rows } = await client.query<{ slug: string; name: string }>(
        'UPDATE categories SET name = $2 WHERE slug = $1 RETURNING slug, name',
        [slug, name],
      );
      return rows[0] ?? null;
    },

    /** Outbox rows commit (or roll back) with the change they describe; the relay publishes them. */
    async appendEvents(events: StorefrontEvent[]): Promise<void> {
      for (const event of events) {
        await client.query('INSERT INTO outbox (id, event) VALUES ($1, $2)', [
          event.id,
          JSON.stringify(event),
        ]);
      }
    },
  };
}

export type CatalogTransaction = ReturnType<typeof transactionOf>;

export function createCatalogWriter(pool: pg.Pool) {
  return {
    /** Runs `work` in one transaction; constraint violations the editor can fix come out as CatalogConstraintError. */
    async transaction<T>(work: (tx: CatalogTransaction) => Promise<T>): Promise<T> {
      try {
        return await inTransaction(pool, (client) => work(transactionOf(client)));
      } catch (error) {
        throw translate(error);
      }
    },
  };
}

export type CatalogWriter = ReturnType<typeof createCatalogWriter>;
