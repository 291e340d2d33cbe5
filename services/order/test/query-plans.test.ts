import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlDatabase, mysqlPlanAccess } from '@storefront/testkit';
import { createMysqlPool } from '../src/data-access/connection.js';
import { migrate } from '../src/data-access/migrate.js';
import { createOutboxStore, outboxQueries } from '../src/data-access/outbox-store.js';
import { orderListQueries } from '../src/data-access/orders-repository.js';

/** Enough rows that MariaDB prefers an index wherever one fits; the plan, not a timing, is what is checked. */
const ORDERS = 20_000;
const SENT_ROWS = 20_000;

describe('the hot order queries at scale read through indexes', () => {
  let database: Awaited<ReturnType<typeof createMysqlDatabase>>;
  let pool: Pool;

  async function plan(sql: string, values: unknown[]) {
    const [rows] = await pool.query<RowDataPacket[]>(`EXPLAIN FORMAT=JSON ${sql}`, values);
    return JSON.parse(String(rows[0]?.EXPLAIN)) as unknown;
  }

  beforeAll(async () => {
    database = await createMysqlDatabase();
    await migrate(database.url);
    pool = createMysqlPool(database.url);
    // seq_1_to_N is MariaDB's built-in sequence table.
    await pool.query(
      `INSERT INTO orders (id, user_id, status, total_minor, currency, idempotency_key, request_hash, created_at)
       SELECT UUID(), CONCAT('user-', seq % 500), 'placed', 1000, 'EUR', CONCAT('key-', seq), REPEAT('0', 64),
              UTC_TIMESTAMP(3) - INTERVAL seq MINUTE
         FROM seq_1_to_${ORDERS}`,
    );
    await pool.query(
      `INSERT INTO outbox (id, type, event, created_at, sent_at)
       SELECT UUID(), 'order.placed', '{}', UTC_TIMESTAMP(3) - INTERVAL seq SECOND,
              IF(seq > 5, UTC_TIMESTAMP(3) - INTERVAL seq SECOND, NULL)
         FROM seq_1_to_${SENT_ROWS}`,
    );
    await pool.query('ANALYZE TABLE orders, outbox');
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it("when a customer's orders or the admin's list are read newest first, an index gives the order (no filesort)", async () => {
    const forUser = mysqlPlanAccess(await plan(orderListQueries.forUser, ['user-42', 100]));
    const all = mysqlPlanAccess(await plan(orderListQueries.all, [100]));

    expect(forUser.keys).toContain('orders_user_created');
    expect(forUser.filesort).toBe(false);
    expect(all.keys).toContain('orders_created');
    expect(all.accessTypes).not.toContain('ALL');
    expect(all.filesort).toBe(false);
  });

  it('when the relay claims or prunes with many sent rows, both read the outbox_pending key, never the table', async () => {
    const claim = mysqlPlanAccess(await plan(outboxQueries.claim, [100]));
    const prune = mysqlPlanAccess(await plan(outboxQueries.prune, [new Date(), 500]));

    expect(claim.keys).toContain('outbox_pending');
    expect(claim.accessTypes).not.toContain('ALL');
    expect(prune.keys).toContain('outbox_pending');
    expect(prune.accessTypes).not.toContain('ALL');
  });

  it('when sent rows are pruned, only those sent before the cut-off go, at most a batch at a time', async () => {
    const store = createOutboxStore(pool);
    const [cut] = await pool.query<RowDataPacket[]>(
      'SELECT sent_at FROM outbox WHERE sent_at IS NOT NULL ORDER BY sent_at LIMIT 1 OFFSET 100',
    );

    const first = await store.pruneSent(cut[0]?.sent_at as Date, 40);
    const second = await store.pruneSent(cut[0]?.sent_at as Date, 500);
    const third = await store.pruneSent(cut[0]?.sent_at as Date, 500);
    const [counts] = await pool.query<RowDataPacket[]>(
      'SELECT CAST(SUM(sent_at IS NULL) AS INT) AS unsent, COUNT(*) AS total FROM outbox',
    );

    expect([first, second, third]).toEqual([40, 60, 0]);
    expect({ unsent: Number(counts[0]?.unsent), total: Number(counts[0]?.total) }).toEqual({
      unsent: 5,
      total: SENT_ROWS - 100,
    });
  });
});
