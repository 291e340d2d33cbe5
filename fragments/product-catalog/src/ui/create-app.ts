import { createSSRApp } from 'vue';
import type { CatalogView } from '../render-contract.js';
import CatalogRoot from './CatalogRoot.vue';
import { storeBindingKey, type StoreBinding } from './store-binding.js';

export interface CatalogAppProps {
  locale: string;
  pagePath: string;
  view: CatalogView;
}

/** The same app on both sides, so the browser's first render matches the server's HTML exactly. */
export function createCatalogApp(binding: StoreBinding, props: CatalogAppProps) {
  const app = createSSRApp(CatalogRoot, { ...props });
  app.provide(storeBindingKey, binding);
  return app;
}
