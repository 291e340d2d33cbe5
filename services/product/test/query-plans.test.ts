import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@storefront/service-kit';
import { createPostgresDatabase, postgresPlanNodes, valuesOfKey } from '@storefront/testkit';
import { productSortSchema } from '@storefront/contracts';
import { createPostgresPool } from '../src/data-access/connection.js';
import { migrate } from '../src/data-access/migrate.js';
import { createOutboxStore, outboxQueries } from '../src/data-access/outbox-store.js';
import { findBySlugQuery, listingQuery } from '../src/data-access/products-repository.js';

/** Enough rows that PostgreSQL prefers an index wherever one fits; the plan, not a timing, is what is checked. */
const PRODUCTS = 30_000;
const SENT_ROWS = 50_000;

describe('the hot queries at scale read through indexes', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let pool: pg.Pool;

  async function plan(text: string, values: unknown[]) {
    const { rows } = await pool.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${text}`, values);
    return rows[0]?.['QUERY PLAN'];
  }

  beforeAll(async () => {
    database = await createPostgresDatabase();
    pool = createPostgresPool(database.url, createLogger('plans-test', 'silent'));
    await migrate(pool);
    await pool.query(
      `INSERT INTO categories (slug, name) SELECT 'category-' || i, 'Category ' || i FROM generate_series(1, 20) i`,
    );
    await pool.query(
      `INSERT INTO products (slug, name, description, price_minor, category, stock, status, created_at)
       SELECT 'product-' || i, 'Product ' || md5(i::text), 'A product', (i * 7919) % 100000,
              'category-' || (i % 20 + 1), 5, CASE WHEN i % 10 = 0 THEN 'draft' ELSE 'published' END,
              now() - i * interval '1 minute'
         FROM generate_series(1, $1) i`,
      [PRODUCTS],
    );
    await pool.query(
      `INSERT INTO outbox (id, event, created_at, sent_at)
       SELECT gen_random_uuid(), '{}'::jsonb, now() - i * interval '1 second',
              CASE WHEN i > 5 THEN now() - i * interval '1 second' END
         FROM generate_series(1, $1) i`,
      [SENT_ROWS],
    );
    // As autovacuum leaves a settled table: its pages marked all-visible, which index-only scans rely on.
    await pool.query('VACUUM ANALYZE products');
    await pool.query('ANALYZE outbox');
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('when a listing page is read in any public order, with or without a category, no table scan or sort runs', async () => {
    for (const sort of productSortSchema.options) {
      for (const category of [undefined, 'category-7']) {
        const query = listingQuery({ statuses: ['published'], category, sort, limit: 25, offset: 0 });

        const nodes = postgresPlanNodes(await plan(query.text, query.values));

        expect(nodes, `${sort} ${category ?? 'all'}`).not.toContain('Seq Scan');
        expect(nodes, `${sort} ${category ?? 'all'}`).not.toContain('Sort');
      }
    }
  });

  it('when the next page starts after a keyset position, it reads the index from there', async () => {
    const query = listingQuery({
      statuses: ['published'],
      category: 'category-3',
      sort: 'price',
      limit: 25,
      after: { value: '50000', slug: 'product-100' },
    });

    const nodes = postgresPlanNodes(await plan(query.text, query.values));

    expect(nodes).toEqual(expect.arrayContaining(['Limit']));
    expect(nodes.some((node) => node.startsWith('Index'))).toBe(true);
    expect(nodes).not.toContain('Seq Scan');
  });

  it('when the featured products are listed, their own partial index finds them without a sort', async () => {
    await pool.query(
      "UPDATE products SET featured = true WHERE slug IN ('product-11', 'product-22', 'product-33')",
    );
    await pool.query('ANALYZE products');
    const query = listingQuery({
      statuses: ['published'],
      featured: true,
      sort: 'name',
      limit: 25,
      offset: 0,
    });

    const found = await plan(query.text, query.values);

    expect(valuesOfKey(found, 'Index Name')).toContain('products_published_featured');
    expect(postgresPlanNodes(found)).not.toContain('Seq Scan');
  });

  it('when a product is read by slug or products are searched, an index finds them', async () => {
    const bySlug = postgresPlanNodes(await plan(findBySlugQuery, ['product-42', ['published']]));
    const search = listingQuery({ statuses: ['published'], q: 'mug', sort: 'name', limit: 25 });
    const searchPlan = await plan(search.text, search.values);

    expect(bySlug.some((node) => node.startsWith('Index'))).toBe(true);
    expect(bySlug).not.toContain('Seq Scan');
    expect(valuesOfKey(searchPlan, 'Index Name')).toContain('products_search');
  });

  it('when a word most products hold is searched in name order, the index alone finds the page, not the table', async () => {
    const search = listingQuery({
      statuses: ['published'],
      q: 'product',
      sort: 'name',
      limit: 25,
      offset: 0,
    });

    const searchPlan = await plan(search.text, search.values);

    const nodes = postgresPlanNodes(searchPlan);
    expect(nodes).toContain('Index Only Scan');
    expect(valuesOfKey(searchPlan, 'Index Name')).toContain('products_published_by_name_with_search');
    expect(nodes).not.toContain('Bitmap Heap Scan');
    expect(nodes).not.toContain('Seq Scan');
  });

  it('when the relay claims with many sent rows behind the unsent ones, it reads only the unsent rows index', async () => {
    const claim = await plan(outboxQueries.claim, [100, '30 seconds']);
    const prune = await plan(outboxQueries.prune, [new Date(), 500]);

    expect(valuesOfKey(claim, 'Index Name')).toContain('outbox_pending');
    expect(postgresPlanNodes(claim)).not.toContain('Seq Scan');
    expect(valuesOfKey(prune, 'Index Name')).toContain('outbox_sent');
  });

  it('when sent rows are pruned, only those sent before the cut-off go, at most a batch at a time', async () => {
    const store = createOutboxStore(pool);
    // The 101st oldest sending time: exactly 100 rows were sent before it.
    const { rows: cut } = await pool.query<{ sent_at: Date }>(
      'SELECT sent_at FROM outbox WHERE sent_at IS NOT NULL ORDER BY sent_at LIMIT 1 OFFSET 100',
    );
    const cutOff = cut[0]?.sent_at ?? new Date(0);

    const first = await store.pruneSent(cutOff, 40);
    const second = await store.pruneSent(cutOff, 500);
    const third = await store.pruneSent(cutOff, 500);
    const { rows } = await pool.query<{ unsent: number; total: number }>(
      'SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent, count(*)::int AS total FROM outbox',
    );

    expect([first, second, third]).toEqual([40, 60, 0]);
    expect(rows[0]).toEqual({ unsent: 5, total: SENT_ROWS - 100 });
  });
});
