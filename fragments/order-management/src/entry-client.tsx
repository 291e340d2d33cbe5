import { hydrate } from 'solid-js/web';
import './ui/cart.css';
import { cartActions, changeCart, csrfHeaders, getStore, selectCartItems } from '@storefront/store/browser';
import type { HydrationState, PageName, PageView } from './render-contract.js';
import { App } from './ui/App.js';
import type { CartBinding } from './ui/cart-binding.js';
import { createStoreSignal } from './ui/store-signal.js';

function hydrationState(root: HTMLElement): HydrationState {
  const element = document.querySelector('script[data-order-management-state]');
  if (element) {
    try {
      return JSON.parse(element.textContent ?? '') as HydrationState;
    } catch {
      // Fall through: the cart pages need nothing but their name.
    }
  }
  return { view: { page: (root.dataset.page ?? 'mini-cart') as PageName } as PageView, csrfToken: '' };
}

const root = document.querySelector<HTMLElement>('[data-fragment="order-management"]');
if (root) {
  const locale = root.dataset.locale ?? 'en-US';
  const { view, csrfToken } = hydrationState(root);
  hydrate(() => {
    const dispatch = getStore().dispatch;
    // The page's one shared store: a change here shows in the header and every other fragment at once.
    const binding: CartBinding = {
      items: createStoreSignal(selectCartItems),
      change: changeCart,
      replace: (items) => dispatch(cartActions.replace(items)),
      csrfHeaders,
    };
    return <App binding={binding} view={view} locale={locale} csrfToken={csrfToken} />;
  }, root);
}
