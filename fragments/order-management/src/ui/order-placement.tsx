import type { Address } from '@storefront/contracts';
import { createSignal, For, Match, Switch } from 'solid-js';
import type { CartBinding } from './cart-binding.js';
import { FormFields } from './FormFields.js';
import { ORDERS_API_PATH, placeOrder, type PlaceOrderOutcome } from './place-order.js';
import { SignInPrompt } from './SignInPrompt.js';

/** The order's own page, where placing an order lands (with or without JavaScript). */
export const orderConfirmationPath = (orderId: string) => `/orders/${encodeURIComponent(orderId)}`;

/**
 * "Place order" for the customer's cart to one address. The checkout render's idempotency key goes with it, as a
 * header or, without JavaScript, a form field: a double click or a retry after a lost answer orders once.
 */
export function createOrderPlacement(binding: CartBinding, idempotencyKey: string) {
  const [submitting, setSubmitting] = createSignal(false);
  const [outcome, setOutcome] = createSignal<PlaceOrderOutcome>();

  async function submit(address: Address) {
    if (submitting()) return;
    setSubmitting(true);
    setOutcome(undefined);
    const result = await placeOrder({ address, idempotencyKey, csrfHeaders: binding.csrfHeaders() });
    setOutcome(result);
    if (result.kind === 'placed') {
      // The order took the cart's lines: the header and mini cart show it empty before the next page comes.
      binding.replace([]);
      window.location.assign(orderConfirmationPath(result.orderId));
      return;
    }
    setSubmitting(false);
  }

  return { submitting, outcome, submit, idempotencyKey };
}

export type OrderPlacement = ReturnType<typeof createOrderPlacement>;

/** The address's fields as the no-JS form posts them (flat, beside the key); an absent line 2 is left out. */
const addressFields = (address: Address) =>
  Object.entries(address).filter((entry): entry is [string, string] => typeof entry[1] === 'string');

/**
 * The "Place order" form: without JavaScript (or before hydration) the browser posts it and the order service
 * answers 303 to the order's page; hydrated, the same order is placed with fetch.
 */
export function PlaceOrderForm(props: { placement: OrderPlacement; address: Address; csrfToken: string }) {
  return (
    <form
      class="place-order-form"
      method="post"
      action={ORDERS_API_PATH}
      onSubmit={(event) => {
        event.preventDefault();
        void props.placement.submit(props.address);
      }}
    >
      <FormFields csrfToken={props.csrfToken} />
      <input type="hidden" name="idempotencyKey" value={props.placement.idempotencyKey} />
      <For each={addressFields(props.address)}>
        {([name, value]) => <input type="hidden" name={name} value={value} />}
      </For>
      <button
        type="submit"
        class="place-order"
        data-testid="place-order"
        disabled={props.placement.submitting()}
      >
        {props.placement.submitting() ? 'Placing order…' : 'Place order'}
      </button>
    </form>
  );
}

export function OrderOutcome(props: { placement: OrderPlacement }) {
  const outcome = () => props.placement.outcome();
  return (
    <Switch>
      <Match when={outcome()?.kind === 'placed' && (outcome() as { orderId: string })}>
        {(placed) => (
          <p class="order-placed" role="status" data-testid="order-placed">
            Order {placed().orderId} placed.{' '}
            <a href={orderConfirmationPath(placed().orderId)}>See your order</a>
          </p>
        )}
      </Match>
      <Match when={outcome()?.kind === 'signed-out'}>
        <div class="order-error" role="alert">
          <SignInPrompt text="Sign in to place your order." />
        </div>
      </Match>
      <Match when={outcome()?.kind === 'failed' && (outcome() as { detail: string })}>
        {(failed) => (
          <p class="order-error" role="alert" data-testid="order-error">
            {failed().detail}
          </p>
        )}
      </Match>
    </Switch>
  );
}
