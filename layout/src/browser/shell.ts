// The shell's one script in the browser (a module after the import map on every page, see layout.tsx):
// the header's personal part follows the shared store, so a product added in the catalog or a sign-in in the
// dashboard shows at once. Everything else in the shell is HTML that works as it arrives.
import * as sharedStore from '@storefront/store/browser';
import type { StorefrontState } from '@storefront/store';
import { personalHeaderView } from '../lib/personal-header-view';

const selectCount = (state: StorefrontState) =>
  state.cart.items.reduce((count, item) => count + item.quantity, 0);
const selectUser = (state: StorefrontState) => state.session.user;

/** Re-renders the personal header whenever the store's user or cart count differ from what it shows. */
function followPersonalHeader(store: typeof sharedStore): void {
  const instance = store.getStore();
  let shown = { user: selectUser(instance.getState()), count: selectCount(instance.getState()) };
  const follow = () => {
    const state = instance.getState();
    const next = { user: selectUser(state), count: selectCount(state) };
    if (next.user === shown.user && next.count === shown.count) return;
    shown = next;
    const view = document.querySelector('[data-personal="header"] [data-personal-view]');
    const csrfToken = store.csrfHeaders()['x-csrf-token'] ?? '';
    if (view) view.innerHTML = personalHeaderView({ ...next, csrfToken });
  };
  instance.subscribe(follow);
  follow();
}

followPersonalHeader(sharedStore);
