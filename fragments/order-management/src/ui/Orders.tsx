import { For, type JSX } from 'solid-js';
import type { Loaded, OrderSummary } from '../render-contract.js';
import { formatDate, formatPrice, shortOrderId } from '@storefront/contracts/format';
import { statusLabels } from './status-labels.js';
import { SignInPrompt } from './SignInPrompt.js';

export const orderPagePath = (id: string) => `/account/orders/${encodeURIComponent(id)}`;

/** `/orders`: the customer's orders, newest first, each with its status and a link to its page. */
export function Orders(props: { orders: Loaded<OrderSummary[]>; locale: string }) {
  const body = (): JSX.Element => {
    const orders = props.orders;
    switch (orders.kind) {
      case 'signed-out':
        return <SignInPrompt text="Sign in to see your orders." />;
      case 'ok':
        if (orders.data.length === 0) return <p class="orders-empty">You have no orders yet.</p>;
        return (
          <ul class="order-list">
            <For each={orders.data}>
              {(order) => (
                <li class="order-row" data-testid="order-row" data-order-id={order.id}>
                  <a href={orderPagePath(order.id)}>Order {shortOrderId(order.id)}</a>
                  <span class="order-date">{formatDate(order.createdAt, props.locale)}</span>
                  <span class="order-total">
                    {formatPrice(order.totalMinor, order.currency, props.locale)}
                  </span>
                  <span class={`order-status status-${order.status}`} data-testid="order-status">
                    {statusLabels[order.status]}
                  </span>
                </li>
              )}
            </For>
          </ul>
        );
      default:
        return (
          <p class="order-error" role="alert">
            Your orders are unavailable right now. Please try again in a moment.
          </p>
        );
    }
  };
  return (
    <section class="orders" aria-labelledby="orders-heading">
      <h2 id="orders-heading">Your orders</h2>
      {body()}
    </section>
  );
}
