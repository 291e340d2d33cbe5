import type { Currency, EventOf } from '@storefront/contracts';
/** Who a message greets: name and address. */
export interface Recipient {
  email: string;
  name: string;
}

export type Template =
  'welcome' | 'order-placed' | 'order-paid' | 'order-shipped' | 'order-cancelled' | 'password-reset';

export interface RenderedEmail {
  template: Template;
  subject: string;
  body: string;
}

/** The data order.paid, order.shipped and order.cancelled carry, plus the currency remembered from order.placed. */
export interface OrderStatusData {
  orderId: string;
  totalMinor: number;
  /** Unknown when this service never saw the order placed: the mail then leaves the amount out. */
  currency: Currency | null;
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

export function renderWelcomeEmail(contact: Recipient): RenderedEmail {
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
  contact: Recipient,
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
      ...deliveryLines(order.address),
      '',
      `Your order: ${orderPagePath(order.orderId)}`,
      '',
      'The Storefront team',
    ].join('\n'),
  };
}

/** The order's page on the storefront (a path: the mail's sender knows no public host yet). */
const orderPagePath = (orderId: string) => `/orders/${orderId}`;

/** "Delivery to:" and the address, one part a line; nothing for an order placed before orders had addresses. */
function deliveryLines(address: EventOf<'order.placed'>['data']['address']): string[] {
  if (!address) return [];
  const parts = [
    address.label,
    address.line1,
    address.line2,
    `${address.postalCode} ${address.city}`,
    address.country,
  ].filter((part): part is string => Boolean(part));
  return ['', 'Delivery to:', ...parts.map((part) => `  ${part}`)];
}

const SIGNATURE = ['', 'The Storefront team'];

function statusEmail(
  template: Template,
  subject: string,
  contact: Recipient,
  order: OrderStatusData,
  lines: string[],
): RenderedEmail {
  const total =
    order.currency === null ? [] : ['', `Total: ${formatMoney(order.totalMinor, order.currency)}`];
  return {
    template,
    subject,
    body: [greeting(contact.name), '', ...lines, ...total, ...SIGNATURE].join('\n'),
  };
}

export function renderOrderPaidEmail(contact: Recipient, order: OrderStatusData): RenderedEmail {
  return statusEmail('order-paid', `Payment received for order ${order.orderId}`, contact, order, [
    `We have received the payment for your order ${order.orderId}. We are getting it ready to ship.`,
  ]);
}

export function renderOrderShippedEmail(contact: Recipient, order: OrderStatusData): RenderedEmail {
  return statusEmail('order-shipped', `Order ${order.orderId} has shipped`, contact, order, [
    `Good news: your order ${order.orderId} is on its way.`,
  ]);
}

export function renderOrderCancelledEmail(contact: Recipient, order: OrderStatusData): RenderedEmail {
  return statusEmail('order-cancelled', `Order ${order.orderId} cancelled`, contact, order, [
    `Your order ${order.orderId} has been cancelled. Any payment made for it will be refunded.`,
  ]);
}

/** What the customer's delivery log shows of a reset email: the link is a key to the account, kept out of the log. */
export const PASSWORD_RESET_LOGGED_BODY = 'A link to reset your password (shown only in the email itself).';

/** The reset link, with when it stops working; the rest says what to do if the customer did not ask for it. */
export function renderPasswordResetEmail(contact: Recipient, link: string, expiresAt: Date): RenderedEmail {
  const until = expiresAt.toISOString().slice(11, 16);
  return {
    template: 'password-reset',
    subject: 'Reset your Storefront password',
    body: [
      greeting(contact.name),
      '',
      `We were asked to reset the password of your Storefront account for ${contact.email}.`,
      'Choose a new password with this link. It works once, for 30 minutes (until ' + until + ' UTC):',
      '',
      link,
      '',
      'Setting a new password signs you out on every device.',
      'If you did not ask for this, ignore this email: your password stays as it is.',
      ...SIGNATURE,
    ].join('\n'),
  };
}
