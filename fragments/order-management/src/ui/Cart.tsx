import { Index, Show } from 'solid-js';
import { cartTotalMinor, parseQuantity, type CartBinding } from './cart-binding.js';
import { formatPrice } from './format-price.js';
import { createOrderPlacement, OrderOutcome, PlaceOrderButton } from './order-placement.js';

/** `/cart`: every line with its quantity field and Remove button, the total, checkout and "Place order". */
export function Cart(props: { binding: CartBinding; locale: string }) {
  const items = () => props.binding.items();
  const currency = () => items()[0]?.currency ?? 'EUR';
  const money = (minor: number, code = currency()) => formatPrice(minor, code, props.locale);
  const placement = createOrderPlacement(props.binding);

  function changeQuantity(input: HTMLInputElement, productId: string, current: number) {
    const quantity = parseQuantity(input.value);
    if (quantity === null) input.value = String(current);
    else props.binding.setQuantity(productId, quantity);
  }

  return (
    <section class="cart" aria-labelledby="cart-heading">
      <h2 id="cart-heading" class="cart-heading">
        Your cart
      </h2>
      <Show when={items().length > 0} fallback={<p class="cart-empty">Your cart is empty.</p>}>
        <ul class="cart-lines">
          <Index each={items()}>
            {(item, index) => (
              <li class="cart-line" data-testid="cart-line" data-product-id={item().productId}>
                <span class="cart-line-name">{item().name}</span>
                <span class="cart-line-quantity">
                  <label class="visually-hidden" for={`cart-quantity-${index}`}>
                    Quantity of {item().name}
                  </label>
                  <input
                    id={`cart-quantity-${index}`}
                    class="quantity"
                    data-testid="quantity"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max="99"
                    value={item().quantity}
                    onChange={(event) =>
                      changeQuantity(event.currentTarget, item().productId, item().quantity)
                    }
                  />
                </span>
                <span class="cart-line-price">
                  {money(item().priceMinor * item().quantity, item().currency)}
                </span>
                <button
                  type="button"
                  class="remove"
                  data-testid="remove"
                  onClick={() => props.binding.remove(item().productId)}
                >
                  Remove<span class="visually-hidden"> {item().name}</span>
                </button>
              </li>
            )}
          </Index>
        </ul>
        <p class="cart-total" data-testid="cart-total">
          Total: <strong>{money(cartTotalMinor(items()))}</strong>
        </p>
        <div class="cart-actions">
          <a class="checkout-link sf-button secondary" data-testid="checkout-link" href="/checkout">
            Go to checkout
          </a>
          <PlaceOrderButton placement={placement} />
        </div>
      </Show>
      <OrderOutcome placement={placement} />
    </section>
  );
}
