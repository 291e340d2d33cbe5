import { CART_ITEMS_API_PATH, cartItemApiPath, toCartLines } from '@storefront/contracts/cart-mirror';
import type { CartItem } from './slices/cart.js';

/** What a cart change came to: the server's cart after it, or why not (the problem's detail, for the visitor). */
export type CartChange = { ok: true; items: CartItem[] } | { ok: false; status: number; detail: string };

export interface CartRequest {
  method: 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
}

const UNREACHABLE = 'The shop cannot be reached right now. Please try again.';

/** Sends one change to the order service's cart; never throws (a failed change leaves the cart as it was). */
export async function sendCartChange(
  request: CartRequest,
  headers: Record<string, string>,
  send: typeof fetch = fetch,
): Promise<CartChange> {
  let response: Response;
  try {
    response = await send(request.path, {
      method: request.method,
      credentials: 'same-origin',
      // A change sent just before the visitor leaves (add to cart, then a link) is still delivered, and the cart
      // cookie of its answer kept: leaving the page would otherwise abort it.
      keepalive: true,
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
  } catch {
    return { ok: false, status: 0, detail: UNREACHABLE };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    // The answer is the cart (`{items}`); lines outside the contract are dropped rather than shown.
    const items = (body as { items?: unknown } | null)?.items;
    if (Array.isArray(items)) return { ok: true, items: toCartLines(items) };
  }
  const detail =
    body && typeof body === 'object' && typeof (body as { detail?: unknown }).detail === 'string'
      ? (body as { detail: string }).detail
      : 'The cart could not be changed. Please try again.';
  return { ok: false, status: response.status, detail };
}

/**
 * Runs the cart changes given to it one after another, each once the one before is answered. A visitor's first
 * change creates the cart and its cookie: two sent together (two quick clicks, or forms posted while the page's
 * code was loading) would each create a cart, and the second one's cookie would hide the first one's line.
 */
export function oneAtATime(): <T>(change: () => Promise<T>) => Promise<T> {
  let previous: Promise<unknown> = Promise.resolve();
  return (change) => {
    const next = previous.then(change, change);
    previous = next.catch(() => undefined);
    return next;
  };
}

/** The three changes a shopper makes, as requests to the cart API (the same paths the no-JS forms post to). */
export const cartRequests = {
  add: (productId: string, quantity: number): CartRequest => ({
    method: 'POST',
    path: CART_ITEMS_API_PATH,
    body: { productId, quantity },
  }),
  setQuantity: (productId: string, quantity: number): CartRequest => ({
    method: 'PUT',
    path: cartItemApiPath(productId),
    body: { quantity },
  }),
  remove: (productId: string): CartRequest => ({ method: 'DELETE', path: cartItemApiPath(productId) }),
};
