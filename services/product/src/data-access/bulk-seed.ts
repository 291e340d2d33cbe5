import type pg from 'pg';
import { scaleProductAt, seedCategories } from './seed-catalog.js';

/**
 * Inserts scale-seed products `from` (inclusive) to `to` (exclusive) in one multi-row statement; rows already
 * there (same id or slug) are left alone, so a re-run inserts only what is missing. Answers how many were new.
 */
export async function bulkInsertProducts(pool: pg.Pool, from: number, to: number): Promise<number> {
  await pool.query(
    `INSERT INTO categories (slug, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (slug) DO NOTHING`,
    [seedCategories.map((c) => c.slug), seedCategories.map((c) => c.name)],
  );
  const products = Array.from({ length: to - from }, (_, k) => scaleProductAt(from + k));
  const column = <T>(pick: (p: (typeof products)[number]) => T) => products.map(pick);
  const { rowCount } = await pool.query(
    `INSERT INTO products (id, slug, name, description, price_minor, category, stock, status, featured,
                           published_at, created_at, updated_at)
     SELECT p.id, p.slug, p.name, p.description, p.price_minor, p.category, p.stock, p.status, p.featured,
            CASE WHEN p.status = 'published' THEN p.created_at END, p.created_at, p.created_at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::text[],
                   $9::timestamptz[], $10::bool[])
         AS p (id, slug, name, description, price_minor, category, stock, status, created_at, featured)
     ON CONFLICT DO NOTHING`,
    [
      column((p) => p.id),
      column((p) => p.slug),
      column((p) => p.name),
      column((p) => p.description),
      column((p) => p.priceMinor),
      column((p) => p.category),
      column((p) => p.stock),
      column((p) => p.status),
      // Spread over the last few years, one product every ten minutes back from a fixed day.
      products.map((_, k) => new Date(SEED_EPOCH - (from + k) * 600_000)),
      column((p) => p.featured),
    ],
  );
  return rowCount ?? 0;
}

/** The seed's "now": fixed, so re-runs make identical rows. */
export const SEED_EPOCH = Date.UTC(2026, 0, 1);

/**
 * Settles the tables after a bulk load, as autovacuum would a minute later: fresh statistics (until then PostgreSQL
 * plans a search over 100,000 fresh rows as if the table were empty: a scan instead of the full-text index, 100 ms
 * instead of 3), and pages marked all-visible, without which a search's index-only walk reads the table row by row.
 */
export async function analyzeCatalog(pool: pg.Pool): Promise<void> {
  await pool.query('VACUUM (ANALYZE) categories, products');
}
