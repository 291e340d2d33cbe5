'use client';
import { useEffect, useState } from 'react';
import type { StorefrontState } from '@storefront/store';

type StoreModule = typeof import('@storefront/store/browser');

let loading: Promise<StoreModule> | undefined;

/**
 * The page's one shared store module, loaded at run time through the import map (`@storefront/store/browser` →
 * `/_shared/store.js`) so the shell and every fragment bind to the same instance. The bundler must leave this
 * import alone.
 */
export function loadSharedStore(): Promise<StoreModule> {
  loading ??= import(/* webpackIgnore: true */ '@storefront/store/browser') as Promise<StoreModule>;
  return loading;
}

/**
 * A value from the shared store: the server-rendered value first (so hydration matches the HTML), then the
 * store's, kept current through `watch`. `selector` must be stable (defined at module level).
 */
export function useSharedStore<T>(selector: (state: StorefrontState) => T, serverValue: T): T {
  const [value, setValue] = useState<T>(serverValue);
  useEffect(() => {
    let active = true;
    let unsubscribe: (() => void) | undefined;
    loadSharedStore()
      .then((store) => {
        if (active) unsubscribe = store.watch(selector, (next) => setValue(() => next));
      })
      .catch((error: unknown) => {
        // Without the store the header keeps showing what the server rendered.
        console.error('shared store unavailable', error);
      });
    return () => {
      active = false;
      unsubscribe?.();
    };
  }, [selector]);
  return value;
}
