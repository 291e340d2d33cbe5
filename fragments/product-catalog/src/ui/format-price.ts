export function formatPrice(priceMinor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(priceMinor / 100);
}
