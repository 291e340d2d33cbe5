import type { Address } from '@storefront/contracts';
import { problemDetail, UNREACHABLE } from './problem.js';

/** Where "Place order" posts, with or without JavaScript. */
export const ORDERS_API_PATH = '/api/orders';

export type PlaceOrderOutcome =
  { kind: 'placed'; orderId: string } | { kind: 'signed-out' } | { kind: 'failed'; detail: string };

export interface PlaceOrderRequest {
  address: Address;
  idempotencyKey: string;
  csrfHeaders: Record<string, string>;
}

/**
 * POSTs the order of the customer's cart, which the order service holds: no lines and no prices are sent, the
 * order service takes the cart's lines and prices every one itself.
 */
export async function placeOrder(
  request: PlaceOrderRequest,
  send: typeof fetch = fetch,
): Promise<PlaceOrderOutcome> {
  let response: Response;
  try {
    response = await send(ORDERS_API_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        'Idempotency-Key': request.idempotencyKey,
        ...request.csrfHeaders,
      },
      body: JSON.stringify({ address: request.address }),
    });
  } catch {
    return { kind: 'failed', detail: UNREACHABLE };
  }
  // 200 is the order service replaying an order this key already placed: the same order, placed once.
  if (response.status === 201 || response.status === 200) {
    const order = (await response.json()) as { id: string };
    return { kind: 'placed', orderId: order.id };
  }
  if (response.status === 401) return { kind: 'signed-out' };
  return { kind: 'failed', detail: await problemDetail(response, 'The order could not be placed') };
}
