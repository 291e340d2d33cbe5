import type { Accessor } from 'solid-js';
import type { CartItem } from '@storefront/store/browser';

/** What the cart needs from the outside: the shared store in the browser, the cookie's items on the server. */
export interface CartBinding {
  items: Accessor<CartItem[]>;
  clear(): void;
  csrfHeaders(): Record<string, string>;
}
