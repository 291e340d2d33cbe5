// The cart's numbers, paths and `sf_cart` mirror codec without zod: the browser store bundles this file, and every
// byte of it is downloaded by every visitor (the zod schemas are in carts.ts).

/** A cart holds at most this many lines, each of at most this many pieces (the order API's own limits). */
export const MAX_CART_LINES = 50;
export const MAX_LINE_QUANTITY = 99;

/** The currencies a price may be in (currencySchema is made of them). */
export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
type Currency = (typeof CURRENCIES)[number];

/**
 * The cart's API under the order service, as the browser reaches it through the gateway: forms post to these paths
 * (no-JS, `_method` for PUT and DELETE) and hydrated fragments call them with JSON.
 */
export const CART_API_PATH = '/api/orders/cart';
export const CART_ITEMS_API_PATH = `${CART_API_PATH}/items`;
export const cartItemApiPath = (productId: string) =>
  `${CART_ITEMS_API_PATH}/${encodeURIComponent(productId)}`;

/** A line as the cart shows it; name and price are the catalog's when it was added, for display only. */
export interface CartLine {
  productId: string;
  slug: string;
  name: string;
  priceMinor: number;
  currency: Currency;
  quantity: number;
}

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

/** One line from untrusted JSON, or null when anything about it is off. */
export function toCartLine(value: unknown): CartLine | null {
  if (!value || typeof value !== 'object') return null;
  const { productId, slug, name, priceMinor, currency, quantity } = value as Record<string, unknown>;
  if (!isText(productId, 64) || !isText(slug, 120) || !isText(name, 200)) return null;
  if (!CURRENCIES.includes(currency as Currency)) return null;
  if (!Number.isSafeInteger(priceMinor) || (priceMinor as number) < 0) return null;
  if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > MAX_LINE_QUANTITY)
    return null;
  return {
    productId,
    slug,
    name,
    currency: currency as Currency,
    priceMinor: priceMinor as number,
    quantity: quantity as number,
  };
}

/** The lines of an untrusted list, malformed ones dropped, at most MAX_CART_LINES. */
export function toCartLines(value: unknown): CartLine[] {
  if (!Array.isArray(value)) return [];
  return value
    .slice(0, MAX_CART_LINES)
    .map(toCartLine)
    .filter((line): line is CartLine => line !== null);
}

/**
 * `sf_cart`, the display mirror of the server cart (docs/conventions.md): the order service writes it with every
 * cart answer, server-side renders read it. It reaches them through the visitor's browser, so it is untrusted
 * input: anything malformed is dropped, never thrown.
 */
export function decodeCartMirror(value: string | undefined): CartLine[] {
  if (!value) return [];
  try {
    return toCartLines(JSON.parse(decodeURIComponent(value)));
  } catch {
    return [];
  }
}

/** Encoding takes any line shaped like one (a store's items type the currency as a string); decoding checks it. */
export function encodeCartMirror(
  items: readonly (Omit<CartLine, 'currency'> & { currency: string })[],
): string {
  return encodeURIComponent(JSON.stringify(items.slice(0, MAX_CART_LINES)));
}
