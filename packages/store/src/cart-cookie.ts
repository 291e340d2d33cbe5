import { MAX_CART_LINES, MAX_LINE_QUANTITY, type CartItem } from './slices/cart.js';

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

function toCartItem(value: unknown): CartItem | null {
  if (!value || typeof value !== 'object') return null;
  const item = value as Record<string, unknown>;
  const { productId, slug, name, priceMinor, currency, quantity } = item;
  if (!isText(productId, 64) || !isText(slug, 120) || !isText(name, 200) || !isText(currency, 3)) return null;
  if (!Number.isSafeInteger(priceMinor) || (priceMinor as number) < 0) return null;
  if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > MAX_LINE_QUANTITY)
    return null;
  return { productId, slug, name, currency, priceMinor: priceMinor as number, quantity: quantity as number };
}

/** The cookie is written by scripts and so is untrusted input: anything malformed is dropped, never thrown. */
export function decodeCartCookie(value: string | undefined): CartItem[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(value));
    if (!Array.isArray(parsed)) return [];
    return parsed
      .slice(0, MAX_CART_LINES)
      .map(toCartItem)
      .filter((item): item is CartItem => item !== null);
  } catch {
    return [];
  }
}

export function encodeCartCookie(items: CartItem[]): string {
  return encodeURIComponent(JSON.stringify(items.slice(0, MAX_CART_LINES)));
}
