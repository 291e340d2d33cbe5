import { describe, expect, it } from 'vitest';
import { createLogger, expressRoutes } from '@storefront/service-kit';
import { openApiDocumentChecks } from '@storefront/service-kit/testing';
import { createOrderApp, type OrderAppDependencies } from '../src/app.js';
import { startOrderService } from './support/order-service.js';

/** The app as server.ts builds it, for its router only: nothing here is called. */
function routerOnlyApp() {
  const unused = {} as never;
  return createOrderApp({
    logger: createLogger('order-openapi-test', 'silent'),
    readiness: {},
    orders: unused,
    carts: unused,
    cookieSecure: true,
    catalog: unused,
    kickRelay: () => {},
    verifier: unused,
    sessionRegistry: unused,
  } satisfies OrderAppDependencies);
}

describe('the OpenAPI document', () => {
  const document = openApiDocumentChecks({
    start: startOrderService,
    routes: () => expressRoutes(routerOnlyApp()),
  });

  it('asks for the Idempotency-Key, the session and the CSRF pair when placing an order', () => {
    const place = document().paths?.['/orders']?.post;
    expect(place?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'header', name: 'Idempotency-Key', required: true }),
      ]),
    );
    expect(place?.security).toEqual([{ sessionCookie: [], csrfHeader: [], csrfCookie: [] }]);
    expect(place?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/PlaceOrderRequest' } } },
    });
    expect(place?.responses?.['201']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderView' } } },
    });
    for (const status of ['400', '401', '403', '409', '422']) {
      expect(place?.responses?.[status]).toMatchObject({
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      });
    }
    expect(document().paths?.['/orders']?.get?.parameters).toEqual([
      expect.objectContaining({ in: 'query', name: 'scope' }),
    ]);
  });
});
