import type { Request } from 'express';
import { problems } from '@storefront/service-kit';

/**
 * A cart is a database row made for anyone who asks, cookie-less clients each time: new visitors' carts are
 * counted per client address and refused past `perMinute` (429), so a script cannot fill the database. Counted per
 * process (each replica allows as many); an honest visitor makes one cart and keeps its cookie.
 */
export function newCartLimit(perMinute: number, now: () => number = Date.now) {
  let windowStart = now();
  let counts = new Map<string, number>();
  return (req: Request): void => {
    if (now() - windowStart >= 60_000) {
      windowStart = now();
      counts = new Map();
    }
    const address = req.ip ?? 'unknown';
    const count = (counts.get(address) ?? 0) + 1;
    counts.set(address, count);
    if (count > perMinute) {
      throw problems.tooManyRequests('Too many new carts from this address. Please try again in a minute.');
    }
  };
}
