import { MongoClient } from 'mongodb';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongo, type TestMongo } from '@storefront/mongo-devserver';
import { createMysqlDatabase, createPostgresDatabase } from '@storefront/testkit';
// @ts-expect-error scripts/seed.mjs is plain JavaScript without declarations
import { parseSeedArgs, seed } from '../../scripts/seed.mjs';

const counts = { products: 2_500, customers: 2_100, orders: 1_500 };

describe('npm run seed', () => {
  let postgres: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let mariadb: Awaited<ReturnType<typeof createMysqlDatabase>>;
  let mongo: TestMongo;
  let env: Record<string, string>;

  beforeAll(async () => {
    [postgres, mariadb, mongo] = await Promise.all([
      createPostgresDatabase(),
      createMysqlDatabase(),
      startMongo(),
    ]);
    env = { PRODUCT_DATABASE_URL: postgres.url, ORDER_DATABASE_URL: mariadb.url, MONGO_URL: mongo.url };
  });

  afterAll(async () => {
    await Promise.allSettled([postgres?.drop(), mariadb?.drop(), mongo?.stop()]);
  });

  it('when it runs on empty stores, each store holds the asked numbers, orders belong to seeded customers and products', async () => {
    const progress: string[] = [];

    const summary = await seed(counts, { env, onProgress: (store: string) => progress.push(store) });

    expect(summary).toMatchObject({
      products: { asked: 2_500, inserted: 2_500 },
      customers: { asked: 2_100, inserted: 2_100 },
      orders: { asked: 1_500, inserted: 1_500 },
    });
    expect(new Set(progress)).toEqual(new Set(['products', 'customers', 'orders']));
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM products');
    const ids = (await db.query<{ id: string }>('SELECT id FROM products')).rows.map((row) => row.id);
    await db.end();
    const orders = await mysql.createConnection(mariadb.url);
    const [lines] = await orders.query<mysql.RowDataPacket[]>('SELECT DISTINCT product_id FROM order_lines');
    const [owners] = await orders.query<mysql.RowDataPacket[]>('SELECT DISTINCT user_id FROM orders');
    await orders.end();
    const client = await MongoClient.connect(mongo.url);
    const users = await client
      .db()
      .collection('users')
      .find({}, { projection: { _id: 1 } })
      .toArray();
    await client.close();
    expect(rows[0]?.n).toBe(2_500);
    const productIds = new Set(ids);
    expect(lines.every((line) => productIds.has(String(line.product_id)))).toBe(true);
    const userIds = new Set(users.map((user) => String(user._id)));
    expect(users).toHaveLength(2_100);
    expect(owners.every((owner) => userIds.has(String(owner.user_id)))).toBe(true);
  });

  it('when it has run, the catalog is settled as autovacuum would leave it: counted, its pages all visible', async () => {
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();

    const { rows } = await db.query<{ pages: number; visible: number; tuples: number }>(
      `SELECT relpages AS pages, relallvisible AS visible, reltuples AS tuples FROM pg_class WHERE relname = 'products'`,
    );
    await db.end();

    expect(rows[0]!.tuples).toBe(2_500);
    expect(rows[0]!.pages).toBeGreaterThan(0);
    expect(rows[0]!.visible).toBe(rows[0]!.pages);
  });

  it('when it runs again with the same numbers, nothing new is inserted', async () => {
    const summary = await seed(counts, { env });

    expect(summary).toMatchObject({
      products: { inserted: 0 },
      customers: { inserted: 0 },
      orders: { inserted: 0 },
    });
  });

  it('when an argument or a store URL is wrong, the complaint names it', () => {
    expect(() => parseSeedArgs(['--products', 'many'], {})).toThrow('--products must be a whole number');
    expect(() => parseSeedArgs(['--orders', '5'], {})).toThrow('--orders needs --customers and --products');
    expect(() => parseSeedArgs(['--customers', '5'], { MONGO_URL: 'postgres://x' })).toThrow(
      'MONGO_URL must be a mongodb',
    );
  });
});
