import { afterNextRender, signal, type Signal } from '@angular/core';

/**
 * False in the server's HTML and until the browser has hydrated, then true: controls that need JavaScript (a
 * PATCH cannot be a form post) stay disabled until they work. Call in an injection context.
 */
export function enhancedSignal(): Signal<boolean> {
  const enhanced = signal(false);
  afterNextRender(() => enhanced.set(true));
  return enhanced.asReadonly();
}
