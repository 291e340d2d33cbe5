import { generateHydrationScript, renderToString } from 'solid-js/web';
import type { RenderCart } from './render-contract.js';
import { Cart } from './ui/Cart.js';

export const render: RenderCart = ({ items, locale }) => {
  // A fresh binding per request: nothing rendered for one visitor can leak into another's page.
  const binding = { items: () => items, clear: () => {}, csrfHeaders: () => ({}) };
  return {
    html: renderToString(() => <Cart binding={binding} locale={locale} />),
    hydrationScript: generateHydrationScript(),
  };
};
