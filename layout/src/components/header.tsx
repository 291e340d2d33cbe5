'use client';
import type { SessionUserView, StorefrontState } from '@storefront/store';
import { useState } from 'react';
import { loadSharedStore, useSharedStore } from './use-shared-store';

const selectCount = (state: StorefrontState) =>
  state.cart.items.reduce((count, item) => count + item.quantity, 0);
const selectUser = (state: StorefrontState) => state.session.user;

export interface HeaderProps {
  initialCartCount: number;
  initialUser: SessionUserView | null;
}

/** The shell's header: brand, navigation, sign-in state and the cart badge, bound to the shared store. */
export function Header({ initialCartCount, initialUser }: HeaderProps) {
  const count = useSharedStore(selectCount, initialCartCount);
  const user = useSharedStore(selectUser, initialUser);
  const [signingOut, setSigningOut] = useState(false);

  async function signOut() {
    setSigningOut(true);
    try {
      const store = await loadSharedStore();
      await fetch('/api/users/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { ...store.csrfHeaders() },
      });
      store.getStore().dispatch(store.sessionActions.set(null));
    } finally {
      // Every fragment renders for the signed-out visitor after a fresh load.
      window.location.assign('/');
    }
  }

  return (
    <header className="sf-header" data-testid="site-header">
      <a className="sf-brand" href="/">
        Storefront
      </a>
      <nav className="sf-nav" aria-label="Main">
        <a href="/products">Products</a>
        <a href="/account">Account</a>
      </nav>
      <div className="sf-session" data-testid="session-state" data-signed-in={user ? 'true' : 'false'}>
        {user ? (
          <>
            <span data-testid="session-user">{user.name}</span>
            <button type="button" onClick={signOut} disabled={signingOut}>
              Sign out
            </button>
          </>
        ) : (
          <a href="/account/sign-in" data-testid="sign-in-link">
            Sign in
          </a>
        )}
      </div>
      <a className="sf-cart" href="/cart" aria-label={`Cart, ${count} ${count === 1 ? 'item' : 'items'}`}>
        Cart{' '}
        <span className="sf-badge" data-testid="cart-badge">
          {count}
        </span>
      </a>
    </header>
  );
}
