import { generateHydrationScript, renderToString } from 'solid-js/web';
import type { RenderPage } from './render-contract.js';
import { App } from './ui/App.js';
import { staticCartBinding } from './ui/cart-binding.js';

// The typecheck resolves solid-js/web to its client types (no options); the SSR build's takes `{ nonce }`.
const hydrationScriptOf = generateHydrationScript as (options?: { nonce?: string }) => string;

export const render: RenderPage = ({ items, locale, view, csrfToken, cspNonce }) => {
  // A fresh binding per request: nothing rendered for one visitor can leak into another's page.
  const binding = staticCartBinding(items);
  return {
    html: renderToString(() => <App binding={binding} view={view} locale={locale} csrfToken={csrfToken} />),
    // Inline and executable: it carries the page's CSP nonce (no nonce, no hydration under the page's CSP).
    hydrationScript: hydrationScriptOf(cspNonce ? { nonce: cspNonce } : {}),
  };
};
