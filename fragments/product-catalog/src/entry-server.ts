import { renderToString } from 'vue/server-renderer';
import { createStorefrontStore } from '@storefront/store';
import type { RenderCatalog } from './render-contract.js';
import { createCatalogApp } from './ui/create-app.js';
import type { StoreBinding } from './ui/store-binding.js';

export const render: RenderCatalog = async ({ catalog, view, locale, pagePath }) => {
  // A fresh store per request: nothing rendered for one visitor can leak into another's page.
  const store = createStorefrontStore({ catalog });
  const binding: StoreBinding = {
    // Rendering is one pass; nothing changes the store during it, so no subscription is needed.
    watch: (selector, onChange) => {
      onChange(selector(store.getState()));
      return () => {};
    },
    dispatch: store.dispatch,
  };
  return renderToString(createCatalogApp(binding, { locale, pagePath, view }));
};
