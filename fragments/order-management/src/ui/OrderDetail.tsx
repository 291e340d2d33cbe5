import { createSignal, For, Index, Match, Show, Switch, type JSX } from 'solid-js';
import type { Loaded, OrderSummary } from '../render-contract.js';
import { addressLines } from './address.js';
import { cancellable, cancelOrder, cancelPath, type CancelOrderOutcome } from './cancel-order.js';
import { formatDate, formatPrice } from '@storefront/contracts/format';
import { statusLabels } from './status-labels.js';
import { orderPagePath } from './Orders.js';
import { SignInPrompt } from './SignInPrompt.js';

interface OrderDetailProps {
  order: Loaded<OrderSummary>;
  locale: string;
  csrfToken: string;
  csrfHeaders(): Record<string, string>;
}

function OrderView(props: Omit<OrderDetailProps, 'order'> & { order: OrderSummary }) {
  const order = props.order;
  const money = (minor: number) => formatPrice(minor, order.currency, props.locale);
  const [status, setStatus] = createSignal(order.status);
  const [cancelling, setCancelling] = createSignal(false);
  const [outcome, setOutcome] = createSignal<CancelOrderOutcome>();

  async function cancel(event: SubmitEvent) {
    event.preventDefault();
    if (cancelling()) return;
    setCancelling(true);
    setOutcome(undefined);
    const result = await cancelOrder(order.id, props.csrfHeaders());
    if (result.kind === 'cancelled') setStatus(result.status);
    setOutcome(result);
    setCancelling(false);
  }

  return (
    <article class="order" aria-labelledby="order-heading" data-testid="order-detail">
      <h2 id="order-heading">Order {order.id}</h2>
      <p>
        Status:{' '}
        <strong class={`order-status status-${status()}`} data-testid="order-status">
          {statusLabels[status()]}
        </strong>
      </p>
      <p>Placed on {formatDate(order.createdAt, props.locale)}</p>
      <div class="sf-scroll-x">
        <table class="order-lines">
          <caption>Items in this order</caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Quantity</th>
              <th scope="col">Unit price</th>
              <th scope="col">Subtotal</th>
            </tr>
          </thead>
          <tbody>
            <For each={order.lines}>
              {(line) => (
                <tr data-testid="order-line">
                  <th scope="row">{line.name}</th>
                  <td>{line.quantity}</td>
                  <td>{money(line.unitPriceMinor)}</td>
                  <td>{money(line.unitPriceMinor * line.quantity)}</td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="3">
                Total
              </th>
              <td data-testid="order-total">{money(order.totalMinor)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <Show when={order.address}>
        {(address) => (
          <>
            <h3>Delivery address</h3>
            <address class="delivery-address" data-testid="delivery-address">
              {address().label}
              <Index each={addressLines(address())}>
                {(line) => (
                  <>
                    <br />
                    {line()}
                  </>
                )}
              </Index>
            </address>
          </>
        )}
      </Show>
      <Show when={cancellable(status())}>
        {/* Without JavaScript the browser posts the form and the order service answers 303 back to this page. */}
        <form class="cancel-order-form" method="post" action={cancelPath(order.id)} onSubmit={cancel}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="_redirect" value={orderPagePath(order.id)} />
          <button
            type="submit"
            class="cancel-order secondary"
            data-testid="cancel-order"
            disabled={cancelling()}
          >
            {cancelling() ? 'Cancelling…' : 'Cancel order'}
          </button>
        </form>
      </Show>
      <Switch>
        <Match when={outcome()?.kind === 'cancelled'}>
          <p class="order-placed" role="status">
            This order is cancelled.
          </p>
        </Match>
        <Match when={outcome()?.kind === 'signed-out'}>
          <div class="order-error" role="alert">
            <SignInPrompt text="Sign in to cancel this order." />
          </div>
        </Match>
        <Match when={outcome()?.kind === 'failed' && (outcome() as { detail: string })}>
          {(failed) => (
            <p class="order-error" role="alert" data-testid="cancel-error">
              {failed().detail}
            </p>
          )}
        </Match>
      </Switch>
      <p>
        <a href="/account">Back to your orders</a>
      </p>
    </article>
  );
}

/** `/orders/<id>`: one order, its lines and status, and "Cancel order" while it is placed or paid. */
export function OrderDetail(props: OrderDetailProps) {
  const order = props.order;
  const other = (heading: string, content: JSX.Element) => (
    <section class="order" aria-labelledby="order-heading">
      <h2 id="order-heading">{heading}</h2>
      {content}
    </section>
  );
  switch (order.kind) {
    case 'ok':
      return (
        <OrderView
          order={order.data}
          locale={props.locale}
          csrfToken={props.csrfToken}
          csrfHeaders={props.csrfHeaders}
        />
      );
    case 'signed-out':
      return other('Your order', <SignInPrompt text="Sign in to see this order." />);
    case 'not-found':
      return other(
        'Order not found',
        <p>
          There is no such order in your account. <a href="/account">Back to your orders</a>
        </p>,
      );
    default:
      return other(
        'Your order',
        <p class="order-error" role="alert">
          This order is unavailable right now. Please try again in a moment.
        </p>,
      );
  }
}
