// Not a data-fragment root: the client bundle may still load next to the fallback and must not hydrate it.
export const cartFallback = () =>
  '<div class="fragment-fallback" data-fragment-fallback="order-management"><p>Your cart is unavailable right now. Please try again in a moment.</p></div>';
