import { getStore, watch } from '@storefront/store/browser';
import { createCatalogApp } from './ui/create-app.js';

for (const root of document.querySelectorAll<HTMLElement>('[data-fragment="product-catalog"]')) {
  const app = createCatalogApp(
    { watch, dispatch: (action) => getStore().dispatch(action) },
    { locale: root.dataset.locale ?? 'en-US', pagePath: root.dataset.pagePath ?? '/' },
  );
  app.mount(root);
}
