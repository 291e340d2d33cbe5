// Not a data-fragment root: the client bundle may still load next to the fallback and must not hydrate it.
export const dashboardFallback = () =>
  '<div class="fragment-fallback" data-fragment-fallback="user-dashboard"><p>Your account is unavailable right now. Please try again in a moment.</p></div>';
