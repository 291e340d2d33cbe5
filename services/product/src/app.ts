import type { Express } from 'express';
import { createServiceApp, type Logger } from '@storefront/service-kit';
import type { CatalogDependencies } from './domain/catalog-dependencies.js';
import { productsRoutes } from './entry-points/http/products-routes.js';

export interface ProductAppDependencies extends CatalogDependencies {
  logger: Logger;
  readiness: Record<string, () => Promise<unknown>>;
}

export function createProductApp(deps: ProductAppDependencies): Express {
  return createServiceApp({
    name: 'product-service',
    logger: deps.logger,
    readiness: deps.readiness,
    // CSRF is decided per route: the only unsafe route today is the internal lookup, which is a read. Browser
    // writes (the editor's routes) mount service-kit's requireCsrf on their own router.
    csrf: false,
    routes: (app) => {
      app.use('/products', productsRoutes(deps));
    },
  });
}
