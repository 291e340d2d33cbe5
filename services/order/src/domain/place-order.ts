import { createHash, randomUUID } from 'node:crypto';
import {
  makeEvent,
  type DeliveryAddress,
  type OrderLineView,
  type OrderView,
  type PlaceOrderRequest,
} from '@storefront/contracts';
import type { SessionUser } from '@storefront/auth';
import { HttpProblem, problems, type Logger } from '@storefront/service-kit';
import type { CartsRepository } from '../data-access/carts-repository.js';
import type { OrdersRepository, StoredOrder } from '../data-access/orders-repository.js';
import type { ProductCatalog } from '../data-access/product-catalog.js';
import { orderTotal } from './order-total.js';

export interface PlaceOrderDependencies {
  orders: OrdersRepository;
  carts: CartsRepository;
  catalog: Pick<ProductCatalog, 'lookup' | 'reserve' | 'release'>;
  logger: Logger;
  /** Wakes the outbox relay so the event leaves now rather than on its next poll. */
  kickRelay: () => void;
}

export interface PlaceOrderCommand {
  user: SessionUser;
  idempotencyKey: string;
  request: PlaceOrderRequest;
}

export interface PlacedOrder {
  order: OrderView;
  /** True when this key already made the order: the caller is retrying and gets the original back. */
  replayed: boolean;
}

type Lines = { productId: string; quantity: number }[];

/** Several lines of one product become one line, so the fingerprint and later stock checks see one quantity. */
function mergeLines(lines: Lines): Map<string, number> {
  const quantities = new Map<string, number>();
  for (const line of lines) {
    quantities.set(line.productId, (quantities.get(line.productId) ?? 0) + line.quantity);
  }
  return quantities;
}

/**
 * What makes two attempts "the same order": the address, and the lines when the request names them. An order of
 * the cart is fingerprinted without its lines, because the first attempt empties the cart its retry would read.
 */
function fingerprint(request: PlaceOrderRequest): string {
  const lines = request.lines
    ? [...mergeLines(request.lines)].sort(([a], [b]) => a.localeCompare(b))
    : 'the cart';
  const address = Object.entries(request.address).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(JSON.stringify([lines, address]))
    .digest('hex');
}

/** The lines to order: the request's, or the customer's cart on the server. */
async function orderedLines(deps: PlaceOrderDependencies, user: SessionUser, request: PlaceOrderRequest) {
  if (request.lines) return request.lines;
  const cart = await deps.carts.lines({ kind: 'customer', id: user.id });
  if (cart.length === 0) throw problems.unprocessable('Your cart is empty: there is nothing to order.');
  return cart;
}

const RELEASE_ATTEMPTS = 3;

/**
 * The saga's compensation: stock held for an order that was not stored goes back. Releasing is idempotent, so it
 * is simply retried; if the catalog stays away, the error names the order so an operator can release it by hand.
 */
async function releaseStock(deps: PlaceOrderDependencies, orderId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.catalog.release(orderId);
      return;
    } catch (error) {
      if (attempt === RELEASE_ATTEMPTS) {
        deps.logger.error(
          { err: error, orderId },
          'stock reserved for an unstored order could not be released',
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

function replay(stored: StoredOrder, requestHash: string): PlacedOrder {
  if (stored.requestHash !== requestHash) {
    throw new HttpProblem(
      422,
      'Idempotency-Key Reused',
      'This Idempotency-Key was already used for a different order. Use a new key for a new order.',
    );
  }
  return { order: stored.order, replayed: true };
}

/**
 * Places an order at the catalog's current prices, whatever the browser thought they were. Idempotent per user
 * and key: a retry, even one racing the first attempt, gets the same order back and never makes a second one.
 */
export async function placeOrder(
  deps: PlaceOrderDependencies,
  command: PlaceOrderCommand,
): Promise<PlacedOrder> {
  const { user, idempotencyKey, request } = command;
  const requestHash = fingerprint(request);

  const earlier = await deps.orders.findByIdempotencyKey(user.id, idempotencyKey);
  if (earlier) return replay(earlier, requestHash);
  const quantities = mergeLines(await orderedLines(deps, user, request));
  const address: DeliveryAddress = request.address;

  const products = new Map((await deps.catalog.lookup([...quantities.keys()])).map((p) => [p.id, p]));
  const unknown = [...quantities.keys()].filter((id) => !products.has(id));
  if (unknown.length > 0) {
    throw problems.unprocessable(`These products are not for sale: ${unknown.join(', ')}.`);
  }
  const currencies = new Set([...products.values()].map((product) => product.currency));
  if (currencies.size > 1) {
    throw problems.unprocessable('Products priced in different currencies cannot share one order.');
  }

  const lines: OrderLineView[] = [...quantities].map(([productId, quantity]) => {
    const product = products.get(productId)!;
    return { productId, name: product.name, unitPriceMinor: product.priceMinor, quantity };
  });
  const order = {
    id: randomUUID(),
    userId: user.id,
    totalMinor: orderTotal(lines),
    currency: [...currencies][0]!,
    idempotencyKey,
    requestHash,
    createdAt: new Date(),
    lines,
    address,
    // An order of the cart takes its lines out of it, in the same transaction as the order is stored.
    fromCart: !request.lines,
  };
  const event = makeEvent('order.placed', {
    orderId: order.id,
    userId: order.userId,
    totalMinor: order.totalMinor,
    currency: order.currency,
    lines,
    address,
  });

  // Stock first: once it is held, the order cannot fail for want of it. Anything failing after this gives it back.
  await deps.catalog.reserve({
    orderId: order.id,
    lines: lines.map(({ productId, quantity }) => ({ productId, quantity })),
  });
  let stored: Awaited<ReturnType<OrdersRepository['insertPlaced']>>;
  try {
    stored = await deps.orders.insertPlaced(order, event);
  } catch (error) {
    await releaseStock(deps, order.id);
    throw error;
  }
  if (stored === 'duplicate') {
    // A concurrent attempt with the same key committed first; its order is the answer and this one's stock goes back.
    await releaseStock(deps, order.id);
    const winner = await deps.orders.findByIdempotencyKey(user.id, idempotencyKey);
    if (!winner) throw problems.conflict('The order is being placed by another request. Please retry.');
    return replay(winner, requestHash);
  }
  deps.kickRelay();
  return {
    order: {
      id: order.id,
      userId: order.userId,
      status: 'placed',
      totalMinor: order.totalMinor,
      currency: order.currency,
      createdAt: order.createdAt.toISOString(),
      lines,
      address,
    },
    replayed: false,
  };
}
