import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeOrderRequest } from '@storefront/contracts';
import { orderTotal } from '../src/domain/order-total.js';

// The catalog's bounds: prices up to 100,000,000 minor units (services/product), quantities as the order contract allows.
const MAX_PRICE = 100_000_000;
const line = fc.record({
  unitPriceMinor: fc.integer({ min: 0, max: MAX_PRICE }),
  quantity: fc.integer({ min: 1, max: 99 }),
});

describe('the order total', () => {
  it('is the exact sum of price × quantity over the lines, whatever their order', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 50 }), (lines) => {
        const total = orderTotal(lines);
        expect(Number.isSafeInteger(total)).toBe(true);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(BigInt(total)).toBe(
          lines.reduce((sum, l) => sum + BigInt(l.unitPriceMinor) * BigInt(l.quantity), 0n),
        );
        expect(orderTotal([...lines].reverse())).toBe(total);
      }),
    );
  });

  it('splitting a line into two of the same price never changes the total', () => {
    fc.assert(
      fc.property(line, fc.array(line, { maxLength: 10 }), (whole, rest) => {
        fc.pre(whole.quantity >= 2);
        const first = Math.floor(whole.quantity / 2);
        const split = [
          { ...whole, quantity: first },
          { ...whole, quantity: whole.quantity - first },
        ];
        expect(orderTotal([...rest, ...split])).toBe(orderTotal([...rest, whole]));
      }),
    );
  });

  it('the largest order the contract accepts still fits the BIGINT UNSIGNED column', () => {
    const largest = orderTotal(
      Array.from({ length: 50 }, () => ({ unitPriceMinor: MAX_PRICE, quantity: 99 })),
    );
    expect(largest).toBe(495_000_000_000);
    expect(BigInt(largest) < 2n ** 64n - 1n).toBe(true);
  });
});

describe('the place-order request schema', () => {
  const address = {
    label: 'Home',
    line1: '12 Harbour Road',
    city: 'Bristol',
    postalCode: 'BS1 4QA',
    country: 'GB',
  };
  const uuid = fc.uuid({ version: 4 });
  it('accepts every request within its bounds and keeps the lines as sent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ productId: uuid, quantity: fc.integer({ min: 1, max: 99 }) }), {
          minLength: 1,
          maxLength: 50,
        }),
        (lines) => {
          expect(placeOrderRequest.parse({ address, lines })).toEqual({ address, lines });
        },
      ),
    );
  });

  it('refuses quantities outside 1–99, non-integers and non-uuid ids', () => {
    fc.assert(
      fc.property(
        uuid,
        fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 100 }), fc.double({ noInteger: true })),
        (productId, quantity) => {
          expect(placeOrderRequest.safeParse({ address, lines: [{ productId, quantity }] }).success).toBe(
            false,
          );
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.string().filter((text) => !/^[0-9a-f-]{36}$/i.test(text)),
        (productId) => {
          expect(placeOrderRequest.safeParse({ lines: [{ productId, quantity: 1 }] }).success).toBe(false);
        },
      ),
    );
  });
});
