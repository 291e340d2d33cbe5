import { oneAtATime, sendCartChange, type CartChange, type CartRequest } from './cart-api.js';
import { decodeCartCookie } from './cart-cookie.js';
import { STORE_CHANGED_EVENT } from './page-events.js';
import { cartActions } from './slices/cart.js';
import {
  createStorefrontStore,
  sliceNames,
  type SliceName,
  type StorefrontState,
  type StorefrontStore,
} from './store.js';

export * from './index.js';
export { cartRequests, type CartChange, type CartRequest } from './cart-api.js';

const CART_COOKIE = 'sf_cart';
const CSRF_COOKIE = 'sf_csrf';

let store: StorefrontStore | undefined;

export function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  const entry = document.cookie.split('; ').find((part) => part.startsWith(prefix));
  return entry?.slice(prefix.length);
}

export function csrfHeaders(): Record<string, string> {
  const token = readCookie(CSRF_COOKIE);
  return token ? { 'x-csrf-token': decodeURIComponent(token) } : {};
}

function preloadedStateFromPage(): Partial<StorefrontState> {
  const state: Partial<Record<SliceName, unknown>> = {};
  for (const element of document.querySelectorAll<HTMLScriptElement>('script[data-store-slice]')) {
    const name = element.dataset.storeSlice as SliceName;
    // The first copy of a slice wins: the shell's personal include (session, cart) comes before every fragment, whose
    // public answers may be shared copies that know nothing of this visitor.
    if (!sliceNames.includes(name) || name in state) continue;
    try {
      state[name] = JSON.parse(element.textContent ?? 'null');
    } catch {
      // A broken slice leaves that part of the state at its initial value rather than breaking the page.
    }
  }
  // A page without the cart fragment still knows the cart from the order service's mirror of it.
  if (!state.cart) state.cart = { items: decodeCartCookie(readCookie(CART_COOKIE)) };
  return state as Partial<StorefrontState>;
}

/** Tells the fragments still waiting for their code that the state they show has changed (STORE_CHANGED_EVENT). */
function announceFirstChange(instance: StorefrontStore): void {
  const initial = instance.getState();
  const unsubscribe = instance.subscribe(() => {
    if (instance.getState() === initial) return;
    unsubscribe();
    document.dispatchEvent(new CustomEvent(STORE_CHANGED_EVENT));
  });
}

/** The page's one store: every fragment and the shell bind to this instance. */
export function getStore(): StorefrontStore {
  if (!store) {
    store = createStorefrontStore(preloadedStateFromPage());
    announceFirstChange(store);
  }
  return store;
}

const cartChanges = oneAtATime();

/**
 * Changes the cart on the server (the one place it lives), one change at a time, and, when that worked, puts the
 * server's answer into the store, so the header, the mini cart and the cart page all show it at once. The order
 * service also rewrites the `sf_cart` mirror in the same answer, so the next page's server render agrees.
 */
export async function changeCart(request: CartRequest): Promise<CartChange> {
  const change = await cartChanges(() => sendCartChange(request, csrfHeaders()));
  if (change.ok) getStore().dispatch(cartActions.replace(change.items));
  return change;
}

/** Calls onChange now and whenever the selected value changes; returns the unsubscribe function. */
export function watch<T>(selector: (state: StorefrontState) => T, onChange: (value: T) => void): () => void {
  const instance = getStore();
  let current = selector(instance.getState());
  onChange(current);
  return instance.subscribe(() => {
    const next = selector(instance.getState());
    if (Object.is(next, current)) return;
    current = next;
    onChange(next);
  });
}
