// How every fragment shows a price, server-side and in the browser alike (so hydration finds the same text).
// Without zod, like cart-mirror.ts: browser bundles take this file.

// A formatter is costly to make (about 60 µs) and the home page prices 40 cards: one per locale and currency is
// kept. The locale comes from a request header, so the memory is bounded.
const formatters = new Map<string, Intl.NumberFormat>();
const MAX_FORMATTERS = 64;

/** `priceMinor` (cents) in `currency`, written the way `locale` writes money: `€12.50`, `12,50 €`. */
export function formatPrice(priceMinor: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter.format(priceMinor / 100);
}
