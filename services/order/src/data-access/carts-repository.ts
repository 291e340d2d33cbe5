import { randomUUID } from 'node:crypto';
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { MAX_CART_LINES, MAX_LINE_QUANTITY, type CartLine, type Currency } from '@storefront/contracts';
import { inTransaction } from './connection.js';

/** Whose cart: a signed-in customer's (by user id) or a visitor's (by the random id in their cart cookie). */
export type CartOwner = { kind: 'customer'; id: string } | { kind: 'visitor'; id: string };

interface LineRow extends RowDataPacket {
  product_id: string;
  slug: string;
  name: string;
  price_minor: number;
  currency: Currency;
  quantity: number;
}

const lineColumns = 'product_id, slug, name, price_minor, currency, quantity';
const toLine = (row: LineRow): CartLine => ({
  productId: row.product_id,
  slug: row.slug,
  name: row.name,
  priceMinor: Number(row.price_minor),
  currency: row.currency,
  quantity: row.quantity,
});

/** Lines in the order they were added. */
const linesOfCart = `SELECT ${lineColumns} FROM cart_lines WHERE cart_id = ? ORDER BY added_at, product_id`;

async function cartId(
  connection: Pool | PoolConnection,
  owner: CartOwner,
  lock = false,
): Promise<string | undefined> {
  const [rows] = await connection.execute<RowDataPacket[]>(
    `SELECT id FROM carts WHERE owner_kind = ? AND owner_id = ?${lock ? ' FOR UPDATE' : ''}`,
    [owner.kind, owner.id],
  );
  return rows[0]?.id as string | undefined;
}

/**
 * The owner's cart, made if it does not exist yet, and locked for the rest of the transaction: two changes to one
 * cart (a double click, two tabs) take turns, so the line limit holds.
 */
async function lockedCart(connection: PoolConnection, owner: CartOwner, now: Date): Promise<string> {
  await connection.execute(
    `INSERT INTO carts (id, owner_kind, owner_id, updated_at) VALUES (?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE updated_at = VALUES(updated_at)`,
    [randomUUID(), owner.kind, owner.id, now],
  );
  return (await cartId(connection, owner, true))!;
}

export type AddOutcome = 'added' | 'full';

export function createCartsRepository(pool: Pool) {
  return {
    async lines(owner: CartOwner): Promise<CartLine[]> {
      const id = await cartId(pool, owner);
      if (!id) return [];
      const [rows] = await pool.execute<LineRow[]>(linesOfCart, [id]);
      return rows.map(toLine);
    },

    /**
     * Adds `line.quantity` pieces (a line already there grows, up to the line limit, and takes the catalog's
     * current name and price); a new product in a full cart is refused.
     */
    async add(owner: CartOwner, line: CartLine, now = new Date()): Promise<AddOutcome> {
      return inTransaction(pool, async (connection) => {
        const id = await lockedCart(connection, owner, now);
        const [[counts]] = await connection.execute<RowDataPacket[]>(
          'SELECT count(*) AS line_count, sum(product_id = ?) AS present FROM cart_lines WHERE cart_id = ?',
          [line.productId, id],
        );
        if (Number(counts?.present ?? 0) === 0 && Number(counts?.line_count ?? 0) >= MAX_CART_LINES)
          return 'full';
        await connection.execute(
          `INSERT INTO cart_lines (cart_id, product_id, slug, name, price_minor, currency, quantity, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON DUPLICATE KEY UPDATE quantity = LEAST(?, quantity + VALUES(quantity)), slug = VALUES(slug),
             name = VALUES(name), price_minor = VALUES(price_minor), currency = VALUES(currency)`,
          [
            id,
            line.productId,
            line.slug,
            line.name,
            line.priceMinor,
            line.currency,
            line.quantity,
            now,
            MAX_LINE_QUANTITY,
          ],
        );
        return 'added';
      });
    },

    /** Sets a line's quantity; false when the product is not in the cart. */
    async setQuantity(owner: CartOwner, productId: string, quantity: number): Promise<boolean> {
      const id = await cartId(pool, owner);
      if (!id) return false;
      // mysql2 asks for found rows: a line set to the quantity it already has still counts.
      const [result] = await pool.execute<ResultSetHeader>(
        'UPDATE cart_lines SET quantity = ? WHERE cart_id = ? AND product_id = ?',
        [quantity, id, productId],
      );
      return result.affectedRows > 0;
    },

    async remove(owner: CartOwner, productId: string): Promise<void> {
      const id = await cartId(pool, owner);
      if (!id) return;
      await pool.execute('DELETE FROM cart_lines WHERE cart_id = ? AND product_id = ?', [id, productId]);
    },

    /**
     * Moves a visitor's cart into a customer's and deletes it, in one transaction: a product in both gets the sum
     * (up to the line limit), and lines past the cart's limit stay behind with the deleted cart. Two merges of one
     * cart at once (two tabs after a sign-in) take turns on its row lock; the second finds nothing left.
     */
    async merge(visitorCartId: string, customerId: string, now = new Date()): Promise<number> {
      return inTransaction(pool, async (connection) => {
        const from = await cartId(connection, { kind: 'visitor', id: visitorCartId }, true);
        if (!from) return 0;
        const [incoming] = await connection.execute<LineRow[]>(linesOfCart, [from]);
        const into = await lockedCart(connection, { kind: 'customer', id: customerId }, now);
        const [present] = await connection.execute<LineRow[]>(linesOfCart, [into]);
        const known = new Set(present.map((row) => row.product_id));
        const room = MAX_CART_LINES - present.length;
        const moving = [
          ...incoming.filter((row) => known.has(row.product_id)),
          ...incoming.filter((row) => !known.has(row.product_id)).slice(0, Math.max(0, room)),
        ];
        for (const row of moving) {
          await connection.execute(
            `INSERT INTO cart_lines (cart_id, product_id, slug, name, price_minor, currency, quantity, added_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON DUPLICATE KEY UPDATE quantity = LEAST(?, quantity + VALUES(quantity))`,
            [
              into,
              row.product_id,
              row.slug,
              row.name,
              row.price_minor,
              row.currency,
              row.quantity,
              now,
              MAX_LINE_QUANTITY,
            ],
          );
        }
        await connection.execute('DELETE FROM carts WHERE id = ?', [from]);
        return moving.length;
      });
    },
  };
}

export type CartsRepository = ReturnType<typeof createCartsRepository>;

/**
 * Takes ordered products out of a customer's cart inside another transaction (the one that stores the order made
 * from it). Only those: a product added in another tab while the order was being placed stays in the cart.
 */
export async function emptyCustomerCart(
  connection: PoolConnection,
  customerId: string,
  productIds: string[],
): Promise<void> {
  if (productIds.length === 0) return;
  await connection.query(
    `DELETE cart_lines FROM cart_lines JOIN carts ON carts.id = cart_lines.cart_id
      WHERE carts.owner_kind = 'customer' AND carts.owner_id = ? AND cart_lines.product_id IN (?)`,
    [customerId, productIds],
  );
}
