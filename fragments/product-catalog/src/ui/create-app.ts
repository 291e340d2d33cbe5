import { createSSRApp } from 'vue';
import ProductCatalog from './ProductCatalog.vue';
import { storeBindingKey, type StoreBinding } from './store-binding.js';

/** The same app on both sides, so the browser's first render matches the server's HTML exactly. */
export function createCatalogApp(binding: StoreBinding, props: { locale: string; pagePath: string }) {
  const app = createSSRApp(ProductCatalog, props);
  app.provide(storeBindingKey, binding);
  return app;
}
