import type { Express } from 'express';
import { createServiceApp, type Logger } from '@storefront/service-kit';
import type { CatalogDependencies } from './domain/catalog-dependencies.js';
import type { StockRepository } from './data-access/stock-repository.js';
import { productsRoutes } from './entry-points/http/products-routes.js';
import { reservationsRoutes } from './entry-points/http/reservations-routes.js';

export interface ProductAppDependencies extends CatalogDependencies {
  stock: StockRepository;
  logger: Logger;
  readiness: Record<string, () => Promise<unknown>>;
}

export function createProductApp(deps: ProductAppDependencies): Express {
  return createServiceApp({
    name: 'product-service',
    logger: deps.logger,
    readiness: deps.readiness,
    // CSRF is decided per route: the unsafe routes today are internal (lookup, reservations), called by the order
    // service and never routed by the gateway. Browser writes mount service-kit's requireCsrf on their own router.
    csrf: false,
    routes: (app) => {
      // Before the product routes, whose '/:slug' would otherwise claim '/reservations'.
      app.use('/products/reservations', reservationsRoutes(deps));
      app.use('/products', productsRoutes(deps));
    },
  });
}
