/** Order ids are UUIDs: the first 8 characters are enough to tell a visitor's orders apart. */
export const shortOrderId = (id: string) => id.slice(0, 8);

/** In UTC, so the server's text and the browser's are the same whatever their time zones. */
export function formatOrderDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** Date and time in UTC, for the delivery log. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
    date,
  );
}
