import { describe, expect, it } from 'vitest';
import { formatDate, formatPrice, shortOrderId } from '../src/format.js';

describe('how the fragments write prices, dates and order numbers', () => {
  it('when a price is shown, it reads the way the visitor’s locale writes money in that currency', () => {
    expect(formatPrice(1250, 'EUR', 'en-GB')).toBe('€12.50');
    expect(formatPrice(1250, 'EUR', 'de-DE')).toBe('12,50\u00a0€');
    expect(formatPrice(99, 'USD', 'en-US')).toBe('$0.99');
  });

  it('when a date is shown, it is the UTC day in the locale’s words, with the time only when asked', () => {
    // 23:30 UTC is already the next day east of Greenwich: the text must not depend on where it is rendered.
    expect(formatDate('2026-03-12T23:30:00.000Z', 'en-GB')).toBe('12 Mar 2026');
    expect(formatDate('2026-03-12T23:30:00.000Z', 'de-DE')).toBe('12.03.2026');
    expect(formatDate('2026-03-12T23:30:00.000Z', 'en-GB', { withTime: true })).toBe('12 Mar 2026, 23:30');
    expect(formatDate('not a time', 'en-GB')).toBe('');
  });

  it('when an order is named, its number is the first 8 characters of its id', () => {
    expect(shortOrderId('3f2a9c1e-1b7d-4c55-9e0a-1f2d3c4b5a69')).toBe('3f2a9c1e');
  });
});
