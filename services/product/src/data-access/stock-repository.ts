import type pg from 'pg';
import type { ReserveStockRequest, StockReservation } from '@storefront/contracts';
import { inTransaction } from './connection.js';

export type ReserveOutcome =
  | { kind: 'reserved'; reservation: StockReservation; slugs: string[] }
  | { kind: 'existing'; reservation: StockReservation }
  | { kind: 'short'; productId: string; name: string | null; available: number };

interface ReservationRow {
  order_id: string;
  status: StockReservation['status'];
  lines: StockReservation['lines'];
}

const toReservation = (row: ReservationRow): StockReservation => ({
  orderId: row.order_id,
  status: row.status,
  lines: row.lines,
});

class ShortOfStock extends Error {
  constructor(readonly outcome: Extract<ReserveOutcome, { kind: 'short' }>) {
    super('short of stock');
  }
}

export function createStockRepository(pool: pg.Pool) {
  return {
    /**
     * Takes every line's quantity from stock in one transaction, or nothing. Each decrement is conditional
     * (`stock >= quantity`), so under any concurrency stock never goes below zero; lines are taken in id order so
     * two reservations of the same products cannot deadlock.
     */
    async reserve(request: ReserveStockRequest): Promise<ReserveOutcome> {
      try {
        return await inTransaction(pool, async (client) => {
          const inserted = await client.query<ReservationRow>(
            `INSERT INTO stock_reservations (order_id, lines) VALUES ($1, $2)
             ON CONFLICT (order_id) DO NOTHING RETURNING order_id, status, lines`,
            [request.orderId, JSON.stringify(request.lines)],
          );
          if (inserted.rowCount === 0) {
            const { rows } = await client.query<ReservationRow>(
              'SELECT order_id, status, lines FROM stock_reservations WHERE order_id = $1',
              [request.orderId],
            );
            return { kind: 'existing', reservation: toReservation(rows[0]!) } as const;
          }
          const slugs: string[] = [];
          const lines = [...request.lines].sort((a, b) => a.productId.localeCompare(b.productId));
          for (const line of lines) {
            const taken = await client.query<{ slug: string }>(
              `UPDATE products SET stock = stock - $2, updated_at = now()
                WHERE id = $1 AND status = 'published' AND stock >= $2 RETURNING slug`,
              [line.productId, line.quantity],
            );
            if (taken.rowCount === 0) {
              const { rows } = await client.query<{ name: string; stock: number }>(
                `SELECT name, stock FROM products WHERE id = $1 AND status = 'published'`,
                [line.productId],
              );
              throw new ShortOfStock({
                kind: 'short',
                productId: line.productId,
                name: rows[0]?.name ?? null,
                available: rows[0]?.stock ?? 0,
              });
            }
            slugs.push(taken.rows[0]!.slug);
          }
          return { kind: 'reserved', reservation: toReservation(inserted.rows[0]!), slugs } as const;
        });
      } catch (error) {
        if (error instanceof ShortOfStock) return error.outcome;
        throw error;
      }
    },

    /** Puts a reservation's stock back, once; returns the slugs whose stock changed (none when already released). */
    async release(orderId: string): Promise<string[]> {
      return inTransaction(pool, async (client) => {
        const released = await client.query<ReservationRow>(
          `UPDATE stock_reservations SET status = 'released', released_at = now()
            WHERE order_id = $1 AND status = 'reserved' RETURNING order_id, status, lines`,
          [orderId],
        );
        const row = released.rows[0];
        if (!row) return [];
        const slugs: string[] = [];
        for (const line of [...row.lines].sort((a, b) => a.productId.localeCompare(b.productId))) {
          const { rows } = await client.query<{ slug: string }>(
            'UPDATE products SET stock = stock + $2, updated_at = now() WHERE id = $1 RETURNING slug',
            [line.productId, line.quantity],
          );
          if (rows[0]) slugs.push(rows[0].slug);
        }
        return slugs;
      });
    },
  };
}

export type StockRepository = ReturnType<typeof createStockRepository>;
