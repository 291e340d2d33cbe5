// How every fragment writes a price, a date and an order's number, server-side and in the browser alike (so
// hydration finds the same text). Without zod, like cart-mirror.ts: browser bundles take this file.

// A formatter is costly to make (about 60 µs) and the home page prices 40 cards: one per locale and style is
// kept. The locale comes from a request header, so the memory is bounded.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
const MAX_FORMATTERS = 64;

function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let found = formatters.get(key) as T | undefined;
  if (!found) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    found = make();
    formatters.set(key, found);
  }
  return found;
}

/** `priceMinor` (cents) in `currency`, written the way `locale` writes money: `€12.50`, `12,50 €`. */
export function formatPrice(priceMinor: number, currency: string, locale: string): string {
  return formatter(
    `price|${locale}|${currency}`,
    () => new Intl.NumberFormat(locale, { style: 'currency', currency }),
  ).format(priceMinor / 100);
}

/**
 * The day of an ISO time (`12 Mar 2026`), or with its time of day too; in UTC, so the server's text and the
 * browser's are the same whatever their time zones. Not a time: empty.
 */
export function formatDate(iso: string, locale: string, { withTime = false } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return formatter(
    `date|${locale}|${withTime}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        ...(withTime ? { timeStyle: 'short' } : {}),
        timeZone: 'UTC',
      }),
  ).format(date);
}

/** Order ids are UUIDs: their first 8 characters tell a customer's orders apart. */
export const shortOrderId = (id: string) => id.slice(0, 8);
