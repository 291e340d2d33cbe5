import type pg from 'pg';
import { seedCategories, seedProducts } from './seed-catalog.js';

/** Inserts the demo categories and products that are not there yet; safe to run any number of times. */
export async function seedCatalog(pool: pg.Pool): Promise<{ inserted: number }> {
  const products = seedProducts();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO categories (slug, name) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (slug) DO NOTHING`,
      [seedCategories.map((c) => c.slug), seedCategories.map((c) => c.name)],
    );
    const { rowCount } = await client.query(
      `INSERT INTO products (slug, name, description, price_minor, category, stock, status, featured, published_at)
       SELECT p.*, CASE WHEN p.status = 'published' THEN now() END
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::text[], $8::bool[])
           AS p (slug, name, description, price_minor, category, stock, status, featured)
       ON CONFLICT (slug) DO NOTHING`,
      [
        products.map((p) => p.slug),
        products.map((p) => p.name),
        products.map((p) => p.description),
        products.map((p) => p.priceMinor),
        products.map((p) => p.category),
        products.map((p) => p.stock),
        products.map((p) => p.status),
        products.map((p) => p.featured),
      ],
    );
    await client.query('COMMIT');
    return { inserted: rowCount ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** On start, an empty catalog gets the demo products; a catalog editors have touched is left alone. */
export async function seedCatalogIfEmpty(pool: pg.Pool): Promise<{ inserted: number }> {
  const { rows } = await pool.query<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM products) AS empty',
  );
  return rows[0]?.empty ? seedCatalog(pool) : { inserted: 0 };
}
