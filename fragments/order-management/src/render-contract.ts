import type { Address, OrderStatus } from '@storefront/contracts';
import type { CartItem } from '@storefront/store';

/** What an order looks like to this fragment: the order service's orderView without the owner's id. */
export interface OrderLine {
  productId: string;
  name: string;
  unitPriceMinor: number;
  quantity: number;
}

export interface OrderSummary {
  id: string;
  status: OrderStatus;
  totalMinor: number;
  currency: string;
  createdAt: string;
  lines: OrderLine[];
  /** Null for orders placed before orders carried their address. */
  address: Address | null;
}

/** The outcome of a read from a service on the visitor's behalf. */
export type Loaded<T> =
  { kind: 'ok'; data: T } | { kind: 'signed-out' } | { kind: 'not-found' } | { kind: 'unavailable' };

/** The page inside the fragment and everything the server loaded for it. */
export type PageView =
  | { page: 'mini-cart' }
  | { page: 'cart' }
  | { page: 'none' }
  | {
      page: 'checkout';
      profile: Loaded<{ addresses: Address[] }>;
      /** The query string of /checkout: a no-JS address form submits to it (method GET). */
      choice: Record<string, string>;
      /** The Idempotency-Key of this checkout's "Place order" (a form field without JavaScript). */
      idempotencyKey: string;
    }
  | { page: 'orders'; orders: Loaded<OrderSummary[]> }
  | { page: 'order'; order: Loaded<OrderSummary> };

export type PageName = PageView['page'];

export interface PageRenderInput {
  items: CartItem[];
  locale: string;
  view: PageView;
  /** The visitor's CSRF cookie, echoed into no-JS form posts (empty when missing or malformed). */
  csrfToken: string;
  /** The page's CSP nonce, stamped on the inline hydration script (none: the script carries no nonce). */
  cspNonce?: string;
}

/** The state the client needs to hydrate what the server rendered (beside the cart, which is in the store). */
export interface HydrationState {
  view: PageView;
  csrfToken: string;
}

/** The SSR bundle's export: the fragment's inner HTML and Solid's hydration bootstrap script. */
export type RenderPage = (input: PageRenderInput) => { html: string; hydrationScript: string };
