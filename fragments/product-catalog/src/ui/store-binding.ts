import { inject, onScopeDispose, shallowRef, type InjectionKey, type ShallowRef } from 'vue';
import type { StorefrontState, StorefrontStore } from '@storefront/store/browser';

/**
 * How the components reach the store: the page's shared store in the browser, a per-request one on the server.
 * `watch` has the semantics of `watch()` from @storefront/store/browser: call now, then on every change.
 */
export interface StoreBinding {
  watch<T>(selector: (state: StorefrontState) => T, onChange: (value: T) => void): () => void;
  dispatch: (action: Parameters<StorefrontStore['dispatch']>[0]) => void;
}

export const storeBindingKey: InjectionKey<StoreBinding> = Symbol('storefront-store');

export function useStoreBinding(): StoreBinding {
  const binding = inject(storeBindingKey);
  if (!binding) throw new Error('no StoreBinding provided to the product catalog app');
  return binding;
}

/** A ref that follows one selected value of the store for as long as the calling component lives. */
export function useStoreState<T>(selector: (state: StorefrontState) => T): Readonly<ShallowRef<T>> {
  const { watch } = useStoreBinding();
  const value = shallowRef() as ShallowRef<T>;
  const stop = watch(selector, (next) => {
    value.value = next;
  });
  onScopeDispose(stop);
  return value;
}
