import type { Accessor } from 'solid-js';
import type { CartItem } from '@storefront/store/browser';

/** What the UI needs from the outside: the shared store in the browser, the cookie's items on the server. */
export interface CartBinding {
  items: Accessor<CartItem[]>;
  setQuantity(productId: string, quantity: number): void;
  remove(productId: string): void;
  clear(): void;
  csrfHeaders(): Record<string, string>;
}

/** A binding that renders the given items and does nothing: the server's, one per request. */
export function staticCartBinding(items: CartItem[]): CartBinding {
  return {
    items: () => items,
    setQuantity: () => {},
    remove: () => {},
    clear: () => {},
    csrfHeaders: () => ({}),
  };
}

/**
 * What a quantity field holds, as a quantity for `setQuantity`: a whole number from 1 to 99, or null for anything
 * else (empty, 0, letters), which leaves the line as it was. Removing is the Remove button's job, never a typo's.
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
