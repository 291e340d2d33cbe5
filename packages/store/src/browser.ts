import { decodeCartCookie, encodeCartCookie } from './cart-cookie.js';
import { STORE_CHANGED_EVENT } from './page-events.js';
import {
  createStorefrontStore,
  sliceNames,
  type SliceName,
  type StorefrontState,
  type StorefrontStore,
} from './store.js';

export * from './index.js';

const CART_COOKIE = 'sf_cart';
const CSRF_COOKIE = 'sf_csrf';
const CART_COOKIE_MAX_AGE = 60 * 60 * 24 * 30;

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
  // A page without the cart fragment still knows the cart from the cookie.
  if (!state.cart) state.cart = { items: decodeCartCookie(readCookie(CART_COOKIE)) };
  return state as Partial<StorefrontState>;
}

function persistCart(instance: StorefrontStore): void {
  let last = instance.getState().cart;
  instance.subscribe(() => {
    const cart = instance.getState().cart;
    if (cart === last) return;
    last = cart;
    document.cookie = `${CART_COOKIE}=${encodeCartCookie(cart.items)}; Path=/; Max-Age=${CART_COOKIE_MAX_AGE}; SameSite=Lax`;
  });
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
    persistCart(store);
    announceFirstChange(store);
  }
  return store;
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
