import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  renderOrderCancelledEmail,
  renderOrderPaidEmail,
  renderOrderPlacedEmail,
  renderOrderShippedEmail,
  renderWelcomeEmail,
} from '../src/domain/render-email.js';
import {
  renderOrderCancelledSms,
  renderOrderPaidSms,
  renderOrderPlacedSms,
  renderOrderShippedSms,
} from '../src/domain/render-sms.js';

describe('rendering emails', () => {
  it.each([
    [7400, 'EUR', '€74.00'],
    [5, 'USD', '$0.05'],
    [123456, 'GBP', '£1,234.56'],
    [0, 'EUR', '€0.00'],
  ] as const)('when %i minor units of %s are shown, they read %s', (minor, currency, shown) => {
    expect(formatMoney(minor, currency)).toBe(shown);
  });

  it('when a customer registers, the welcome mail greets them by name and names their address', () => {
    const email = renderWelcomeEmail({ email: 'ada@example.test', name: 'Ada' });

    expect(email.template).toBe('welcome');
    expect(email.subject).toBe('Welcome to Storefront');
    expect(email.body).toMatch(/^Hello Ada,\n/);
    expect(email.body).toContain('ada@example.test');
  });

  it('when the name is blank, the greeting does without it', () => {
    expect(renderWelcomeEmail({ email: 'x@example.test', name: '  ' }).body).toMatch(/^Hello,\n/);
  });

  it('when an order is placed, the mail names the order, each line and the total in its currency', () => {
    const email = renderOrderPlacedEmail(
      { email: 'ada@example.test', name: 'Ada' },
      {
        orderId: 'order-1',
        userId: 'user-1',
        totalMinor: 3 * 999 + 2500,
        currency: 'GBP',
        lines: [
          { productId: 'p1', name: 'Merino Beanie', unitPriceMinor: 999, quantity: 3 },
          { productId: 'p2', name: 'Studio Headphones', unitPriceMinor: 2500, quantity: 1 },
        ],
      },
    );

    expect(email.template).toBe('order-placed');
    expect(email.subject).toBe('Order order-1 placed');
    expect(email.body).toContain('- 3 × Merino Beanie at £9.99: £29.97');
    expect(email.body).toContain('- 1 × Studio Headphones at £25.00: £25.00');
    expect(email.body).toContain('Total: £54.97');
  });

  it('when the order carries its delivery address, the mail says where it goes and links the order page', () => {
    const email = renderOrderPlacedEmail(
      { email: 'ada@example.test', name: 'Ada' },
      {
        orderId: 'order-2',
        userId: 'user-1',
        totalMinor: 999,
        currency: 'GBP',
        lines: [{ productId: 'p1', name: 'Merino Beanie', unitPriceMinor: 999, quantity: 1 }],
        address: {
          label: 'Home',
          line1: '12 Harbour Road',
          line2: 'Flat 3',
          city: 'Bristol',
          postalCode: 'BS1 4QA',
          country: 'GB',
        },
      },
    );

    expect(email.body).toContain(
      'Total: £9.99\n\nDelivery to:\n  Home\n  12 Harbour Road\n  Flat 3\n  BS1 4QA Bristol\n  GB\n',
    );
    expect(email.body).toContain('Your order: /orders/order-2');
  });

  it('when an older order has no address, the mail leaves the delivery part out', () => {
    const email = renderOrderPlacedEmail(
      { email: 'ada@example.test', name: 'Ada' },
      { orderId: 'order-3', userId: 'user-1', totalMinor: 0, currency: 'EUR', lines: [] },
    );

    expect(email.body).not.toContain('Delivery to:');
  });
});

describe('rendering order status messages', () => {
  const ada = { email: 'ada@example.test', name: 'Ada' };
  const order = { orderId: 'order-7', totalMinor: 7400, currency: 'EUR' as const };

  it.each([
    ['order-paid', 'Payment received for order order-7', renderOrderPaidEmail],
    ['order-shipped', 'Order order-7 has shipped', renderOrderShippedEmail],
    ['order-cancelled', 'Order order-7 cancelled', renderOrderCancelledEmail],
  ] as const)(
    'when the %s mail renders, its subject is "%s" and it names the order and the total',
    (template, subject, render) => {
      const email = render(ada, order);

      expect(email).toMatchObject({ template, subject });
      expect(email.body).toMatch(/^Hello Ada,\n/);
      expect(email.body).toContain('order-7');
      expect(email.body).toContain('Total: €74.00');
    },
  );

  it('when the currency of the order is unknown, the status mail leaves the amount out', () => {
    expect(renderOrderShippedEmail(ada, { ...order, currency: null }).body).not.toContain('Total');
  });

  it('when a text message is rendered, it is one short line naming the order', () => {
    const placed = renderOrderPlacedSms({
      orderId: 'order-7',
      userId: 'user-1',
      totalMinor: 7400,
      currency: 'EUR',
      lines: [],
    });

    expect(placed.body).toBe('Storefront: we received your order order-7, total €74.00. Thank you!');
    expect(renderOrderPaidSms(order).body).toBe('Storefront: payment received for order order-7 (€74.00).');
    expect(renderOrderShippedSms(order).body).toBe('Storefront: your order order-7 has shipped.');
    expect(renderOrderCancelledSms({ ...order, currency: null }).body).toBe(
      'Storefront: your order order-7 has been cancelled.',
    );
    for (const sms of [placed, renderOrderPaidSms(order), renderOrderShippedSms(order)]) {
      expect(sms.body.length).toBeLessThanOrEqual(160);
    }
  });
});
