import { hydrate } from 'solid-js/web';
import './ui/cart.css';
import { cartActions, csrfHeaders, getStore, selectCartItems } from '@storefront/store/browser';
import { Cart } from './ui/Cart.js';
import { createStoreSignal } from './ui/store-signal.js';

const root = document.querySelector<HTMLElement>('[data-fragment="order-management"]');
if (root) {
  const locale = root.dataset.locale ?? 'en-US';
  hydrate(() => {
    const binding = {
      items: createStoreSignal(selectCartItems),
      clear: () => getStore().dispatch(cartActions.clear()),
      csrfHeaders,
    };
    return <Cart binding={binding} locale={locale} />;
  }, root);
}
