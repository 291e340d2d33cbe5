import { generateHydrationScript, renderToString } from 'solid-js/web';
import type { RenderPage } from './render-contract.js';
import { App } from './ui/App.js';
import { staticCartBinding } from './ui/cart-binding.js';

export const render: RenderPage = ({ items, locale, view, csrfToken }) => {
  // A fresh binding per request: nothing rendered for one visitor can leak into another's page.
  const binding = staticCartBinding(items);
  return {
    html: renderToString(() => <App binding={binding} view={view} locale={locale} csrfToken={csrfToken} />),
    hydrationScript: generateHydrationScript(),
  };
};
