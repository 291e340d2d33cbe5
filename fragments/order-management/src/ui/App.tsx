import type { JSX } from 'solid-js';
import type { PageView } from '../render-contract.js';
import type { CartBinding } from './cart-binding.js';
import { Cart } from './Cart.js';
import { Checkout } from './Checkout.js';
import { MiniCart } from './MiniCart.js';
import { OrderDetail } from './OrderDetail.js';
import { Orders } from './Orders.js';

export interface AppProps {
  binding: CartBinding;
  view: PageView;
  locale: string;
  csrfToken: string;
}

/** The fragment's page for its path; the same tree on the server and in the browser, so hydration adopts it. */
export function App(props: AppProps): JSX.Element {
  const view = props.view;
  switch (view.page) {
    case 'mini-cart':
      return <MiniCart binding={props.binding} locale={props.locale} />;
    case 'cart':
      return <Cart binding={props.binding} locale={props.locale} csrfToken={props.csrfToken} />;
    case 'checkout':
      return (
        <Checkout
          binding={props.binding}
          locale={props.locale}
          profile={view.profile}
          choice={view.choice}
          idempotencyKey={view.idempotencyKey}
          csrfToken={props.csrfToken}
        />
      );
    case 'orders':
      return <Orders orders={view.orders} locale={props.locale} />;
    case 'order':
      return (
        <OrderDetail
          order={view.order}
          locale={props.locale}
          csrfToken={props.csrfToken}
          csrfHeaders={props.binding.csrfHeaders}
        />
      );
    case 'none':
      // A page this fragment does not serve: nothing visible.
      return null;
  }
}
