import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { watch, type StorefrontState } from '@storefront/store/browser';

/** A Solid signal that follows one selected value of the page's shared store until its owner is disposed. */
export function createStoreSignal<T>(selector: (state: StorefrontState) => T): Accessor<T> {
  const [value, setValue] = createSignal<T>(undefined as T);
  // watch() calls back at once with the current value, so the signal is never read unset.
  const stop = watch(selector, (next) => setValue(() => next));
  onCleanup(stop);
  return value;
}
