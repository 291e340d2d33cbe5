import type { Express } from 'express';
import type { SessionVerifier } from '@storefront/auth';
import { createServiceApp, type Logger, type SessionRegistry } from '@storefront/service-kit';
import type { PlaceOrderDependencies } from './domain/place-order.js';
import { cartRoutes } from './entry-points/http/cart-routes.js';
import { orderOpenApi } from './entry-points/http/openapi.js';
import { ordersRoutes } from './entry-points/http/orders-routes.js';

export interface OrderAppDependencies extends PlaceOrderDependencies {
  logger: Logger;
  verifier: SessionVerifier;
  /** Revoked sessions and current roles, as the user service writes them. */
  sessionRegistry: SessionRegistry;
  /** Express's `trust proxy` (TRUST_PROXY). */
  trustProxy?: string[];
  readiness: Record<string, () => Promise<unknown>>;
  /** The Secure flag of the cart cookies (COOKIE_SECURE). */
  cookieSecure: boolean;
  /** New visitors' carts per client address and minute. */
  newCartsPerMinute?: number;
}

/** The name it logs under and signs its service tokens with. */
export const ORDER_SERVICE_NAME = 'order-service';

export function createOrderApp(deps: OrderAppDependencies): Express {
  return createServiceApp({
    name: ORDER_SERVICE_NAME,
    logger: deps.logger,
    readiness: deps.readiness,
    sessionVerifier: deps.verifier,
    sessionRegistry: deps.sessionRegistry,
    trustProxy: deps.trustProxy,
    openapi: orderOpenApi(),
    routes: (app) => {
      // Before the orders: `/orders/cart` is the cart, not an order called "cart".
      app.use('/orders/cart', cartRoutes(deps));
      app.use('/orders', ordersRoutes(deps));
    },
  });
}
