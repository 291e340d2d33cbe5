import { getStore, watch } from '@storefront/store/browser';
import type { CatalogView } from './render-contract.js';
import { createCatalogApp } from './ui/create-app.js';

/** The view the server rendered with: the JSON script right after the fragment's root. */
function viewOf(root: HTMLElement): CatalogView | undefined {
  const script = root.nextElementSibling;
  if (!(script instanceof HTMLScriptElement) || !script.hasAttribute('data-catalog-view')) return undefined;
  try {
    return JSON.parse(script.textContent ?? '') as CatalogView;
  } catch {
    return undefined;
  }
}

for (const root of document.querySelectorAll<HTMLElement>('[data-fragment="product-catalog"]')) {
  const view = viewOf(root);
  // Without its view the server HTML stays as it is: links and forms keep working without JavaScript.
  if (!view) continue;
  const app = createCatalogApp(
    { watch, dispatch: (action) => getStore().dispatch(action) },
    { locale: root.dataset.locale ?? 'en-US', pagePath: root.dataset.pagePath ?? '/', view },
  );
  app.mount(root);
}
