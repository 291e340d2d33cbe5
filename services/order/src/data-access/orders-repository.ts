import type { Pool, RowDataPacket } from 'mysql2/promise';
import type {
  Currency,
  DeliveryAddress,
  OrderLineView,
  OrderStatus,
  OrderView,
  StorefrontEvent,
} from '@storefront/contracts';
import { emptyCustomerCart } from './carts-repository.js';
import { inTransaction } from './connection.js';

export interface NewOrder {
  id: string;
  userId: string;
  totalMinor: number;
  currency: Currency;
  idempotencyKey: string;
  requestHash: string;
  createdAt: Date;
  lines: OrderLineView[];
  address: DeliveryAddress;
  /** Made from the customer's cart: its ordered products leave the cart with the same commit. */
  fromCart: boolean;
}

export interface StoredOrder {
  order: OrderView;
  requestHash: string;
}

interface OrderRow extends RowDataPacket {
  id: string;
  user_id: string;
  status: OrderStatus;
  total_minor: number;
  currency: Currency;
  request_hash: string;
  created_at: Date;
  /** MariaDB's JSON is text: it comes back as a string (MySQL's as an object). */
  delivery_address: string | DeliveryAddress | null;
}

interface LineRow extends RowDataPacket {
  order_id: string;
  product_id: string;
  name: string;
  unit_price_minor: number;
  quantity: number;
}

const ER_DUP_ENTRY = 1062;
// Newest first; older orders are out of this page until the order history gets pagination.
const HISTORY_LIMIT = 100;
const orderColumns = 'id, user_id, status, total_minor, currency, request_hash, created_at, delivery_address';

const addressOf = (value: OrderRow['delivery_address']): DeliveryAddress | null =>
  value === null ? null : typeof value === 'string' ? (JSON.parse(value) as DeliveryAddress) : value;

/** The order lists' SQL, newest first; exported so tests EXPLAIN exactly what runs. */
export const orderListQueries = {
  all: `SELECT ${orderColumns} FROM orders ORDER BY created_at DESC, id DESC LIMIT ?`,
  forUser: `SELECT ${orderColumns} FROM orders WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
};

const isDuplicateKey = (error: unknown) => (error as { errno?: number } | null)?.errno === ER_DUP_ENTRY;

export function createOrdersRepository(pool: Pool) {
  async function withLines(rows: OrderRow[]): Promise<StoredOrder[]> {
    if (rows.length === 0) return [];
    const [lines] = await pool.query<LineRow[]>(
      `SELECT order_id, product_id, name, unit_price_minor, quantity FROM order_lines
        WHERE order_id IN (?) ORDER BY order_id, line_no`,
      [rows.map((row) => row.id)],
    );
    return rows.map((row) => ({
      requestHash: row.request_hash,
      order: {
        id: row.id,
        userId: row.user_id,
        status: row.status,
        totalMinor: row.total_minor,
        currency: row.currency,
        createdAt: row.created_at.toISOString(),
        address: addressOf(row.delivery_address),
        lines: lines
          .filter((line) => line.order_id === row.id)
          .map((line) => ({
            productId: line.product_id,
            name: line.name,
            unitPriceMinor: line.unit_price_minor,
            quantity: line.quantity,
          })),
      },
    }));
  }

  return {
    /**
     * Writes the order, its lines and its event in one transaction. The unique (user, key) index is the real
     * guard against a double order: of two concurrent attempts with one key, the second waits for the first and
     * then fails with a duplicate key, which is answered as 'duplicate' with nothing written.
     */
    async insertPlaced(order: NewOrder, event: StorefrontEvent): Promise<'created' | 'duplicate'> {
      try {
        await inTransaction(pool, async (connection) => {
          await connection.execute(
            `INSERT INTO orders (id, user_id, status, total_minor, currency, idempotency_key, request_hash, created_at,
               delivery_address)
             VALUES (?, ?, 'placed', ?, ?, ?, ?, ?, ?)`,
            [
              order.id,
              order.userId,
              order.totalMinor,
              order.currency,
              order.idempotencyKey,
              order.requestHash,
              order.createdAt,
              JSON.stringify(order.address),
            ],
          );
          await connection.query(
            'INSERT INTO order_lines (order_id, line_no, product_id, name, unit_price_minor, quantity) VALUES ?',
            [
              order.lines.map((line, i) => [
                order.id,
                i + 1,
                line.productId,
                line.name,
                line.unitPriceMinor,
                line.quantity,
              ]),
            ],
          );
          await connection.execute('INSERT INTO outbox (id, type, event, created_at) VALUES (?, ?, ?, ?)', [
            event.id,
            event.type,
            JSON.stringify(event),
            new Date(event.occurredAt),
          ]);
          if (order.fromCart) {
            await emptyCustomerCart(
              connection,
              order.userId,
              order.lines.map((line) => line.productId),
            );
          }
        });
        return 'created';
      } catch (error) {
        if (isDuplicateKey(error)) return 'duplicate';
        throw error;
      }
    },

    async findByIdempotencyKey(userId: string, idempotencyKey: string): Promise<StoredOrder | null> {
      const [rows] = await pool.execute<OrderRow[]>(
        `SELECT ${orderColumns} FROM orders WHERE user_id = ? AND idempotency_key = ?`,
        [userId, idempotencyKey],
      );
      const [found] = await withLines(rows);
      return found ?? null;
    },

    async findForUser(userId: string, orderId: string): Promise<OrderView | null> {
      const [rows] = await pool.execute<OrderRow[]>(
        `SELECT ${orderColumns} FROM orders WHERE id = ? AND user_id = ?`,
        [orderId, userId],
      );
      const [found] = await withLines(rows);
      return found?.order ?? null;
    },

    /**
     * Moves an order to `to` if its current status allows it, writing the status event in the same transaction.
     * The row is locked while it is checked, so two concurrent changes cannot both pass from the same status.
     */
    async transition(
      orderId: string,
      to: OrderStatus,
      allowedFrom: readonly OrderStatus[],
      makeEvent: (order: OrderView) => StorefrontEvent,
      ownerId?: string,
    ): Promise<
      { kind: 'changed'; order: OrderView } | { kind: 'not-found' } | { kind: 'refused'; from: OrderStatus }
    > {
      return inTransaction(pool, async (connection) => {
        const [rows] = await connection.execute<OrderRow[]>(
          `SELECT ${orderColumns} FROM orders WHERE id = ? ${ownerId === undefined ? '' : 'AND user_id = ?'} FOR UPDATE`,
          ownerId === undefined ? [orderId] : [orderId, ownerId],
        );
        const row = rows[0];
        if (!row) return { kind: 'not-found' } as const;
        if (!allowedFrom.includes(row.status)) return { kind: 'refused', from: row.status } as const;
        await connection.execute('UPDATE orders SET status = ? WHERE id = ?', [to, orderId]);
        const [stored] = await withLines([{ ...row, status: to }]);
        const event = makeEvent(stored!.order);
        await connection.execute('INSERT INTO outbox (id, type, event, created_at) VALUES (?, ?, ?, ?)', [
          event.id,
          event.type,
          JSON.stringify(event),
          new Date(event.occurredAt),
        ]);
        return { kind: 'changed', order: stored!.order } as const;
      });
    },

    async listAll(): Promise<OrderView[]> {
      const [rows] = await pool.query<OrderRow[]>(orderListQueries.all, [HISTORY_LIMIT]);
      return (await withLines(rows)).map((stored) => stored.order);
    },

    async listForUser(userId: string): Promise<OrderView[]> {
      const [rows] = await pool.query<OrderRow[]>(orderListQueries.forUser, [userId, HISTORY_LIMIT]);
      return (await withLines(rows)).map((stored) => stored.order);
    },
  };
}

export type OrdersRepository = ReturnType<typeof createOrdersRepository>;
