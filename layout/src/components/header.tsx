'use client';
import type { StorefrontState } from '@storefront/store';
import { useEffect, useRef } from 'react';
import { personalHeaderView } from '../lib/personal-header-view';
import { loadSharedStore } from './use-shared-store';

const selectCount = (state: StorefrontState) =>
  state.cart.items.reduce((count, item) => count + item.quantity, 0);
const selectUser = (state: StorefrontState) => state.session.user;

export interface HeaderProps {
  /** From the product service (`GET /products/categories`, cached briefly); none while it does not answer. */
  categories: { slug: string; name: string }[];
  /**
   * The personal part (account links, sign-in state, cart badge): nginx's include directive, or its HTML when the
   * layout composes itself. React renders it once and never touches what is inside.
   */
  personal: string;
  /** The current search, shown in the search box. */
  query?: string;
}

/**
 * The shell's header: brand, search box (a GET form: works without JavaScript), category links, and the personal
 * part, which follows the shared store once the page runs: a product added in the catalog, a sign-in in the
 * dashboard show at once.
 */
export function Header({ categories, personal, query }: HeaderProps) {
  const personalRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let active = true;
    let unsubscribe: (() => void) | undefined;
    loadSharedStore()
      .then((store) => {
        if (!active) return;
        const instance = store.getStore();
        let shown = { user: selectUser(instance.getState()), count: selectCount(instance.getState()) };
        const follow = () => {
          const state = instance.getState();
          const next = { user: selectUser(state), count: selectCount(state) };
          if (next.user === shown.user && next.count === shown.count) return;
          shown = next;
          const view = personalRef.current?.querySelector('[data-personal-view]');
          const csrfToken = store.csrfHeaders()['x-csrf-token'] ?? '';
          if (view) view.innerHTML = personalHeaderView({ ...next, csrfToken });
        };
        unsubscribe = instance.subscribe(follow);
        follow();
      })
      .catch((error: unknown) => {
        // Without the store the header keeps showing what the server rendered.
        console.error('shared store unavailable', error);
      });
    return () => {
      active = false;
      unsubscribe?.();
    };
  }, []);

  return (
    <header className="sf-header" data-testid="site-header">
      <div className="sf-header-bar">
        <a className="sf-brand" href="/">
          Storefront
        </a>
        {/* On a phone the categories fold into a menu that opens without JavaScript; wider, it is always open. */}
        <details className="sf-menu">
          <summary className="sf-menu-toggle">Categories</summary>
          <nav className="sf-nav sf-categories" aria-label="Categories" data-testid="category-nav">
            {categories.map((category) => (
              <a key={category.slug} href={`/c/${category.slug}`}>
                {category.name}
              </a>
            ))}
          </nav>
        </details>
        <form className="sf-search" action="/search" method="get" role="search" data-testid="search-form">
          <label htmlFor="sf-search-q" className="sf-visually-hidden">
            Search products
          </label>
          <input id="sf-search-q" type="search" name="q" placeholder="Search products" defaultValue={query} />
          <button type="submit" className="secondary">
            Search
          </button>
        </form>
        <div
          ref={personalRef}
          className="sf-personal"
          data-personal="header"
          suppressHydrationWarning
          dangerouslySetInnerHTML={{ __html: personal }}
        />
      </div>
    </header>
  );
}
