import { createSignal } from 'solid-js';
import { hydrate } from 'solid-js/web';
import './ui/cart.css';
import {
  cartActions,
  changeCart,
  csrfHeaders,
  getStore,
  selectCartItems,
  watch,
  type CartItem,
} from '@storefront/store/browser';
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

/**
 * The cart lines the server rendered (the slice right after the root). The code may load after the shared cart has
 * changed (it hydrates when another fragment adds to the cart): hydration must meet the DOM as it was rendered.
 */
function renderedItems(root: HTMLElement): CartItem[] | undefined {
  const script = root.nextElementSibling;
  if (!(script instanceof HTMLScriptElement) || script.dataset.storeSlice !== 'cart') return undefined;
  try {
    return (JSON.parse(script.textContent ?? '') as { items: CartItem[] }).items;
  } catch {
    return undefined;
  }
}

const root = document.querySelector<HTMLElement>('[data-fragment="order-management"]');
if (root) {
  const locale = root.dataset.locale ?? 'en-US';
  const { view, csrfToken } = hydrationState(root);
  const rendered = renderedItems(root);
  const [items, setItems] = createSignal<CartItem[]>(rendered ?? []);
  hydrate(() => {
    const dispatch = getStore().dispatch;
    // The page's one shared store: a change here shows in the header and every other fragment at once.
    const binding: CartBinding = {
      items: rendered ? items : createStoreSignal(selectCartItems),
      change: changeCart,
      replace: (items) => dispatch(cartActions.replace(items)),
      csrfHeaders,
    };
    return <App binding={binding} view={view} locale={locale} csrfToken={csrfToken} />;
  }, root);
  // Hydrated: from now on the lines follow the shared store, starting with any change made while the code loaded.
  if (rendered) watch(selectCartItems, (next) => setItems(() => next));
}
