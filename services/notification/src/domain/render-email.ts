import type { Currency, EventOf } from '@storefront/contracts';
import type { Contact } from '../data-access/notifications-store.js';

export interface RenderedEmail {
  template: 'welcome' | 'order-placed';
  subject: string;
  body: string;
}

const LOCALE = 'en-US';

/** Minor units to a display amount, with as many decimals as the currency has (two for EUR, USD and GBP). */
export function formatMoney(minor: number, currency: Currency): string {
  const format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** decimals);
}

function greeting(name: string): string {
  const trimmed = name.trim();
  return trimmed ? `Hello ${trimmed},` : 'Hello,';
}

export function renderWelcomeEmail(contact: Contact): RenderedEmail {
  return {
    template: 'welcome',
    subject: 'Welcome to Storefront',
    body: [
      greeting(contact.name),
      '',
      `Your Storefront account for ${contact.email} is ready.`,
      'Browse the catalog, fill your cart and check out whenever you like.',
      '',
      'The Storefront team',
    ].join('\n'),
  };
}

export function renderOrderPlacedEmail(
  contact: Contact,
  order: EventOf<'order.placed'>['data'],
): RenderedEmail {
  const lines = order.lines.map(
    (line) =>
      `- ${line.quantity} × ${line.name} at ${formatMoney(line.unitPriceMinor, order.currency)}: ` +
      formatMoney(line.unitPriceMinor * line.quantity, order.currency),
  );
  const total = formatMoney(order.totalMinor, order.currency);
  return {
    template: 'order-placed',
    subject: `Order ${order.orderId} placed`,
    body: [
      greeting(contact.name),
      '',
      `Thank you for your order ${order.orderId}. We have received it and will let you know when it ships.`,
      '',
      ...lines,
      '',
      `Total: ${total}`,
      '',
      'The Storefront team',
    ].join('\n'),
  };
}
