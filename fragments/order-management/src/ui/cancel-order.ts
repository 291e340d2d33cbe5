import type { OrderStatus } from '@storefront/contracts';
import { problemDetail, UNREACHABLE } from './problem.js';

export type CancelOrderOutcome =
  { kind: 'cancelled'; status: OrderStatus } | { kind: 'signed-out' } | { kind: 'failed'; detail: string };

/** Only these may be cancelled by their customer (the order service's rule; it answers 409 otherwise). */
export const cancellable = (status: OrderStatus) => status === 'placed' || status === 'paid';

export const cancelPath = (orderId: string) => `/api/orders/${encodeURIComponent(orderId)}/cancel`;

/** The script's way of the cancel form: the same POST, answered with JSON instead of a 303. */
export async function cancelOrder(
  orderId: string,
  csrfHeaders: Record<string, string>,
  send: typeof fetch = fetch,
): Promise<CancelOrderOutcome> {
  let response: Response;
  try {
    response = await send(cancelPath(orderId), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...csrfHeaders },
    });
  } catch {
    return { kind: 'failed', detail: UNREACHABLE };
  }
  if (response.ok) {
    const order = (await response.json()) as { status?: OrderStatus };
    return { kind: 'cancelled', status: order.status ?? 'cancelled' };
  }
  if (response.status === 401) return { kind: 'signed-out' };
  return { kind: 'failed', detail: await problemDetail(response, 'The order could not be cancelled') };
}
