import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cartActions,
  createStorefrontStore,
  decodeCartCookie,
  encodeCartCookie,
  selectCartCount,
} from '../src/index.js';

const mug = { productId: 'p-1', slug: 'blue-mug', name: 'Blue mug', priceMinor: 1250, currency: 'EUR' };

describe('the cart', () => {
  it('when the same product is added twice, it is one line with both quantities', () => {
    const store = createStorefrontStore();
    store.dispatch(cartActions.add(mug));
    store.dispatch(cartActions.add({ ...mug, quantity: 2 }));
    expect(store.getState().cart.items).toEqual([{ ...mug, quantity: 3 }]);
    expect(selectCartCount(store.getState())).toBe(3);
  });

  it('when a quantity is set to zero, the line is removed', () => {
    const store = createStorefrontStore();
    store.dispatch(cartActions.add(mug));
    store.dispatch(cartActions.setQuantity({ productId: 'p-1', quantity: 0 }));
    expect(store.getState().cart.items).toEqual([]);
  });

  it('when two stores are made for two requests, they share no state', () => {
    const first = createStorefrontStore();
    const second = createStorefrontStore();
    first.dispatch(cartActions.add(mug));
    expect(second.getState().cart.items).toEqual([]);
  });

  it('when the cookie round-trips, the cart is the same', () => {
    const items = [{ ...mug, quantity: 2 }];
    expect(decodeCartCookie(encodeCartCookie(items))).toEqual(items);
  });

  it('when the cookie holds anything at all, decoding never throws and keeps only well-formed lines', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const items = decodeCartCookie(value);
        expect(Array.isArray(items)).toBe(true);
        for (const item of items) expect(item.quantity).toBeGreaterThanOrEqual(1);
      }),
    );
    expect(
      decodeCartCookie(
        encodeURIComponent(
          JSON.stringify([
            { ...mug, quantity: -4 },
            { ...mug, quantity: 1 },
          ]),
        ),
      ),
    ).toEqual([{ ...mug, quantity: 1 }]);
  });
});
