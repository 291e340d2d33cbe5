import { Index, Show } from 'solid-js';
import { cartCount, cartTotalMinor, type CartBinding } from './cart-binding.js';
import { formatPrice } from '@storefront/contracts/format';

/** `/mini-cart` (and `/`): the names and quantities, the total, and the ways to the cart and to checkout. */
export function MiniCart(props: { binding: CartBinding; locale: string }) {
  const items = () => props.binding.items();
  const count = () => cartCount(items());
  const total = () => formatPrice(cartTotalMinor(items()), items()[0]?.currency ?? 'EUR', props.locale);

  return (
    <section class="cart mini-cart" aria-labelledby="mini-cart-heading">
      <h2 id="mini-cart-heading" class="cart-heading">
        Your cart
      </h2>
      <Show when={items().length > 0} fallback={<p class="cart-empty">Your cart is empty.</p>}>
        <ul class="mini-cart-lines">
          <Index each={items()}>
            {(item) => (
              <li class="cart-line" data-testid="cart-line" data-product-id={item().productId}>
                <span class="cart-line-name">{item().name}</span>{' '}
                <span class="cart-line-quantity">× {item().quantity}</span>
              </li>
            )}
          </Index>
        </ul>
        <p class="cart-total" data-testid="cart-total">
          {count()} {count() === 1 ? 'item' : 'items'}, total <strong>{total()}</strong>
        </p>
        <div class="cart-actions">
          <a class="view-cart sf-button secondary" data-testid="view-cart" href="/cart">
            View cart
          </a>
          <a class="checkout-link" data-testid="checkout-link" href="/checkout">
            Checkout
          </a>
        </div>
      </Show>
    </section>
  );
}
