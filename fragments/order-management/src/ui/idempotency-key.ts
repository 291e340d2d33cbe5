import type { CartItem } from '@storefront/store/browser';

const newKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : // randomUUID exists only in secure contexts; a plain-http test host still gets 122 random bits.
      Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
        byte.toString(16).padStart(2, '0'),
      ).join('');

/**
 * One key per cart submission: a retry of the same cart reuses it, so the order service places the order at most
 * once even when the first answer was lost; a changed cart or a placed order starts a new submission.
 */
export function createSubmissionKeys() {
  let pending: { cart: string; key: string } | undefined;
  return {
    keyFor(items: CartItem[]): string {
      const cart = JSON.stringify(items.map(({ productId, quantity }) => [productId, quantity]));
      if (pending?.cart !== cart) pending = { cart, key: newKey() };
      return pending.key;
    },
    settled(): void {
      pending = undefined;
    },
  };
}
