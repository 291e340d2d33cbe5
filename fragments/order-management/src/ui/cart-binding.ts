import type { Accessor } from 'solid-js';
import type { CartChange, CartItem, CartRequest } from '@storefront/store/browser';

/** What the UI needs from the outside: the shared store in the browser, the server's cart on the server. */
export interface CartBinding {
  items: Accessor<CartItem[]>;
  /** Sends a change to the order service's cart; the store takes the cart it answers. */
  change(request: CartRequest): Promise<CartChange>;
  /** Puts a cart into the store without asking (the order just placed emptied it). */
  replace(items: CartItem[]): void;
  csrfHeaders(): Record<string, string>;
}

/** A binding that renders the given items and changes nothing: the server's, one per request. */
export function staticCartBinding(items: CartItem[]): CartBinding {
  return {
    items: () => items,
    change: () => Promise.resolve({ ok: true, items }),
    replace: () => {},
    csrfHeaders: () => ({}),
  };
}

/**
 * What a quantity field holds, as a quantity to set: a whole number from 1 to 99, or null for anything else
 * (empty, 0, letters), which leaves the line as it was. Removing is the Remove button's job, never a typo's.
 */
export function parseQuantity(text: string, max = 99): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const quantity = Number(text);
  if (quantity < 1) return null;
  return Math.min(quantity, max);
}

export const cartTotalMinor = (items: readonly CartItem[]) =>
  items.reduce((sum, item) => sum + item.priceMinor * item.quantity, 0);

export const cartCount = (items: readonly CartItem[]) => items.reduce((sum, item) => sum + item.quantity, 0);
