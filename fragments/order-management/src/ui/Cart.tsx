import { createSignal, Index, Show } from 'solid-js';
import { cartItemApiPath, cartRequests, type CartRequest } from '@storefront/store/browser';
import { cartTotalMinor, parseQuantity, type CartBinding } from './cart-binding.js';
import { FormFields } from './FormFields.js';
import { formatPrice } from '@storefront/contracts/format';

const CART_PAGE = '/cart';

/**
 * `/cart`: every line with its quantity form and Remove form, the total and the way to checkout. Each form posts
 * to the cart API without JavaScript (the order service answers 303 back here); hydrated, it sends the same
 * change with fetch and the page follows the answer in place.
 */
export function Cart(props: { binding: CartBinding; locale: string; csrfToken: string }) {
  const items = () => props.binding.items();
  const currency = () => items()[0]?.currency ?? 'EUR';
  const money = (minor: number, code = currency()) => formatPrice(minor, code, props.locale);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();

  async function send(event: SubmitEvent, request: CartRequest | null) {
    event.preventDefault();
    if (!request || busy()) return;
    setBusy(true);
    const change = await props.binding.change(request);
    setFailure(change.ok ? undefined : change.detail);
    setBusy(false);
  }

  function quantityChange(event: SubmitEvent & { currentTarget: HTMLFormElement }, productId: string) {
    const field = event.currentTarget.elements.namedItem('quantity') as HTMLInputElement;
    const quantity = parseQuantity(field.value);
    const current = items().find((item) => item.productId === productId)?.quantity ?? 1;
    if (quantity === null) field.value = String(current);
    void send(event, quantity === null ? null : cartRequests.setQuantity(productId, quantity));
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
                <form
                  class="cart-line-quantity"
                  method="post"
                  action={cartItemApiPath(item().productId)}
                  onSubmit={(event) => quantityChange(event, item().productId)}
                >
                  <FormFields csrfToken={props.csrfToken} method="PUT" redirect={CART_PAGE} />
                  <label class="visually-hidden" for={`cart-quantity-${index}`}>
                    Quantity of {item().name}
                  </label>
                  <input
                    id={`cart-quantity-${index}`}
                    class="quantity"
                    data-testid="quantity"
                    name="quantity"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max="99"
                    required
                    value={item().quantity}
                  />
                  <button type="submit" class="update-quantity" data-testid="update-quantity">
                    Update<span class="visually-hidden"> quantity of {item().name}</span>
                  </button>
                </form>
                <span class="cart-line-price">
                  {money(item().priceMinor * item().quantity, item().currency)}
                </span>
                <form
                  class="cart-line-remove"
                  method="post"
                  action={cartItemApiPath(item().productId)}
                  onSubmit={(event) => void send(event, cartRequests.remove(item().productId))}
                >
                  <FormFields csrfToken={props.csrfToken} method="DELETE" redirect={CART_PAGE} />
                  <button type="submit" class="remove" data-testid="remove">
                    Remove<span class="visually-hidden"> {item().name}</span>
                  </button>
                </form>
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
        </div>
      </Show>
      <Show when={failure()}>
        {(detail) => (
          <p class="order-error" role="alert" data-testid="cart-error">
            {detail()}
          </p>
        )}
      </Show>
    </section>
  );
}
