import type { Express } from 'express';
import type { ServiceTokens, SessionVerifier } from '@storefront/auth';
import { createServiceApp, requireService, type Logger, type SessionRegistry } from '@storefront/service-kit';
import type { CatalogWriter } from './data-access/catalog-writer.js';
import type { StockRepository } from './data-access/stock-repository.js';
import type { CatalogDependencies } from './domain/catalog-dependencies.js';
import type { PreviewTokens } from './domain/preview-token.js';
import { editorRoutes } from './entry-points/http/editor-routes.js';
import { productOpenApi } from './entry-points/http/openapi.js';
import { productsRoutes } from './entry-points/http/products-routes.js';
import { reservationsRoutes } from './entry-points/http/reservations-routes.js';

export interface ProductAppDependencies extends CatalogDependencies {
  stock: StockRepository;
  writer: CatalogWriter;
  /** Reads the sf_session cookie: editors and admins manage the catalog and see drafts. */
  verifier: SessionVerifier;
  /** Revoked sessions and current roles, as the user service writes them. */
  sessionRegistry: SessionRegistry;
  /** Checks the service tokens of the internal routes (the order service's lookups and reservations). */
  serviceTokens: ServiceTokens;
  /** Express's `trust proxy` (TRUST_PROXY). */
  trustProxy?: string[];
  preview: PreviewTokens;
  /** The Secure flag of the sf_preview cookie (COOKIE_SECURE). */
  cookieSecure: boolean;
  /** Wakes the outbox relay after a write, so events leave at once rather than at the next poll. */
  kickRelay?: () => void;
  logger: Logger;
  readiness: Record<string, () => Promise<unknown>>;
}

/** The audience of service tokens for this service; the callers its internal routes admit. */
export const PRODUCT_SERVICE_AUDIENCE = 'product-service';
const INTERNAL_CALLERS = ['order-service'] as const;

export function createProductApp(deps: ProductAppDependencies): Express {
  return createServiceApp({
    name: 'product-service',
    logger: deps.logger,
    readiness: deps.readiness,
    sessionVerifier: deps.verifier,
    sessionRegistry: deps.sessionRegistry,
    trustProxy: deps.trustProxy,
    // CSRF is decided per route: the unsafe routes under /products/reservations and /products/lookup are internal,
    // called by the order service with its service token. The editors' routes require CSRF themselves.
    csrf: false,
    openapi: productOpenApi(),
    routes: (app) => {
      const onlyServices = requireService(deps.serviceTokens, PRODUCT_SERVICE_AUDIENCE, INTERNAL_CALLERS);
      // Before the product routes, whose '/:slug' would otherwise claim '/reservations', '/manage', ….
      app.use('/products/reservations', reservationsRoutes(deps, onlyServices));
      app.use('/products', editorRoutes(deps));
      app.use('/products', productsRoutes(deps, onlyServices));
    },
  });
}
