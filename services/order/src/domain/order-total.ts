import type { OrderLineView } from '@storefront/contracts';

/** What the customer pays: each line's catalog price times its quantity, in minor units, exact. */
export function orderTotal(lines: readonly Pick<OrderLineView, 'unitPriceMinor' | 'quantity'>[]): number {
  const total = lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  // Integer minor units stay exact only below 2^53; a larger total would be silently wrong, so it is refused.
  if (!Number.isSafeInteger(total)) throw new RangeError(`order total ${total} is not an exact integer`);
  return total;
}
