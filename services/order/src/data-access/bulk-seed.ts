import { createHash } from 'node:crypto';
import type { Pool, ResultSetHeader } from 'mysql2/promise';

/** What an order line needs to know of a product: the product service's seed supplies it. */
export interface SeedProductRef {
  id: string;
  name: string;
  priceMinor: number;
}

export interface OrderSeedPlan {
  /** How many customers and products the other seeds made; orders spread over them. */
  customers: number;
  products: number;
  customerId: (n: number) => string;
  product: (n: number) => SeedProductRef;
}

export const scaleOrderId = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;

// Most orders have long been delivered; a few are recent, paid, or were cancelled.
const STATUSES = [
  'delivered',
  'delivered',
  'delivered',
  'delivered',
  'shipped',
  'paid',
  'placed',
  'cancelled',
];
/** The newest seeded order; older ones go back one minute each, so a million orders span about two years. */
const SEED_NEWEST = Date.UTC(2026, 0, 1);
const REQUEST_HASH = createHash('sha256').update('scale-seed').digest('hex');

/**
 * Inserts orders `from` (inclusive) to `to` (exclusive) with their lines, two multi-row statements in one
 * transaction; orders already there are skipped (INSERT IGNORE on the id), so a re-run adds only what is missing.
 * Answers how many orders were new.
 */
export async function bulkInsertOrders(
  pool: Pool,
  from: number,
  to: number,
  plan: OrderSeedPlan,
): Promise<number> {
  const orders: unknown[][] = [];
  const lines: unknown[][] = [];
  for (let n = from; n < to; n++) {
    const id = scaleOrderId(n);
    let total = 0;
    for (let line = 1; line <= 1 + (n % 3); line++) {
      const product = plan.product((n * 31 + line * 7919) % plan.products);
      const quantity = 1 + ((n + line) % 3);
      total += product.priceMinor * quantity;
      lines.push([id, line, product.id, product.name, product.priceMinor, quantity]);
    }
    orders.push([
      id,
      plan.customerId((n * 7) % plan.customers),
      STATUSES[n % STATUSES.length],
      total,
      'EUR',
      `seed-${n}`,
      REQUEST_HASH,
      new Date(SEED_NEWEST - n * 60_000),
    ]);
  }
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const [inserted] = await connection.query<ResultSetHeader>(
      `INSERT IGNORE INTO orders (id, user_id, status, total_minor, currency, idempotency_key, request_hash, created_at)
       VALUES ?`,
      [orders],
    );
    await connection.query(
      'INSERT IGNORE INTO order_lines (order_id, line_no, product_id, name, unit_price_minor, quantity) VALUES ?',
      [lines],
    );
    await connection.commit();
    return inserted.affectedRows;
  } catch (error) {
    await connection.rollback();
    throw error;
  } finally {
    connection.release();
  }
}

/** Refreshes the optimizer's statistics after a bulk load, so plans fit the table's real size at once. */
export async function analyzeOrders(pool: Pool): Promise<void> {
  await pool.query('ANALYZE TABLE orders, order_lines');
}
