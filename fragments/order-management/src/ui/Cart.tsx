import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { CartBinding } from './cart-binding.js';
import { formatPrice } from './format-price.js';
import { createSubmissionKeys } from './idempotency-key.js';
import { placeOrder, type PlaceOrderOutcome } from './place-order.js';

export function Cart(props: { binding: CartBinding; locale: string }) {
  const items = () => props.binding.items();
  const currency = () => items()[0]?.currency ?? 'EUR';
  const total = createMemo(() => items().reduce((sum, item) => sum + item.priceMinor * item.quantity, 0));
  const money = (minor: number, code = currency()) => formatPrice(minor, code, props.locale);

  const [submitting, setSubmitting] = createSignal(false);
  const [outcome, setOutcome] = createSignal<PlaceOrderOutcome>();
  const keys = createSubmissionKeys();

  async function submit() {
    if (submitting() || items().length === 0) return;
    setSubmitting(true);
    setOutcome(undefined);
    const result = await placeOrder({
      items: items(),
      idempotencyKey: keys.keyFor(items()),
      csrfHeaders: props.binding.csrfHeaders(),
    });
    if (result.kind === 'placed') {
      keys.settled();
      props.binding.clear();
    }
    setOutcome(result);
    setSubmitting(false);
  }

  return (
    <section class="cart" aria-labelledby="cart-heading">
      <h2 id="cart-heading" class="cart-heading">
        Your cart
      </h2>
      <Show when={items().length > 0} fallback={<p class="cart-empty">Your cart is empty.</p>}>
        <ul class="cart-lines">
          <For each={items()}>
            {(item) => (
              <li class="cart-line" data-product-id={item.productId}>
                <span class="cart-line-name">{item.name}</span>
                <span class="cart-line-quantity">× {item.quantity}</span>
                <span class="cart-line-price">{money(item.priceMinor * item.quantity, item.currency)}</span>
              </li>
            )}
          </For>
        </ul>
        <p class="cart-total">
          Total: <strong>{money(total())}</strong>
        </p>
        <button type="button" class="place-order" disabled={submitting()} onClick={() => void submit()}>
          {submitting() ? 'Placing order…' : 'Place order'}
        </button>
      </Show>
      <Switch>
        <Match when={outcome()?.kind === 'placed' && outcome()}>
          {(placed) => (
            <p class="order-placed" role="status">
              Order {(placed() as { orderId: string }).orderId} placed
            </p>
          )}
        </Match>
        <Match when={outcome()?.kind === 'signed-out'}>
          <p class="order-error" role="alert">
            Sign in to place your order
          </p>
        </Match>
        <Match when={outcome()?.kind === 'failed' && outcome()}>
          {(failed) => (
            <p class="order-error" role="alert">
              {(failed() as { detail: string }).detail}
            </p>
          )}
        </Match>
      </Switch>
    </section>
  );
}
