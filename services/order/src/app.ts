import type { Express } from 'express';
import type { SessionVerifier } from '@storefront/auth';
import { createServiceApp, type Logger } from '@storefront/service-kit';
import type { PlaceOrderDependencies } from './domain/place-order.js';
import { orderOpenApi } from './entry-points/http/openapi.js';
import { ordersRoutes } from './entry-points/http/orders-routes.js';

export interface OrderAppDependencies extends PlaceOrderDependencies {
  logger: Logger;
  verifier: SessionVerifier;
  readiness: Record<string, () => Promise<unknown>>;
}

export function createOrderApp(deps: OrderAppDependencies): Express {
  return createServiceApp({
    name: 'order-service',
    logger: deps.logger,
    readiness: deps.readiness,
    sessionVerifier: deps.verifier,
    openapi: orderOpenApi(),
    routes: (app) => {
      app.use('/orders', ordersRoutes(deps));
    },
  });
}
