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
  /** From the product service (`GET /products/categories`, cached briefly); none while it does not answer. */
  categories: { slug: string; name: string }[];
  /** The current search, shown in the search box. */
  query?: string;
}

/**
 * The shell's header: brand, search box (a GET form: works without JavaScript), category links, sign-in state, a
 * link to the editor for editors and the cart badge, bound to the shared store.
 */
export function Header({ initialCartCount, initialUser, categories, query }: HeaderProps) {
  const count = useSharedStore(selectCount, initialCartCount);
  const user = useSharedStore(selectUser, initialUser);
  const [signingOut, setSigningOut] = useState(false);
  const editor = user?.role === 'editor' || user?.role === 'admin';

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
      <form className="sf-search" action="/search" method="get" role="search" data-testid="search-form">
        <label htmlFor="sf-search-q" className="sf-visually-hidden">
          Search products
        </label>
        <input id="sf-search-q" type="search" name="q" placeholder="Search products" defaultValue={query} />
        <button type="submit">Search</button>
      </form>
      <nav className="sf-nav" aria-label="Categories" data-testid="category-nav">
        {categories.map((category) => (
          <a key={category.slug} href={`/c/${category.slug}`}>
            {category.name}
          </a>
        ))}
      </nav>
      <nav className="sf-nav" aria-label="Account">
        <a href="/account">Account</a>
        {editor ? (
          <a href="/editor" data-testid="editor-link">
            Editor
          </a>
        ) : null}
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
          <a href="/signin" data-testid="sign-in-link">
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
