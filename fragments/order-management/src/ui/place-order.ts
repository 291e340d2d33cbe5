import type { CartItem } from '@storefront/store/browser';

export type PlaceOrderOutcome =
  { kind: 'placed'; orderId: string } | { kind: 'signed-out' } | { kind: 'failed'; detail: string };

export interface PlaceOrderRequest {
  items: CartItem[];
  idempotencyKey: string;
  csrfHeaders: Record<string, string>;
}

const problemDetail = async (response: Response): Promise<string> => {
  try {
    const problem = (await response.json()) as { detail?: unknown; title?: unknown };
    if (typeof problem.detail === 'string' && problem.detail) return problem.detail;
    if (typeof problem.title === 'string' && problem.title) return problem.title;
  } catch {
    // Not problem+json (e.g. a proxy's error page): the generic message below says enough.
  }
  return `The order could not be placed (${response.status}). Please try again.`;
};

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
    return { kind: 'failed', detail: 'The shop could not be reached. Check your connection and try again.' };
  }
  if (response.status === 201) {
    const order = (await response.json()) as { id: string };
    return { kind: 'placed', orderId: order.id };
  }
  if (response.status === 401) return { kind: 'signed-out' };
  return { kind: 'failed', detail: await problemDetail(response) };
}
