/**
 * Sent on `document` when the page's shared state first changes (a cart line added, a session set): fragments
 * that wait to hydrate (podlet-kit's hydration loader) hydrate then, so every part showing that state follows it.
 */
export const STORE_CHANGED_EVENT = 'storefront:store-changed';
