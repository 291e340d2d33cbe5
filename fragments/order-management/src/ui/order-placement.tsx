import { createSignal, Match, Switch } from 'solid-js';
import type { CartBinding } from './cart-binding.js';
import { createSubmissionKeys } from './idempotency-key.js';
import { placeOrder, type PlaceOrderOutcome } from './place-order.js';
import { SignInPrompt } from './SignInPrompt.js';

/** "Place order" for the cart in the store: one idempotency key per cart submission, so a double click orders once. */
export function createOrderPlacement(binding: CartBinding, onPlaced?: (orderId: string) => void) {
  const [submitting, setSubmitting] = createSignal(false);
  const [outcome, setOutcome] = createSignal<PlaceOrderOutcome>();
  const keys = createSubmissionKeys();

  async function submit() {
    const items = binding.items();
    if (submitting() || items.length === 0) return;
    setSubmitting(true);
    setOutcome(undefined);
    const result = await placeOrder({
      items,
      idempotencyKey: keys.keyFor(items),
      csrfHeaders: binding.csrfHeaders(),
    });
    if (result.kind === 'placed') {
      keys.settled();
      onPlaced?.(result.orderId);
      binding.clear();
    }
    setOutcome(result);
    setSubmitting(false);
  }

  return { submitting, outcome, submit };
}

export type OrderPlacement = ReturnType<typeof createOrderPlacement>;

export function PlaceOrderButton(props: { placement: OrderPlacement }) {
  return (
    <button
      type="button"
      class="place-order"
      data-testid="place-order"
      disabled={props.placement.submitting()}
      onClick={() => void props.placement.submit()}
    >
      {props.placement.submitting() ? 'Placing order…' : 'Place order'}
    </button>
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
            <a href={`/account/orders/${encodeURIComponent(placed().orderId)}`}>See your order</a>
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
