// Not a data-fragment root: the client bundle may still load next to the fallback and must not hydrate it.
export const catalogFallback = () =>
  '<div class="fragment-fallback" data-fragment-fallback="product-catalog"><p>Products are unavailable right now. Please try again in a moment.</p></div>';
