import type { Address } from '@storefront/contracts';
import { createSignal, For, Index, Show } from 'solid-js';
import type { Loaded } from '../render-contract.js';
import { addressLines, chooseAddress, NEW_ADDRESS, newAddressFields, type AddressChoice } from './address.js';
import { cartTotalMinor, type CartBinding } from './cart-binding.js';
import { formatPrice } from '@storefront/contracts/format';
import { createOrderPlacement, OrderOutcome, PlaceOrderForm } from './order-placement.js';
import { SignInPrompt } from './SignInPrompt.js';

export interface CheckoutProps {
  binding: CartBinding;
  locale: string;
  profile: Loaded<{ addresses: Address[] }>;
  choice: Record<string, string>;
  idempotencyKey: string;
  csrfToken: string;
}

function AddressText(props: { address: Address }) {
  return (
    <address class="delivery-address" data-testid="delivery-address">
      <strong>{props.address.label}</strong>
      <Index each={addressLines(props.address)}>
        {(line) => (
          <>
            <br />
            {line()}
          </>
        )}
      </Index>
    </address>
  );
}

/**
 * `/checkout`: choose an address (one of the profile's, or a new one), review, place. The address form is a GET
 * to /checkout, so without JavaScript the server renders the review; with it, the step changes in place.
 */
export function Checkout(props: CheckoutProps) {
  const items = () => props.binding.items();
  const money = (minor: number, code = items()[0]?.currency ?? 'EUR') =>
    formatPrice(minor, code, props.locale);
  const addresses = props.profile.kind === 'ok' ? props.profile.data.addresses : [];
  const [step, setStep] = createSignal<AddressChoice>(chooseAddress(props.choice, addresses));
  const chosen = () => {
    const current = step();
    return current.kind === 'chosen' ? current.address : undefined;
  };
  const placement = createOrderPlacement(props.binding, props.idempotencyKey);
  const preselected = props.choice.address ?? (addresses.length > 0 ? '0' : NEW_ADDRESS);
  const errors = () => {
    const current = step();
    return current.kind === 'invalid' ? current.errors : [];
  };

  function submitAddress(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    new FormData(event.currentTarget).forEach((value, key) => {
      if (typeof value === 'string') fields[key] = value;
    });
    setStep(chooseAddress(fields, addresses));
  }

  if (props.profile.kind === 'signed-out') {
    return (
      <section class="checkout" aria-labelledby="checkout-heading">
        <h2 id="checkout-heading">Checkout</h2>
        <SignInPrompt text="Sign in to check out." />
      </section>
    );
  }

  return (
    <section class="checkout" aria-labelledby="checkout-heading">
      <h2 id="checkout-heading">Checkout</h2>
      <Show
        when={items().length > 0}
        fallback={
          <p class="cart-empty">
            Your cart is empty. <a href="/">Continue shopping</a>
          </p>
        }
      >
        <Show
          when={chosen()}
          fallback={
            <form class="checkout-address-form" method="get" action="/checkout" onSubmit={submitAddress}>
              <Show when={errors().length > 0}>
                <div class="order-error" role="alert" data-testid="address-errors">
                  <p>Please check the address:</p>
                  <ul>
                    <For each={errors()}>{(error) => <li>{error.message}</li>}</For>
                  </ul>
                </div>
              </Show>
              <Show when={props.profile.kind === 'unavailable'}>
                <p class="order-note">Your saved addresses are unavailable right now; you can type one in.</p>
              </Show>
              <fieldset class="address-choice">
                <legend>
                  <h3 class="legend-heading">Delivery address</h3>
                </legend>
                <Index each={addresses}>
                  {(address, index) => (
                    <div class="address-option">
                      <input
                        type="radio"
                        name="address"
                        id={`checkout-address-${index}`}
                        value={String(index)}
                        data-testid="checkout-address"
                        checked={preselected === String(index)}
                      />
                      <label for={`checkout-address-${index}`}>
                        {address().label}: {addressLines(address()).join(', ')}
                      </label>
                    </div>
                  )}
                </Index>
                <div class="address-option">
                  <input
                    type="radio"
                    name="address"
                    id="checkout-address-new"
                    value={NEW_ADDRESS}
                    data-testid="checkout-address-new"
                    checked={preselected === NEW_ADDRESS}
                  />
                  <label for="checkout-address-new">A new address</label>
                </div>
              </fieldset>
              <fieldset class="new-address" data-testid="new-address">
                <legend>New address</legend>
                <For each={newAddressFields}>
                  {(field) => (
                    <div class="field">
                      <label for={`new-address-${field.name}`}>{field.label}</label>
                      <input
                        id={`new-address-${field.name}`}
                        name={field.name}
                        type="text"
                        maxLength={field.max}
                        autocomplete={field.autocomplete}
                        value={props.choice[field.name] ?? ''}
                      />
                    </div>
                  )}
                </For>
              </fieldset>
              <button type="submit" class="review-order" data-testid="review-order">
                Review order
              </button>
            </form>
          }
        >
          {(address) => (
            <section class="checkout-review" aria-labelledby="review-heading" data-testid="checkout-review">
              <h3 id="review-heading">Review your order</h3>
              <h4>Delivery address</h4>
              <AddressText address={address()} />
              <p>
                <a
                  href="/checkout"
                  data-testid="change-address"
                  onClick={(event) => {
                    event.preventDefault();
                    setStep({ kind: 'none' });
                  }}
                >
                  Change address
                </a>
              </p>
              <h4>Items</h4>
              <ul class="cart-lines">
                <Index each={items()}>
                  {(item) => (
                    <li class="cart-line" data-testid="cart-line" data-product-id={item().productId}>
                      <span class="cart-line-name">{item().name}</span>
                      <span class="cart-line-quantity">× {item().quantity}</span>
                      <span class="cart-line-price">
                        {money(item().priceMinor * item().quantity, item().currency)}
                      </span>
                    </li>
                  )}
                </Index>
              </ul>
              <p class="cart-total" data-testid="cart-total">
                Total: <strong>{money(cartTotalMinor(items()))}</strong>
              </p>
              <PlaceOrderForm placement={placement} address={address()} csrfToken={props.csrfToken} />
            </section>
          )}
        </Show>
      </Show>
      <OrderOutcome placement={placement} />
    </section>
  );
}
