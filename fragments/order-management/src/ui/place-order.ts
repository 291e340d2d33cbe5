import type { CartItem } from '@storefront/store/browser';
import { problemDetail, UNREACHABLE } from './problem.js';

export type PlaceOrderOutcome =
  { kind: 'placed'; orderId: string } | { kind: 'signed-out' } | { kind: 'failed'; detail: string };

export interface PlaceOrderRequest {
  items: CartItem[];
  idempotencyKey: string;
  csrfHeaders: Record<string, string>;
}

/** POSTs the cart to the order service; prices are not sent, the order service prices every line itself. */
export async function placeOrder(
  request: PlaceOrderRequest,
  send: typeof fetch = fetch,
): Promise<PlaceOrderOutcome> {
  let response: Response;
  try {
    response = await send('/api/orders', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        'Idempotency-Key': request.idempotencyKey,
        ...request.csrfHeaders,
      },
      body: JSON.stringify({
        lines: request.items.map(({ productId, quantity }) => ({ productId, quantity })),
      }),
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
