import { describe, expect, it } from 'vitest';
import { formatPrice } from '../src/money.js';

describe('showing a price', () => {
  it('when a price is shown, it reads the way the visitor’s locale writes money in that currency', () => {
    expect(formatPrice(1250, 'EUR', 'en-GB')).toBe('€12.50');
    expect(formatPrice(1250, 'EUR', 'de-DE')).toBe('12,50\u00a0€');
    expect(formatPrice(99, 'USD', 'en-US')).toBe('$0.99');
  });
});
