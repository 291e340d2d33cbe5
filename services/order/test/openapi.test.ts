import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, documentedRoutes, expressRoutes, type OpenApiDocument } from '@storefront/service-kit';
import { createOrderApp, type OrderAppDependencies } from '../src/app.js';
import { startOrderService, type OrderService } from './support/order-service.js';

/** The app as server.ts builds it, for its router only: nothing here is called. */
function routerOnlyApp() {
  const unused = {} as never;
  return createOrderApp({
    logger: createLogger('order-openapi-test', 'silent'),
    readiness: {},
    orders: unused,
    catalog: unused,
    kickRelay: () => {},
    verifier: unused,
  } satisfies OrderAppDependencies);
}

describe('the OpenAPI document', () => {
  let service: OrderService;
  let response: Response;
  let document: OpenApiDocument;

  beforeAll(async () => {
    service = await startOrderService();
    response = await fetch(`${service.url}/openapi.json`);
    document = (await response.clone().json()) as OpenApiDocument;
  });
  afterAll(() => service?.close());

  it('is served to anyone at /openapi.json, cacheable for five minutes', () => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator();
    // A copy: resolveRefs() replaces the references in the object it validated.
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(() => validator.resolveRefs()).not.toThrow();
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.servers).toEqual([{ url: '/api' }]);
  });

  it('lists every route the service answers, and nothing else', () => {
    expect(documentedRoutes(document)).toEqual(expressRoutes(routerOnlyApp()));
  });

  it('asks for the Idempotency-Key, the session and the CSRF pair when placing an order', () => {
    const place = document.paths?.['/orders']?.post;
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
    expect(document.paths?.['/orders']?.get?.parameters).toEqual([
      expect.objectContaining({ in: 'query', name: 'scope' }),
    ]);
  });
});
