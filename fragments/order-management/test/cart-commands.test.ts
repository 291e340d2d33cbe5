import { describe, expect, it } from 'vitest';
import {
  cartActions,
  createStorefrontStore,
  selectCartCount,
  selectCartItems,
  selectCartTotalMinor,
} from '@storefront/store';
import { cartCount, cartTotalMinor, parseQuantity } from '../src/ui/cart-binding.js';
import { cartLine } from './support/built-podlet.js';

const mug = cartLine({ name: 'Blue mug', quantity: 2, priceMinor: 1250 });
const kettle = cartLine({ productId: 'p-kettle', slug: 'kettle', name: 'Red kettle', priceMinor: 4999 });

describe('changing the cart from its page', () => {
  it.each([
    ['3', 3],
    [' 12 ', 12],
    ['150', 99],
    ['0', null],
    ['', null],
    ['-2', null],
    ['1.5', null],
    ['two', null],
  ])('when the quantity field holds %j, the quantity set is %j', (text, expected) => {
    expect(parseQuantity(text)).toBe(expected);
  });

  it('when a quantity changes and a line is removed in the shared store, the lines and totals follow', () => {
    const store = createStorefrontStore({ cart: { items: [mug, kettle] } });
    expect(cartTotalMinor(selectCartItems(store.getState()))).toBe(7499);

    store.dispatch(cartActions.setQuantity({ productId: mug.productId, quantity: parseQuantity('3')! }));
    expect(cartTotalMinor(selectCartItems(store.getState()))).toBe(3 * 1250 + 4999);
    expect(cartCount(selectCartItems(store.getState()))).toBe(4);

    store.dispatch(cartActions.remove(kettle.productId));
    const items = selectCartItems(store.getState());
    expect(items.map((item) => item.name)).toEqual(['Blue mug']);
    // The page's totals agree with the store's own selectors, which the header badge uses.
    expect(cartTotalMinor(items)).toBe(selectCartTotalMinor(store.getState()));
    expect(cartCount(items)).toBe(selectCartCount(store.getState()));
  });
});
